"""Organisations with a public profile in the open-data API (``/api/v1/organisations/``).

What the public directory shows of them, nothing more: other organisations are never listed.
"""

from typing import Literal

from django.utils import translation
from ninja import Field, Query, Router, Schema

from annuaire.models import DirectoryPage, Organisation
from caserurale.apischema import INVALID, Paging, locale_for, page_of

router = Router(tags=["organisations"])


class OrganisationOut(Schema):
    id: int
    name: str
    slug: str
    kind: Literal[tuple(Organisation.Kind.values)]
    kind_label: str
    description: str = Field(description="In French, as the organisation wrote it.")
    website: str | None
    email: str | None
    phone: str | None
    address: str
    url: str | None = Field(description="The organisation's page in the public directory.")


class OrganisationPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[OrganisationOut]


class OrganisationFilters(Paging):
    kind: Literal[tuple(Organisation.Kind.values)] | None = None


@router.get("/", response={200: OrganisationPage, **INVALID}, summary="Organisations with a public profile")
def list_organisations(request, filters: Query[OrganisationFilters]):
    locale = locale_for(filters.lang)
    organisations = Organisation.objects.filter(public_profile=True).order_by("name", "pk")
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    count, rows = page_of(organisations, filters)
    page = DirectoryPage.objects.live().filter(locale=locale).first() or DirectoryPage.objects.live().first()
    base = page.get_full_url(request) if page else None
    with translation.override(filters.lang):
        items = [
            {
                "id": organisation.pk,
                "name": organisation.name,
                "slug": organisation.slug,
                "kind": organisation.kind,
                "kind_label": str(organisation.get_kind_display()),
                "description": organisation.description,
                "website": organisation.website or None,
                "email": organisation.email or None,
                "phone": organisation.phone or None,
                "address": organisation.address,
                "url": base + page.reverse_subpage("organisation", args=(organisation.slug,)) if base else None,
            }
            for organisation in rows
        ]
    return {"count": count, "limit": filters.limit, "offset": filters.offset, "items": items}
