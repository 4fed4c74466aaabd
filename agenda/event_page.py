"""What an event's page adds around the event: schema.org data, calendar links, a map, related events.

Each function takes the event the page already loaded and costs at most one query, whatever the
number of events, so the page's query count stays fixed.
"""

import json
import re
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe
from icalendar import vRecur

from agenda import feeds, ical
from agenda.events import Event, Occurrence
from annuaire.island import ISLAND_PATH, VIEWBOX, project
from annuaire.models import DirectoryPage
from caserurale import renditions

# --- schema.org ---------------------------------------------------------------------------------

SCHEMA = "https://schema.org/"
EVENT_STATUSES = {
    Event.Status.SCHEDULED: "EventScheduled",
    Event.Status.FULL: "EventScheduled",  # still takes place; the offer says it is sold out
    Event.Status.CANCELLED: "EventCancelled",
    Event.Status.POSTPONED: "EventPostponed",
}
DAY_NAMES = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
FREQUENCIES = {"DAILY": "D", "WEEKLY": "W", "MONTHLY": "M", "YEARLY": "Y"}
PRICE = re.compile(r"(\d+(?:[.,]\d{1,2})?)\s*(?:€|euros?\b|EUR\b)", re.IGNORECASE)


def iso(moment, all_day):
    local = timezone.localtime(moment)
    return local.date().isoformat() if all_day else local.isoformat(timespec="seconds")


def json_ld(event, *, occurrence, url, organiser_url="", image_url=""):
    """schema.org Event for search engines, dated by ``occurrence`` (the next date, or the first)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": ical.plain_text(event.summary, event.description),
        "url": url,
        "inLanguage": event.locale.language_code,
        "eventStatus": SCHEMA + EVENT_STATUSES.get(event.status, "EventScheduled"),
        "isAccessibleForFree": event.is_free,
    }
    start, end = (occurrence.start, occurrence.end) if occurrence else (event.start, event.end)
    data["startDate"] = iso(start, event.all_day)
    # An all-day occurrence ends at midnight after its last day; schema.org counts the last day itself.
    data["endDate"] = iso(end - timedelta(days=1) if event.all_day and end > start else end, event.all_day)
    locations = []
    if event.place is not None:
        locations.append(place_data(event.place))
    if event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    mode = "Mixed" if len(locations) == 2 else ("Online" if event.online_url else "Offline")
    data["eventAttendanceMode"] = f"{SCHEMA}{mode}EventAttendanceMode"
    organiser = {"@type": "Organization", "name": event.owner.name}
    if organiser_url:
        organiser["url"] = organiser_url
    data["organizer"] = organiser
    data["offers"] = offer(event, url)
    if image_url:
        data["image"] = [image_url]
    schedule = event_schedule(event)
    if schedule:
        data["eventSchedule"] = schedule
    return data


def place_data(place):
    lines = [line.strip() for line in place.address.splitlines() if line.strip()]
    address = {"@type": "PostalAddress", "streetAddress": ", ".join(lines), "addressCountry": "FR"}
    postcode = re.search(r"\b(97\d{3})\s+(.+)$", lines[-1]) if lines else None
    if postcode:
        # The last line is "97426 Trois-Bassins": postcode and town, the street lines before it.
        address.update(
            streetAddress=", ".join(lines[:-1]), postalCode=postcode.group(1), addressLocality=postcode.group(2)
        )
        if not address["streetAddress"]:
            del address["streetAddress"]
    address["addressRegion"] = "La Réunion"
    data = {"@type": "Place", "name": place.name, "address": address}
    if place.has_point:
        latitude, longitude = float(place.latitude), float(place.longitude)
        data["geo"] = {"@type": "GeoCoordinates", "latitude": latitude, "longitude": longitude}
    return data


def offer(event, url):
    data = {"@type": "Offer", "url": url, "priceCurrency": "EUR"}
    if event.is_free:
        data["price"] = "0"
    else:
        data["description"] = event.price
        amount = PRICE.search(event.price or "")
        if amount:
            data["price"] = amount.group(1).replace(",", ".")
    data["availability"] = SCHEMA + ("SoldOut" if event.status == Event.Status.FULL else "InStock")
    return data


def event_schedule(event):
    """schema.org Schedule of a repeating event, for the rules it can say; None otherwise."""
    if not event.recurrence_rule:
        return None
    rule = vRecur.from_ical(event.recurrence_rule)
    if set(rule) - {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "COUNT", "UNTIL"}:
        return None
    frequency = FREQUENCIES.get(rule["FREQ"][0])
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    schedule = {
        "@type": "Schedule",
        "repeatFrequency": f"P{rule.get('INTERVAL', [1])[0]}{frequency}",
        "scheduleTimezone": "Indian/Reunion",
        "startDate": start.date().isoformat(),
    }
    if not event.all_day:
        schedule.update(startTime=f"{start:%H:%M:%S}", endTime=f"{end:%H:%M:%S}")
    days, weeks = [], []
    for item in rule.get("BYDAY", []):
        match = re.fullmatch(r"([+-]?\d{1,2})?([A-Z]{2})", str(item))
        if not match or match.group(2) not in DAY_NAMES:
            return None
        days.append(SCHEMA + DAY_NAMES[match.group(2)])
        if match.group(1):
            if rule["FREQ"][0] != "MONTHLY":
                return None
            weeks.append(int(match.group(1)))
    if days:
        schedule["byDay"] = days if len(days) > 1 else days[0]
    if weeks:
        if len(set(weeks)) > 1:
            return None
        schedule["byMonthWeek"] = weeks[0]
    if rule.get("BYMONTHDAY"):
        schedule["byMonthDay"] = rule["BYMONTHDAY"]
    if rule.get("COUNT"):
        schedule["repeatCount"] = rule["COUNT"][0]
    if rule.get("UNTIL"):
        until = rule["UNTIL"][0]
        schedule["endDate"] = (timezone.localtime(until).date() if isinstance(until, datetime) else until).isoformat()
    return schedule


def json_ld_script(data):
    """The JSON text to put inside <script type="application/ld+json">, escaped like json_script."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_json_script_escapes))  # noqa: S308


# --- Add to my calendar -------------------------------------------------------------------------


def calendar_links(event, occurrence, url):
    """Google Calendar and Outlook.com forms filled with one date of the event (the next one).

    Those two services take a single date from a link; the .ics file carries every date.
    """
    start, end = (occurrence.start, occurrence.end) if occurrence else (event.start, event.end)
    start, end = timezone.localtime(start), timezone.localtime(end)
    details = ical.plain_text(event.summary, "", url)
    location = ical.location_text(event)
    if event.all_day:
        google_dates = f"{start:%Y%m%d}/{end:%Y%m%d}"
        outlook_start, outlook_end = start.date().isoformat(), end.date().isoformat()
    else:
        google_dates = f"{start:%Y%m%dT%H%M%S}/{end:%Y%m%dT%H%M%S}"
        outlook_start, outlook_end = start.isoformat(timespec="seconds"), end.isoformat(timespec="seconds")
    google = {"action": "TEMPLATE", "text": event.title, "dates": google_dates, "ctz": ical.TZID}
    outlook = {"rru": "addevent", "subject": event.title, "startdt": outlook_start, "enddt": outlook_end}
    outlook["allday"] = "true" if event.all_day else "false"
    google["details"] = outlook["body"] = details
    if location:
        google["location"] = outlook["location"] = location
    return {
        "google": "https://calendar.google.com/calendar/render?" + urlencode(google),
        "outlook": "https://outlook.live.com/calendar/0/action/compose?" + urlencode(outlook),
    }


# --- Related events -----------------------------------------------------------------------------


def related_events(event, events, *, limit=3, now=None):
    """Up to ``limit`` of ``events`` (public, in the page's language) to come that share a theme, the
    organiser or the place of ``event``; each with ``next_start`` and ``next_end``. One query."""
    now = now or timezone.now()
    same_theme = Event.themes.through.objects.filter(
        event=OuterRef("pk"), theme__slug__in=event.themes.through.objects.filter(event=event).values("theme__slug")
    )
    shared = Q(owner=event.owner_id) | Exists(same_theme)
    if event.place_id:
        shared |= Q(place=event.place_id)
    upcoming = Occurrence.objects.filter(event=OuterRef("pk"), end__gte=now).order_by("start", "pk")
    return list(
        events.exclude(translation_key=event.translation_key)
        .filter(shared)
        .annotate(next_start=Subquery(upcoming.values("start")[:1]), next_end=Subquery(upcoming.values("end")[:1]))
        .filter(next_start__isnull=False)
        .select_related("place", "locale")
        .order_by("next_start", "pk")[:limit]
    )


# --- Map of La Réunion (annuaire.island draws the coast) ------------------------------------------


def place_map(place):
    """What agenda/includes/place_map.html draws: the island, a marker, the OpenStreetMap link."""
    if place is None or not place.has_point:
        return None
    x, y = project(place.latitude, place.longitude)
    latitude, longitude = f"{place.latitude:.5f}", f"{place.longitude:.5f}"
    return {
        "viewbox": " ".join(map(str, VIEWBOX)),
        "island": ISLAND_PATH,
        # Strings: the template would write numbers the French way, with a decimal comma.
        "x": str(x),
        "y": str(y),
        "osm_url": f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}#map=16/{latitude}/{longitude}",
    }


# --- Everything, for the page -------------------------------------------------------------------


def organiser_url(organisation, request, locale):
    """Absolute address of the organisation's page in the public directory, if it has one."""
    if not organisation.public_profile:
        return ""
    directory = DirectoryPage.objects.live().filter(locale=locale).first()
    if directory is None:
        return ""
    path = directory.get_url(request) + directory.reverse_subpage("organisation", args=(organisation.slug,))
    return request.build_absolute_uri(path)


def context(event, *, upcoming, request, page):
    """The event page's context beyond the event itself."""
    occurrence = upcoming[0] if upcoming else None
    url = feeds.event_url(page, request, event)
    image_url = ""
    if event.image_id:
        image_url = request.build_absolute_uri(event.image.get_rendition(renditions.SIZES["share"]).url)
    organiser = organiser_url(event.owner, request, page.locale)
    data = json_ld(event, occurrence=occurrence, url=url, organiser_url=organiser, image_url=image_url)
    return {
        "json_ld": json_ld_script(data),
        "calendar_links": calendar_links(event, occurrence, url),
        "place_map": place_map(event.place),
        "related_events": related_events(event, feeds.public_events(page.locale)),
    }
