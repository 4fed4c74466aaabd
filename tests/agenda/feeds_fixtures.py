"""Events made for the export and event-page tests, and the addresses those pages have."""

from datetime import datetime, time, timedelta

from bs4 import BeautifulSoup
from django.utils import timezone
from icalendar import Calendar

from agenda.models import AgendaPage, Event
from agenda.recurrence import REUNION
from annuaire import access
from annuaire.access import Visibility
from annuaire.models import Theme


def agenda_url(language="fr"):
    return AgendaPage.objects.get(locale__language_code=language).url


def in_days(days, hour=14, minute=0):
    """A time ``days`` from today, at ``hour`` local time: a date the agenda shows."""
    return datetime.combine(timezone.localdate() + timedelta(days=days), time(hour, minute), tzinfo=REUNION)


def make_event(capture, *, owner, visibility=Visibility.PUBLIC, themes=(), **fields):
    """An event saved as the site saves them: shared, with its occurrences written on commit."""
    start = fields.pop("start", in_days(3))
    values = {"title": "Atelier de test", "start": start, "end": start + timedelta(hours=2), "live": True, **fields}
    event = Event(owner=owner, **values)
    event.full_clean()
    with capture(execute=True):
        access.share(event, visibility=visibility)
        if themes:
            event.themes.set(themes)
    return event


def calendar_of(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def vevents(calendar):
    return {component["UID"]: component for component in calendar.walk("VEVENT")}


def html(response):
    return BeautifulSoup(response.content, "html.parser")


def add_events(capture, owner, place, count=30):
    for number in range(count):
        make_event(
            capture,
            owner=owner,
            place=place,
            title=f"Atelier {number}",
            start=in_days(number % 20 + 1, hour=9 + number % 8),
            recurrence_rule="FREQ=WEEKLY;COUNT=3" if number % 2 else "",
            themes=Theme.objects.filter(locale__language_code="fr", slug__in=["numerique", "artisanat"]),
        )
