"""What the open-data API's parts share: the language parameter, paging, error bodies.

The API (caserurale.api, mounted at /api/v1/) serves only what the public site shows, to anyone,
read-only: no sign-in, no cookies, open to other sites' scripts (CORS), cacheable.
"""

from typing import Any, Literal

from django.conf import settings
from ninja import Field, Schema
from wagtail.models import Locale

Language = Literal["fr", "rcf"]
MAX_LIMIT = 100
# PostgreSQL cannot hold a NUL character in a text value: refused with a 422 and said so in the schema.
NO_NUL = r"^[^\x00]*$"


def text_filter(max_length, description):
    """An optional words-or-slug parameter: bounded, and without NUL characters."""
    return Field(None, max_length=max_length, pattern=NO_NUL, description=description)


class Paging(Schema):
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description="How many items, at most (1 to 100).")
    offset: int = Field(0, ge=0, le=1_000_000, description="How many items to skip.")
    lang: Language = Field("fr", description="Language of the words: French, or Réunion Creole where translated.")


class Label(Schema):
    slug: str
    name: str


class NotFound(Schema):
    detail: str


class InvalidRequest(Schema):
    detail: list[dict[str, Any]]


INVALID = {422: InvalidRequest}
ERRORS = {404: NotFound, **INVALID}


def locale_for(language):
    """The Wagtail locale of ``language``, the default one if it is missing."""
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    return locales.get(language) or locales.get(settings.LANGUAGE_CODE)


def page_of(queryset, paging):
    """``(count, rows)``: the total and the rows of the page asked for."""
    return queryset.count(), list(queryset[paging.offset : paging.offset + paging.limit])
