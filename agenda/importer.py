"""Import a partner's iCalendar feed into the agenda: one transaction per fetch, events upserted by UID.

- Events are keyed by (source, UID, RECURRENCE-ID). A date changed in a series (RECURRENCE-ID) is
  its own event and an excluded date of the series; a cancelled date is only an excluded date.
- Times: TZID (IANA, Windows names mapped by icalendar, or the feed's VTIMEZONE), UTC, or floating —
  floating times are read in the feed's X-WR-TIMEZONE (Google), else in Réunion time.
- Remote text is never trusted as HTML: descriptions become escaped paragraphs.
- Sources the Case Rurale trusts publish at once; the others leave a draft revision for an editor.
- A feed that cannot be fetched or read changes nothing but the source's last error: what was
  imported before stays. Events that disappear from a feed that was read are deleted.

Reasons and errors are stored as short codes (in ``CalendarSource.last_summary`` and
``last_error``) and turned into sentences in the reader's language by :func:`skip_reason` and
:func:`error_message`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from agenda import recurrence
from agenda.events import CalendarSource, Event
from agenda.recurrence import REUNION
from annuaire import access
from annuaire.models import Place
from caserurale import remote
from caserurale.sanitize import clean_rich_text

MAX_EVENTS = 2000  # VEVENTs per feed; more is refused as a whole (never a partial import)
MAX_LISTED_SKIPS = 100  # reasons kept in the stored summary; the count is always exact
ACCEPT = "text/calendar, text/plain;q=0.8, */*;q=0.5"

SKIP_REASONS = {
    "unreadable_line": _("unreadable line, ignored"),
    "unreadable_event": _("unreadable event"),
    "no_uid": _("no identifier (UID)"),
    "no_title": _("no title"),
    "no_start": _("no start date"),
    "bad_date": _("a date that cannot be read"),
    "end_before_start": _("ends before it starts"),
    "too_frequent": _("repeats more often than once a day"),
    "invalid_rule": _("a repetition rule that cannot be read"),
    "duplicate": _("appears twice in the calendar"),
    "invalid": _("refused by the agenda's checks"),
    "rdate_ignored": _("extra dates (RDATE) are not imported, only the rule"),
}

ERROR_MESSAGES = {
    remote.URL: _("This is not a web address."),
    remote.SCHEME: _("Only addresses starting with http:// or https:// can be imported."),
    remote.RESOLVE: _("This site cannot be found: check the address."),
    remote.ADDRESS: _("This address points to a private or local network: only public addresses can be imported."),
    remote.REDIRECTS: _("The site sends us from address to address too many times."),
    remote.TOO_LARGE: _("The calendar is too large (more than 10 MB)."),
    remote.TIMEOUT: _("The site takes too long to answer."),
    remote.HTTP_STATUS: _("The site answered with an error (HTTP %(detail)s): check that the calendar is public."),
    remote.TLS: _("The site's security certificate is not valid."),
    remote.CONNECTION: _("The site cannot be reached."),
    "not_calendar": _("This address does not give an iCalendar calendar (.ics) but another kind of page."),
    "unreadable": _("The calendar cannot be read."),
    "too_many_events": _("The calendar holds too many events (%(detail)s; the limit is 2,000)."),
}


class FeedError(Exception):
    """A feed that was fetched but cannot be imported at all."""

    def __init__(self, code, detail=""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = str(detail)


class Skip(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


LINE_PREFIX = "line:"  # a skipped line is stored as "line:12", shown in the reader's language


def skip_reason(code):
    return str(SKIP_REASONS.get(code, code))


def skip_reference(reference):
    if reference.startswith(LINE_PREFIX) and reference.removeprefix(LINE_PREFIX).isdigit():
        return gettext("line %(number)s") % {"number": reference.removeprefix(LINE_PREFIX)}
    return reference


def error_message(last_error):
    """A stored ``last_error`` ('code' or 'code: detail') in plain words, in the active language."""
    if not last_error:
        return ""
    code, _sep, detail = last_error.partition(": ")
    message = ERROR_MESSAGES.get(code)
    if message is None:
        return last_error
    return str(message) % {"detail": detail} if "%(detail)s" in str(message) else str(message)


@dataclass
class Summary:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    skipped: list = field(default_factory=list)  # [reference (UID or "line 12"), reason code]
    warnings: list = field(default_factory=list)  # same shape: imported, with something left out
    not_modified: bool = False

    def skip(self, reference, code):
        self.skipped.append([str(reference)[:200], code])

    def as_dict(self):
        return {
            "created": self.created,
            "updated": self.updated,
            "deleted": self.deleted,
            "unchanged": self.unchanged,
            "skipped_count": len(self.skipped),
            "skipped": self.skipped[:MAX_LISTED_SKIPS],
            "warnings": self.warnings[:MAX_LISTED_SKIPS],
            "not_modified": self.not_modified,
        }


# --- Reading the feed ------------------------------------------------------------------------------

_CONTENT_LINE = re.compile(r"[A-Za-z0-9-]+[;:]")


def _text(data):
    if isinstance(data, str):
        return data
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # older Outlook exports


def clean_lines(data, summary):
    """The feed without the lines that are not iCalendar content lines (merge markers, HTML…).

    icalendar refuses a whole file for one such line; we drop it and say so.
    """
    kept, keeping = [], False
    for number, line in enumerate(_text(data).splitlines(), start=1):
        if line[:1] in (" ", "\t"):  # a folded continuation belongs to the line before it
            if keeping:
                kept.append(line)
            continue
        if not line.strip():
            continue
        keeping = bool(_CONTENT_LINE.match(line))
        if keeping:
            kept.append(line)
        else:
            summary.skip(f"{LINE_PREFIX}{number}", "unreadable_line")
    if not kept or kept[0].strip().upper() != "BEGIN:VCALENDAR":
        raise FeedError("not_calendar")
    return "\r\n".join(kept) + "\r\n"


def parse_calendar(data, summary):
    text = clean_lines(data, summary)
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except Exception as error:  # icalendar raises many kinds of errors on hostile input
        raise FeedError("unreadable", type(error).__name__) from None
    if not calendars:  # BEGIN and END that do not match
        raise FeedError("unreadable")
    return calendars[0]


def _zone(calendar):
    """Where floating times are: the feed's X-WR-TIMEZONE (Google) if it is a real zone, else Réunion."""
    name = str(calendar.get("X-WR-TIMEZONE", "")).strip()
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return REUNION


def _aware(value, zone):
    """A date-time placed in time: floating ones (and unknown TZIDs, read as floating) in ``zone``."""
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=zone)
    return value


def _decoded(component, name):
    value = component.get(name)
    if value is None:
        return None
    if isinstance(value, list):  # the property given twice
        raise Skip("bad_date")
    return value.dt if hasattr(value, "dt") else component.decoded(name)


def _date_values(component, name):
    """Every date or date-time of a list property (EXDATE, RDATE), whether given once or many times."""
    values = component.get(name)
    if values is None:
        return []
    result = []
    for item in values if isinstance(values, list) else [values]:
        result.extend(entry.dt for entry in item.dts)
    return result


def _local_day(value, zone):
    if isinstance(value, datetime):
        return _aware(value, zone).astimezone(REUNION).date()
    return value


def _exdate_text(value, zone):
    """An excluded date of a timed event as recurrence.expand reads it: an instant, or a whole day."""
    if isinstance(value, datetime):
        return _aware(value, zone).astimezone(REUNION).isoformat()
    return value.isoformat()


def _rule_text(component, zone):
    rule = component.get("RRULE")
    if rule is None:
        return ""
    if isinstance(rule, list):
        rule = rule[0]
    rule = icalendar.vRecur(dict(rule))
    until = rule.get("UNTIL")
    if until:
        value = until[0]
        if isinstance(value, datetime):
            # The recurrence module reads a UNTIL without Z as Réunion time: give it UTC.
            rule["UNTIL"] = [_aware(value, zone).astimezone(UTC)]
    return rule.to_ical().decode()


_HTML_HINT = re.compile(r"<(br|p|div|span|b|i|u|a|ul|ol|li|strong|em|html|body)\b[^>]*>", re.IGNORECASE)
_HTML_BREAKS = re.compile(r"<br\s*/?>|</(p|div|li|h\d)>", re.IGNORECASE)
_HTML_DROP = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def plain_text(text):
    """The words of a DESCRIPTION; Google and others put HTML there, which we never keep as HTML."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _HTML_HINT.search(text):
        text = _HTML_DROP.sub("", text)
        text = _HTML_BREAKS.sub("\n", text)
        text = html.unescape(strip_tags(text))
    return text.strip()


def description_html(text, extra_paragraphs=()):
    """Plain text as escaped paragraphs for a RichTextField: blank lines part paragraphs, newlines break lines."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", plain_text(text or "")):
        lines = [html.escape(line.strip(), quote=False) for line in block.split("\n") if line.strip()]
        if lines:
            paragraphs.append("<p>" + "<br/>".join(lines) + "</p>")
    paragraphs.extend(extra_paragraphs)
    # In the form the model stores (cleaned by nh3), so that an unchanged feed compares equal.
    return clean_rich_text("".join(paragraphs))


def _normal_name(text):
    return " ".join(text.replace("’", "'").casefold().split())


class PlaceFinder:
    """Known places by name: the whole LOCATION, or its first part before a comma."""

    def __init__(self):
        self.places = {_normal_name(place.name): place for place in Place.objects.all()}

    def find(self, location):
        if not location:
            return None
        return self.places.get(_normal_name(location)) or self.places.get(_normal_name(location.split(",")[0]))


_url_validator = URLValidator(schemes=["http", "https"])


@dataclass
class Item:
    """One VEVENT, read: the values of an Event, ready to compare and save."""

    uid: str
    recurrence_id: datetime | None
    sequence: int
    cancelled: bool
    values: dict


def read_event(component, zone, places):
    """An :class:`Item` from a VEVENT, or raise Skip with the reason."""
    uid = str(component.get("UID", "")).strip()
    if not uid:
        raise Skip("no_uid")
    title = " ".join(str(component.get("SUMMARY", "")).split())
    try:
        start = _decoded(component, "DTSTART")
        end = _decoded(component, "DTEND")
        duration = _decoded(component, "DURATION")
        recurrence_id = _decoded(component, "RECURRENCE-ID")
        exdates = _date_values(component, "EXDATE")
        has_rdates = component.get("RDATE") is not None
        rule = _rule_text(component, zone)
    except Skip:
        raise
    except Exception:  # an impossible date (month 13, hour 25…) fails inside icalendar
        raise Skip("bad_date") from None
    if start is None:
        raise Skip("no_start")
    if not title:
        raise Skip("no_title")
    if not isinstance(start, date) or (end is not None and not isinstance(end, date)):
        raise Skip("bad_date")

    all_day = not isinstance(start, datetime)
    if all_day:
        first = start
        if end is not None:
            last = end.date() if isinstance(end, datetime) else end
        elif isinstance(duration, timedelta):
            last = first + timedelta(days=max(duration.days, 1))
        else:
            last = first + timedelta(days=1)  # RFC 5545: a date without end lasts that day
        if last < first:
            raise Skip("end_before_start")
        last = max(last, first + timedelta(days=1))
        start_at = datetime.combine(first, time.min, tzinfo=REUNION)
        end_at = datetime.combine(last, time.min, tzinfo=REUNION)
        excluded = sorted({_local_day(value, zone).isoformat() for value in exdates})
    else:
        start_at = _aware(start, zone)
        if isinstance(end, datetime):
            end_at = _aware(end, zone)
        elif isinstance(end, date):
            end_at = datetime.combine(end, time.min, tzinfo=zone)
        elif isinstance(duration, timedelta):
            end_at = start_at + duration
        else:
            end_at = start_at  # RFC 5545: a date-time without end is an instant
        if end_at < start_at:
            raise Skip("end_before_start")
        start_at, end_at = start_at.astimezone(REUNION), end_at.astimezone(REUNION)
        excluded = sorted({_exdate_text(value, zone) for value in exdates})

    if rule:
        try:
            rule = recurrence.validate_rule(rule)
        except recurrence.RecurrenceError as error:
            raise Skip("too_frequent" if error.code == "too_frequent" else "invalid_rule") from None

    if recurrence_id is not None:
        if isinstance(recurrence_id, datetime):
            recurrence_id = _aware(recurrence_id, zone).astimezone(REUNION)
        else:
            recurrence_id = datetime.combine(recurrence_id, time.min, tzinfo=REUNION)

    location = " ".join(str(component.get("LOCATION", "")).split())
    place = places.find(location)
    extra = []
    if location and place is None:
        # Content, not interface: imported events are in the default locale, French.
        extra.append("<p>" + html.escape(f"Lieu : {location}", quote=False) + "</p>")
    url = str(component.get("URL", "")).strip()
    if url:
        try:
            _url_validator(url)
        except ValidationError:
            url = ""
    if url:
        extra.append(f'<p><a href="{html.escape(url)}">{html.escape(url, quote=False)}</a></p>')

    status = str(component.get("STATUS", "")).strip().upper()
    try:
        sequence = int(str(component.get("SEQUENCE", 0)))
    except ValueError:
        sequence = 0
    return Item(
        uid=uid[:255],
        recurrence_id=recurrence_id,
        sequence=sequence,
        cancelled=status == "CANCELLED",
        values={
            "title": title[:200],
            "description": description_html(str(component.get("DESCRIPTION", "")), extra),
            "place": place,
            "start": start_at,
            "end": end_at,
            "all_day": all_day,
            "recurrence_rule": rule,
            "excluded_dates": excluded,
            "status": Event.Status.CANCELLED if status == "CANCELLED" else Event.Status.SCHEDULED,
        },
    ), has_rdates


def read_items(calendar, summary):
    """The feed's events, overrides folded into their series, duplicates and bad events skipped."""
    components = calendar.walk("VEVENT")
    if len(components) > MAX_EVENTS:
        raise FeedError("too_many_events", len(components))
    zone, places = _zone(calendar), PlaceFinder()
    items = {}
    for component in components:
        reference = str(component.get("UID", "")).strip() or str(component.get("SUMMARY", "?"))[:80]
        try:
            item, has_rdates = read_event(component, zone, places)
        except Skip as skip:
            summary.skip(reference, skip.code)
            continue
        except Exception:  # hostile input must not stop the rest of the feed
            summary.skip(reference, "unreadable_event")
            continue
        if has_rdates:
            summary.warnings.append([item.uid, "rdate_ignored"])
        key = (item.uid, item.recurrence_id)
        if key in items:
            # The same event twice: the higher SEQUENCE is the newer one (RFC 5546).
            summary.skip(item.uid, "duplicate")
            if item.sequence <= items[key].sequence:
                continue
        items[key] = item

    # A changed or cancelled date of a series is taken out of the series.
    for (uid, recurrence_id), item in list(items.items()):
        if recurrence_id is None:
            continue
        master = items.get((uid, None))
        if master is not None:
            moment = recurrence_id.date().isoformat() if master.values["all_day"] else recurrence_id.isoformat()
            master.values["excluded_dates"] = sorted({*master.values["excluded_dates"], moment})
        if item.cancelled:
            del items[(uid, recurrence_id)]
    return list(items.values())


# --- Writing events ------------------------------------------------------------------------------


def _differs(event, values, owner):
    current = event.get_latest_revision_as_object()
    for name, value in values.items():
        stored = getattr(current, "place_id" if name == "place" else name)
        wanted = value.pk if name == "place" and value is not None else value
        if stored != wanted:
            return True
    return current.owner_id != owner.pk


def upsert(items, *, owner, existing, publish, visibility, source=None, actor=None, summary, progress=None):
    """Create or update one Event per item; return the translation keys of the events kept."""
    locale = Locale.get_default()
    kept = set()
    total = len(items)
    for number, item in enumerate(items, start=1):
        event = existing.get((item.uid, item.recurrence_id))
        try:
            with transaction.atomic():  # one refused event does not undo the others
                if event is None:
                    created = Event(
                        **item.values,
                        owner=owner,
                        locale=locale,
                        uid=item.uid,
                        recurrence_id=item.recurrence_id,
                        source=source,
                        created_by=actor,
                        live=False,
                    )
                    created.full_clean()
                    created.visibility = visibility  # set before share(): a new event is no change to log
                    access.share(created, visibility=visibility, actor=actor)
                    revision = created.save_revision(user=actor, clean=False)
                    if publish:
                        revision.publish(user=actor)
                    summary.created += 1
                    kept.add(created.translation_key)
                else:
                    kept.add(event.translation_key)
                    changed = _differs(event, item.values, owner)
                    waiting = publish and (not event.live or event.has_unpublished_changes)
                    if event.visibility != visibility:
                        # On the stored row, so that a draft never reaches the live fields.
                        access.share(Event.objects.get(pk=event.pk), visibility=visibility, actor=actor)
                        event.refresh_from_db()
                        changed = True
                    if not changed and not waiting:
                        summary.unchanged += 1
                    else:
                        for name, value in item.values.items():
                            setattr(event, name, value)
                        event.owner = owner
                        event.full_clean()
                        revision = event.save_revision(user=actor, clean=False)
                        if publish:
                            revision.publish(user=actor)
                        summary.updated += 1
        except ValidationError:
            summary.skip(item.uid, "invalid")
            if event is not None:
                kept.add(event.translation_key)  # a refused update keeps the previous version
        if progress:
            progress(number, total)
    return kept


def import_calendar(data, *, source=None, organisation=None, publish=None, actor=None, progress=None):
    """Import iCalendar ``data`` for a source (URL feeds) or directly for an organisation (files).

    Must run in a transaction (see :func:`import_source`). A file import never deletes: it has no
    source to say which events it owns.
    """
    summary = Summary()
    calendar = parse_calendar(data, summary)
    items = read_items(calendar, summary)
    owner = source.organisation if source else organisation
    publish = source.publish_directly if publish is None and source else bool(publish)
    visibility = source.visibility if source else access.Visibility.PUBLIC
    locale = Locale.get_default()
    if source is not None:
        candidates = Event.objects.filter(source=source, locale=locale)
    else:
        candidates = Event.objects.filter(source=None, owner=owner, locale=locale, uid__in={item.uid for item in items})
    existing = {(event.uid, event.recurrence_id): event for event in candidates}
    kept = upsert(
        items,
        owner=owner,
        existing=existing,
        publish=publish,
        visibility=visibility,
        source=source,
        actor=actor,
        summary=summary,
        progress=progress,
    )
    if source is not None:
        # Gone from the feed: gone from the agenda, with the translations editors may have made.
        gone = Event.objects.filter(source=source).exclude(translation_key__in=kept)
        summary.deleted = gone.filter(locale=locale).count()
        gone.delete()
    return summary


def import_source(source, *, progress=None, force=False):
    """Fetch and import one source; record the outcome on it. Raise FetchError or FeedError on failure.

    A failure changes nothing but ``last_attempt_at`` and ``last_error``.
    """
    started = timezone.now()
    try:
        result = remote.fetch(
            source.url,
            accept=ACCEPT,
            etag="" if force else source.etag,
            last_modified="" if force else source.last_modified,
        )
        with transaction.atomic():
            locked = CalendarSource.objects.select_for_update().select_related("organisation").get(pk=source.pk)
            if result.not_modified:
                summary = Summary(not_modified=True)
                summary.unchanged = Event.objects.filter(source=locked, locale=Locale.get_default()).count()
            else:
                summary = import_calendar(result.body, source=locked, actor=None, progress=progress)
            CalendarSource.objects.filter(pk=source.pk).update(
                last_attempt_at=started,
                last_success_at=timezone.now(),
                last_error="",
                last_summary=summary.as_dict(),
                # A 304 may leave the validators out: the ones we sent still hold.
                etag=result.headers.get("etag", locked.etag if result.not_modified else "")[:200],
                last_modified=result.headers.get("last-modified", locked.last_modified if result.not_modified else "")[
                    :100
                ],
            )
    except (remote.FetchError, FeedError) as error:
        CalendarSource.objects.filter(pk=source.pk).update(last_attempt_at=started, last_error=str(error)[:1000])
        raise
    source.refresh_from_db()
    return summary
