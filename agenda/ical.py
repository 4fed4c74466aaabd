"""The agenda as RFC 5545 iCalendar: one VEVENT per event, its rule kept, never expanded.

Calendar applications (Thunderbird, Google Calendar, Apple Calendar, Outlook) subscribe to these
calendars and refresh them; they recognise an event by its UID and replace their copy when the
SEQUENCE grows. So a VEVENT carries the event's stable ``uid`` (the same in every language) and its
``sequence``, and a repeating event stays one VEVENT with its RRULE and EXDATEs: the application
expands it, with the same dates as our stored occurrences (agenda.recurrence follows RFC 5545).

This module knows nothing of requests or URLs: agenda.feeds gives it events, their URLs and the
names of their themes, and turns the calendar into an HTTP response.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.utils import timezone
from icalendar import Calendar, Timezone, TimezoneStandard, vRecur
from icalendar import Event as VEvent

from agenda import recurrence

PRODID = "-//La Case Rurale//Agenda//FR"
TZID = "Indian/Reunion"

STATUSES = {"scheduled": "CONFIRMED", "full": "CONFIRMED", "cancelled": "CANCELLED", "postponed": "TENTATIVE"}


@dataclass
class EventLinks:
    """What the calendar says about an event beyond its own fields, in the calendar's language."""

    url: str = ""
    categories: list[str] = field(default_factory=list)


def reunion_timezone():
    """VTIMEZONE of Réunion: UTC+04:00, no daylight saving time (since 1911).

    Written by hand rather than generated from zoneinfo, which only describes a bounded range of
    years and says so in a COMMENT that some applications show.
    """
    component = Timezone()
    component.add("tzid", TZID)
    standard = TimezoneStandard()
    standard.add("dtstart", datetime(1970, 1, 1))
    standard.add("tzoffsetfrom", timedelta(hours=4))
    standard.add("tzoffsetto", timedelta(hours=4))
    standard.add("tzname", "+04")
    component.add_component(standard)
    return component


def new_calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    calendar.add_component(reunion_timezone())
    return calendar


def build_calendar(events, *, name, links=None, stamp=None):
    """A VCALENDAR holding one VEVENT per event of ``events``.

    ``links`` maps an event's pk to its EventLinks (URL, theme names) in the calendar's language.
    """
    stamp = stamp or timezone.now()
    links = links or {}
    calendar = new_calendar(name)
    for event in events:
        calendar.add_component(vevent(event, links.get(event.pk, EventLinks()), stamp=stamp))
    return calendar


# One event -------------------------------------------------------------------------------------


def local(moment):
    return timezone.localtime(moment, recurrence.REUNION)


def vevent(event, links, *, stamp):
    component = VEvent()
    component.add("uid", event.uid)
    component.add("sequence", event.sequence)
    component.add("dtstamp", stamp.astimezone(UTC))
    component.add("created", event.created_at.astimezone(UTC))
    component.add("last-modified", event.updated_at.astimezone(UTC))
    start, end = event.occurrence_bounds()
    if event.all_day:
        component.add("dtstart", start)  # a date: VALUE=DATE
        component.add("dtend", end)  # exclusive, as occurrence_bounds() gives it
    else:
        component.add("dtstart", local(start))  # TZID=Indian/Reunion
        component.add("dtend", local(end))
    if event.recurrence_id:
        component.add("recurrence-id", event.recurrence_id.date() if event.all_day else local(event.recurrence_id))
    if event.recurrence_rule:
        component.add("rrule", rule_for_calendar(event.recurrence_rule, all_day=event.all_day))
        excluded = excluded_starts(event, start)
        if excluded:
            component.add("exdate", excluded)
    component.add("summary", event.title)
    description = plain_text(event.summary, event.description, links.url)
    if description:
        component.add("description", description)
    location = location_text(event)
    if location:
        component.add("location", location)
    place = event.place
    if place is not None and place.has_point:
        component.add("geo", (float(place.latitude), float(place.longitude)))
    if links.url:
        component.add("url", links.url)
    component.add("status", STATUSES.get(event.status, "CONFIRMED"))
    organiser = event.owner
    if organiser is not None:
        # Only an organisation that chose a public profile has its address published.
        if organiser.public_profile and organiser.email:
            component.add("organizer", f"mailto:{organiser.email}", parameters={"CN": organiser.name})
        # ORGANIZER needs an address; the name alone goes in an X- property.
        component.add("x-caserurale-organiser", organiser.name)
    if links.categories:
        component.add("categories", links.categories)
    return component


def rule_for_calendar(rule, *, all_day):
    """The stored RRULE, with UNTIL written as RFC 5545 wants it for the event's DTSTART.

    Our rules may say UNTIL=20261231 (that whole day included) for a timed event, where RFC 5545
    asks for a UTC time; and a time for an all-day event, where it asks for a date.
    """
    recur = vRecur.from_ical(rule)
    until = recur.get("UNTIL")
    if until:
        value = until[0]
        if all_day:
            recur["UNTIL"] = [value.date() if isinstance(value, datetime) else value]
        else:
            if not isinstance(value, datetime):
                value = datetime.combine(value, time.max.replace(microsecond=0))
            if value.tzinfo is None:
                value = value.replace(tzinfo=recurrence.REUNION)  # our rules are on Réunion wall-clock time
            recur["UNTIL"] = [value.astimezone(UTC)]
    return recur


def excluded_starts(event, start):
    """EXDATE values: the starts of the occurrences that do not take place.

    A date alone in ``excluded_dates`` removes that day's occurrence (agenda.recurrence): for a
    timed event, EXDATE names the occurrence by its start, that day at the event's time.
    """
    values = []
    for value in event.excluded_dates or ():
        value = recurrence._from_text(value)
        if event.all_day:
            values.append(local(value).date() if isinstance(value, datetime) else value)
        elif isinstance(value, datetime):
            values.append(local(value))
        elif isinstance(value, date):
            values.append(datetime.combine(value, local(start).time(), tzinfo=recurrence.REUNION))
    return sorted(set(values))


def location_text(event):
    if event.place is not None:
        address = ", ".join(line.strip() for line in event.place.address.splitlines() if line.strip())
        return f"{event.place.name}, {address}" if address else event.place.name
    return event.online_url


_BLOCK_END = re.compile(r"</(p|li|h[1-6]|div|blockquote)\s*>|<br\s*/?>", re.IGNORECASE)
_ITEM_START = re.compile(r"<li[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def html_to_text(markup):
    """Rich text as plain lines: one per paragraph or list item, items marked with a dash."""
    text = _ITEM_START.sub("- ", markup or "")
    text = _BLOCK_END.sub("\n", text)
    text = html.unescape(_TAG.sub("", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def plain_text(summary, description_html, url=""):
    """DESCRIPTION: the summary, then the description, then the event page's address."""
    parts = [part for part in (summary.strip(), html_to_text(description_html), url) if part]
    return "\n\n".join(parts)
