"""Public events in the open-data API (``/api/v1/events/``): published public events, as the agenda shows them.

Each event once, in the language asked for when translated (and published), else in its original
language, like the agenda's pages and feeds (agenda.feeds.public_events): an item's ``id`` is the
one in the address of its page on the public agenda of that language.
"""

import re
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from pydantic import field_validator

from agenda.events import Occurrence
from agenda.feeds import public_events
from agenda.pages import AgendaPage
from agenda.recurrence import REUNION
from caserurale.apischema import INVALID, Paging, locale_for, page_of

router = Router(tags=["events"])
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)


class PlaceOut(Schema):
    name: str
    address: str
    latitude: float | None
    longitude: float | None


class OrganiserOut(Schema):
    name: str
    organisation_id: int | None = Field(description="Set when the organisation has a public profile (/organisations/).")


class EventOut(Schema):
    id: int
    uid: str = Field(description="The event's iCalendar UID, the same in every language.")
    title: str
    summary: str
    start: datetime
    end: datetime
    all_day: bool
    recurrence_rule: str = Field(description="An RFC 5545 RRULE when the event repeats, else empty.")
    status: str
    place: PlaceOut | None
    online_url: str | None
    organiser: OrganiserOut | None
    url: str | None = Field(description="The event's page on the public agenda.")
    language: str


class EventPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[EventOut]


class EventFilters(Paging):
    from_: date | None = Field(
        None, alias="from", description="Events taking place on or after this day (default: today)."
    )
    to: date | None = Field(None, description="Events taking place on or before this day.")

    @field_validator("from_", "to", mode="before")
    @classmethod
    def iso_date_only(cls, value):
        """YYYY-MM-DD only: pydantic would otherwise read ``to=0`` as a Unix time, which the description forbids."""
        if value is None or isinstance(value, date) or (isinstance(value, str) and ISO_DATE.fullmatch(value)):
            return value
        raise ValueError("a date is written YYYY-MM-DD")


def place_of(place):
    if place is None:
        return None
    address = ", ".join(line.strip() for line in place.address.splitlines() if line.strip())
    return {
        "name": place.name,
        "address": address,
        "latitude": float(place.latitude) if place.latitude is not None else None,
        "longitude": float(place.longitude) if place.longitude is not None else None,
    }


@router.get("/", response={200: EventPage, **INVALID}, summary="Public events")
def list_events(request, filters: Query[EventFilters]):
    """Published public events with a date between ``from`` and ``to``, by their first date."""
    locale = locale_for(filters.lang)
    # Far dates are brought back to a range the database's timestamps can hold.
    first_day = max(filters.from_ or timezone.localdate(), EARLIEST)
    occurrences = Occurrence.objects.filter(
        event=OuterRef("pk"), end__gte=datetime.combine(first_day, time.min, REUNION)
    )
    if filters.to:
        last_day = min(filters.to, LATEST)
        occurrences = occurrences.filter(start__lt=datetime.combine(last_day + timedelta(days=1), time.min, REUNION))
    events = (
        public_events(locale)
        .filter(Exists(occurrences))
        .select_related("place", "owner", "locale")
        .order_by("start", "pk")
    )
    count, rows = page_of(events, filters)
    page = AgendaPage.objects.live().filter(locale=locale).first() or AgendaPage.objects.live().first()
    base = page.get_full_url(request) if page else None
    items = []
    for event in rows:
        organiser = event.owner
        items.append(
            {
                "id": event.pk,
                "uid": event.uid,
                "title": event.title,
                "summary": event.summary,
                "start": event.start,
                "end": event.end,
                "all_day": event.all_day,
                "recurrence_rule": event.recurrence_rule,
                "status": event.status,
                "place": place_of(event.place),
                "online_url": event.online_url or None,
                "organiser": {
                    "name": organiser.name,
                    "organisation_id": organiser.pk if organiser.public_profile else None,
                }
                if organiser
                else None,
                "url": base + page.reverse_subpage("event", args=(event.pk,)) if base else None,
                "language": event.locale.language_code,
            }
        )
    return {"count": count, "limit": filters.limit, "offset": filters.offset, "items": items}
