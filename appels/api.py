"""Public funding calls in the open-data API (``/api/v1/funding-calls/``).

Only what residents see on the public site: ``FundingCall.objects.for_public_site()``, one item
per call (its original row; ``lang=rcf`` gives the Creole words where a translation exists).
Filters are those of the extranet list (appels.search), under English names.
"""

from datetime import date, datetime
from typing import Literal

from django.db.models import F
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from ninja import Field, Query, Router, Schema

from annuaire.models import Audience, Theme
from appels import search
from appels.calls import Deadline, FundingCall, Status
from caserurale.apischema import ERRORS, INVALID, Label, Language, Paging, locale_for, page_of, text_filter

router = Router(tags=["funding calls"])

KindName = Literal[tuple(FundingCall.Kind.values)]
PerimeterName = Literal[tuple(FundingCall.Perimeter.values)]
StatusName = Literal[tuple(Status.values)]


class DeadlineOut(Schema):
    date: date
    step: Literal[tuple(Deadline.Kind.values)]
    step_label: str
    label: str


class FundingCallOut(Schema):
    id: int
    title: str
    summary: str
    kind: KindName
    kind_label: str
    status: StatusName
    status_label: str
    next_deadline: date | None = Field(description="The first deadline not passed yet.")
    deadlines: list[DeadlineOut]
    perimeter: PerimeterName
    perimeter_label: str
    themes: list[Label]
    beneficiaries: list[Label] = Field(description="Who can apply.")
    amount_min: float | None = Field(description="In euros.")
    amount_max: float | None = Field(description="In euros.")
    rate: int | None = Field(description="Share of the project's cost the funder pays, in %.")
    url: str | None = Field(description="The funder's page about the call.")
    application_url: str | None = Field(description="Where to apply.")
    language: Language = Field(description="Language of title and summary (the original's where not translated).")
    updated_at: datetime


class FundingCallPage(Schema):
    count: int = Field(description="How many calls match, in all pages.")
    limit: int
    offset: int
    items: list[FundingCallOut]


class FundingCallFilters(Paging):
    kind: KindName | None = None
    theme: str | None = text_filter(100, "A theme's slug.")
    beneficiary: str | None = text_filter(100, "Slug of an audience that can apply.")
    perimeter: PerimeterName | None = None
    status: StatusName | None = None
    closes_within: int | None = Field(None, ge=0, le=search.MAX_DAYS, description="Next deadline within N days.")
    q: str | None = text_filter(200, "Words, all present.")


class LanguageChoice(Schema):
    lang: Language = Field("fr", description="Language of the words.")


def public_calls():
    return search.originals(FundingCall.objects.for_public_site())


def serialise(calls, language, today):
    """The API items of ``calls`` (deadlines, themes and beneficiaries prefetched), in ``language``."""
    locale = locale_for(language)
    translated = {
        row.translation_key: row
        for row in FundingCall.objects.filter(
            translation_key__in=[call.translation_key for call in calls], locale=locale
        ).only("translation_key", "title", "summary", "locale_id")
    }
    theme_names, audience_names = Theme.names(locale), Audience.names(locale)
    items = []
    with translation.override(language):
        for call in calls:
            words = translated.get(call.translation_key)
            deadlines = list(call.deadlines.all())
            coming = [deadline.due_on for deadline in deadlines if deadline.due_on >= today]
            status = getattr(call, "status", None) or call.status_on(today)
            items.append(
                {
                    "id": call.pk,
                    "title": (words or call).title,
                    "summary": (words or call).summary,
                    "kind": call.kind,
                    "kind_label": str(call.get_kind_display()),
                    "status": status,
                    "status_label": str(Status(status).label),
                    "next_deadline": min(coming) if coming else None,
                    "deadlines": [
                        {
                            "date": deadline.due_on,
                            "step": deadline.kind,
                            "step_label": str(deadline.get_kind_display()),
                            "label": deadline.label,
                        }
                        for deadline in deadlines
                    ],
                    "perimeter": call.perimeter,
                    "perimeter_label": str(call.get_perimeter_display()),
                    "themes": [{"slug": t.slug, "name": theme_names.get(t.slug, t.name)} for t in call.themes.all()],
                    "beneficiaries": [
                        {"slug": a.slug, "name": audience_names.get(a.slug, a.name)} for a in call.beneficiaries.all()
                    ],
                    "amount_min": float(call.amount_min) if call.amount_min is not None else None,
                    "amount_max": float(call.amount_max) if call.amount_max is not None else None,
                    "rate": call.cofinancing_rate,
                    "url": call.url or None,
                    "application_url": call.application_url or None,
                    "language": language if words else call.locale.language_code,
                    "updated_at": call.updated_at,
                }
            )
    return items


def with_relations(calls):
    return calls.select_related("locale").prefetch_related("deadlines", "themes", "beneficiaries")


@router.get("/", response={200: FundingCallPage, **INVALID}, summary="Public funding calls")
def list_funding_calls(request, filters: Query[FundingCallFilters]):
    """Public calls, the next deadline first (calls without one last)."""
    today = timezone.localdate()
    params = {
        search.KIND: filters.kind,
        search.THEME: filters.theme,
        search.BENEFICIARY: filters.beneficiary,
        search.PERIMETER: filters.perimeter,
        search.STATUS: filters.status,
        search.CLOSES_WITHIN: filters.closes_within,
        search.WORDS: filters.q,
    }
    calls = search.filter_calls(public_calls(), params, today).order_by(F("next_deadline").asc(nulls_last=True), "pk")
    count, rows = page_of(with_relations(calls), filters)
    return {
        "count": count,
        "limit": filters.limit,
        "offset": filters.offset,
        "items": serialise(rows, filters.lang, today),
    }


@router.get("/{call_id}", response={200: FundingCallOut, **ERRORS}, summary="One public funding call")
def get_funding_call(request, call_id: int, params: Query[LanguageChoice]):
    today = timezone.localdate()
    call = get_object_or_404(with_relations(public_calls().with_status(today)), pk=call_id)
    return serialise([call], params.lang, today)[0]
