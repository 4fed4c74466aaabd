"""Repeating events of the agenda: check a rule, expand it into occurrences, say it in words.

Rules are RFC 5545 RRULE bodies ("FREQ=WEEKLY;BYDAY=WE"). This module is plain Python on top of
python-dateutil and imports nothing from Django, so it can be tested without a database.

- A rule is evaluated on Réunion wall-clock time: "every Wednesday at 17:00" stays at 17:00 local,
  whatever zone the start was given in. Réunion has no daylight saving time, so wall-clock and
  absolute durations agree and every occurrence is at UTC+04:00.
- The recurrence set follows RFC 5545: the start itself is always the first occurrence, even when
  the rule would not give it (COUNT then counts it, as in iCalendar); then the rule's occurrences;
  plus the RDATEs; minus the EXDATEs. Calendar applications that read our iCalendar export see the
  same dates.
- A rule that can never give a date (FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30) is refused by
  validate_rule(). dateutil would search such a rule until the year 9999 (several seconds), so
  expand() first looks for an occurrence within a few centuries, cheaply, before expanding.

Error messages are short constant English sentences, meant to be shown as form errors: a Django
form can pass them through gettext (they are module constants, see RecurrenceError.code).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import MAXYEAR, UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule as du

REUNION = ZoneInfo("Indian/Reunion")
MAX_OCCURRENCES = 500  # cap per event, whatever the rule says
DEFAULT_HORIZON = timedelta(days=400)

INVALID = "This repetition rule is not valid."
TOO_FREQUENT = "An event cannot repeat more often than once a day."
COUNT_AND_UNTIL = "Give either an end date or a number of times, not both."
NEVER = "This repetition rule never gives a date."
END_BEFORE_START = "The end of an event cannot be before its start."


class RecurrenceError(ValueError):
    """A rule or an event that cannot be repeated; str() is the message, .code a short key."""

    def __init__(self, message: str = INVALID, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.code = code


# --- Parsing -----------------------------------------------------------------------------------

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_FREQUENCIES = {"YEARLY": du.YEARLY, "MONTHLY": du.MONTHLY, "WEEKLY": du.WEEKLY, "DAILY": du.DAILY}
_SUB_DAILY = {"HOURLY", "MINUTELY", "SECONDLY"}
_TIME_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND")  # the time of day comes from the event's start
# Order of the parts in the normalised text, so that two spellings of one rule compare equal.
_ORDER = (
    *("FREQ", "INTERVAL", "BYMONTH", "BYWEEKNO", "BYYEARDAY", "BYMONTHDAY", "BYDAY", "BYSETPOS", "WKST"),
    *("COUNT", "UNTIL"),
)
_NUMBER = re.compile(r"[+-]?\d{1,5}")
_BYDAY_ITEM = re.compile(r"([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)")
_UNTIL = re.compile(r"(\d{4})(\d\d)(\d\d)(?:T(\d\d)(\d\d)(\d\d)(Z?))?")


@dataclass(frozen=True)
class _Rule:
    text: str  # normalised RRULE body
    freq: str
    interval: int = 1
    count: int | None = None
    until: date | datetime | None = None  # a date, or a naive Réunion wall-clock datetime
    byday: tuple[tuple[int | None, str], ...] = ()  # (ordinal or None, "MO")
    bymonth: tuple[int, ...] = ()
    bymonthday: tuple[int, ...] = ()
    byyearday: tuple[int, ...] = ()
    byweekno: tuple[int, ...] = ()
    bysetpos: tuple[int, ...] = ()
    wkst: str = "MO"


def _number(text: str, limit: int, *, signed: bool) -> int:
    """An integer whose absolute value is 1..limit; plain digits only (no '1_0', no spaces)."""
    if not _NUMBER.fullmatch(text) or (not signed and text[0] in "+-"):
        raise RecurrenceError
    value = int(text)
    if not 1 <= abs(value) <= limit:
        raise RecurrenceError
    return value


def _numbers(text: str, limit: int, *, signed: bool = True) -> tuple[int, ...]:
    return tuple(dict.fromkeys(_number(item, limit, signed=signed) for item in text.split(",")))


def _until(text: str) -> date | datetime:
    match = _UNTIL.fullmatch(text)
    if not match:
        raise RecurrenceError
    year, month, day, hour, minute, second, utc = match.groups()
    try:
        if hour is None:
            return date(int(year), int(month), int(day))
        value = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
    except ValueError:
        raise RecurrenceError from None
    if utc:  # UTC, as RFC 5545 wants with a zoned start: back to Réunion wall-clock time
        value = value.replace(tzinfo=UTC).astimezone(REUNION).replace(tzinfo=None)
    return value


def _parse(rule: str) -> _Rule:
    """Check the syntax and RFC 5545's constraints of a (non-empty) rule; build it with dateutil."""
    if not isinstance(rule, str):
        raise RecurrenceError
    body = "".join(rule.split()).upper()
    body = body.removeprefix("RRULE:")
    parts: dict[str, str] = {}
    for chunk in body.split(";"):
        if not chunk:
            continue  # a stray or trailing ';'
        key, equals, value = chunk.partition("=")
        if not equals or not value or key in parts:
            raise RecurrenceError
        parts[key] = value

    freq = parts.get("FREQ")
    if freq in _SUB_DAILY:
        raise RecurrenceError(TOO_FREQUENT, "too_frequent")
    if freq not in _FREQUENCIES:
        raise RecurrenceError
    for key in _TIME_PARTS:
        if key in parts:  # several times of day would be several occurrences a day
            raise RecurrenceError(TOO_FREQUENT, "too_frequent") if "," in parts[key] else RecurrenceError
    if parts.keys() - set(_ORDER):
        raise RecurrenceError
    if "COUNT" in parts and "UNTIL" in parts:
        raise RecurrenceError(COUNT_AND_UNTIL, "count_and_until")

    byday: list[tuple[int | None, str]] = []
    for item in parts["BYDAY"].split(",") if "BYDAY" in parts else ():
        match = _BYDAY_ITEM.fullmatch(item)
        if not match:
            raise RecurrenceError
        ordinal = int(match[1]) if match[1] else None
        byday.append((ordinal, match[2]))
    fields = {
        "interval": _number(parts.get("INTERVAL", "1"), 999, signed=False),
        "count": _number(parts["COUNT"], 99999, signed=False) if "COUNT" in parts else None,
        "until": _until(parts["UNTIL"]) if "UNTIL" in parts else None,
        "byday": tuple(dict.fromkeys(byday)),
        "bymonth": _numbers(parts["BYMONTH"], 12, signed=False) if "BYMONTH" in parts else (),
        "bymonthday": _numbers(parts["BYMONTHDAY"], 31) if "BYMONTHDAY" in parts else (),
        "byyearday": _numbers(parts["BYYEARDAY"], 366) if "BYYEARDAY" in parts else (),
        "byweekno": _numbers(parts["BYWEEKNO"], 53) if "BYWEEKNO" in parts else (),
        "bysetpos": _numbers(parts["BYSETPOS"], 366) if "BYSETPOS" in parts else (),
        "wkst": parts.get("WKST", "MO"),
    }
    if fields["wkst"] not in _WEEKDAYS:
        raise RecurrenceError
    # RFC 5545, 3.3.10: which parts go with which frequency.
    ordinals = [n for n, _ in fields["byday"] if n is not None]
    if (
        (fields["bymonthday"] and freq == "WEEKLY")
        or (fields["byyearday"] and freq != "YEARLY")
        or (fields["byweekno"] and freq != "YEARLY")
        or (ordinals and (freq not in ("MONTHLY", "YEARLY") or fields["byweekno"]))
        or (fields["bysetpos"] and not (byday or fields["bymonth"] or fields["bymonthday"] or fields["byyearday"]))
    ):
        raise RecurrenceError
    limit = 5 if freq == "MONTHLY" or fields["bymonth"] else 53
    if any(not 1 <= abs(n) <= limit for n in ordinals):
        raise RecurrenceError

    normal = {
        "FREQ": freq,
        "INTERVAL": str(fields["interval"]) if fields["interval"] != 1 else "",
        "BYMONTH": ",".join(map(str, fields["bymonth"])),
        "BYWEEKNO": ",".join(map(str, fields["byweekno"])),
        "BYYEARDAY": ",".join(map(str, fields["byyearday"])),
        "BYMONTHDAY": ",".join(map(str, fields["bymonthday"])),
        "BYDAY": ",".join(f"{n or ''}{day}" for n, day in fields["byday"]),
        "BYSETPOS": ",".join(map(str, fields["bysetpos"])),
        "WKST": fields["wkst"] if fields["wkst"] != "MO" else "",
        "COUNT": str(fields["count"] or ""),
        "UNTIL": parts.get("UNTIL", ""),
    }
    parsed = _Rule(text=";".join(f"{key}={normal[key]}" for key in _ORDER if normal[key]), freq=freq, **fields)
    _build(parsed, datetime(2000, 1, 1))  # whatever dateutil itself refuses
    return parsed


def _build(rule: _Rule, dtstart: datetime, *, all_day: bool = False) -> du.rrule:
    """The dateutil rule, on naive Réunion wall-clock datetimes starting at dtstart."""
    until = rule.until
    if until is not None and (all_day or not isinstance(until, datetime)):
        until_day = until.date() if isinstance(until, datetime) else until
        until = datetime.combine(until_day, time.max)  # a date UNTIL includes that whole day
    weekdays = [getattr(du, day)(n) if n else getattr(du, day) for n, day in rule.byday]
    try:
        return du.rrule(
            _FREQUENCIES[rule.freq],
            dtstart=dtstart,
            interval=rule.interval,
            wkst=getattr(du, rule.wkst),
            count=rule.count,
            until=until,
            bysetpos=rule.bysetpos or None,
            bymonth=rule.bymonth or None,
            bymonthday=rule.bymonthday or None,
            byyearday=rule.byyearday or None,
            byweekno=rule.byweekno or None,
            byweekday=weekdays or None,
            cache=False,
        )
    except (ValueError, TypeError, OverflowError):
        raise RecurrenceError from None


def _has_occurrence(recurrence: du.rrule, dtstart: datetime) -> bool:
    """Whether the rule, without COUNT or UNTIL, gives any date within a few centuries.

    dateutil looks for the next date until the year 9999 and a rule that never matches costs
    seconds. The Gregorian calendar repeats every 400 years, so the same rule started a multiple
    of 400 years later, close to 9999, gives the same dates shifted, and fails fast.
    """
    latest = MAXYEAR - 401
    shift = max(0, (latest - dtstart.year) // 400 * 400)
    probe = recurrence.replace(dtstart=dtstart.replace(year=dtstart.year + shift), count=None, until=None)
    try:
        return next(iter(probe), None) is not None
    except (ValueError, OverflowError):
        return False


# --- Public API ------------------------------------------------------------------------------


def validate_rule(rule: str) -> str:
    """Normalise an RFC 5545 RRULE body and check it; return the normalised text.

    Accepts the body with or without the 'RRULE:' prefix, in any case, with stray spaces; returns
    it upper-case, parts in a fixed order, defaults (INTERVAL=1, WKST=MO) left out:
    'rrule:freq=weekly;byday=we' → 'FREQ=WEEKLY;BYDAY=WE'. A blank rule (no repetition) gives ''.
    Refused (RecurrenceError): unknown parts or values, FREQ below daily or several times a day,
    parts RFC 5545 forbids with the frequency, COUNT with UNTIL, a rule that never gives a date.
    """
    if isinstance(rule, str) and not rule.strip():
        return ""
    parsed = _parse(rule)
    if not _has_occurrence(_build(parsed, datetime(2000, 1, 1)), datetime(2000, 1, 1)):
        raise RecurrenceError(NEVER, "never")
    return parsed.text


def _is_day(value) -> bool:
    return isinstance(value, date) and not isinstance(value, datetime)


def _from_text(value):
    """A date or datetime in ISO 8601 ('2026-12-09', '2026-12-09T17:00:00+04:00'), as stored in
    a JSON field; other values are returned as they are."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)


def _local(value: date | datetime) -> datetime:
    """Naive Réunion wall-clock time of an aware datetime, or the midnight starting a date."""
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise ValueError(f"A naive datetime cannot be placed in time: {value!r}")
        return value.astimezone(REUNION).replace(tzinfo=None)
    if isinstance(value, date):
        return datetime.combine(value, time())
    raise TypeError(f"Expected a date or a datetime, not {value!r}")


def expand(
    start: date | datetime,
    end: date | datetime,
    rule: str = "",
    exdates=(),
    rdates=(),
    *,
    window_start: date | datetime | None = None,
    window_end: date | datetime | None = None,
    horizon: timedelta = DEFAULT_HORIZON,
    cap: int = MAX_OCCURRENCES,
) -> list[tuple[datetime, datetime]] | list[tuple[date, date]]:
    """The occurrences (start, end) of an event, sorted, without duplicates.

    - start, end: aware datetimes (any zone) → pairs of aware datetimes in REUNION, each with the
      event's duration; or two dates → an all-day event, pairs of dates, end exclusive as DTEND in
      iCalendar. end before start raises RecurrenceError; naive datetimes raise ValueError.
    - rule: an RRULE body (see validate_rule); empty for a single event. An invalid rule raises
      RecurrenceError. The start is always an occurrence (RFC 5545), and COUNT includes it.
    - exdates: aware datetimes (remove the occurrence starting then) or dates (remove any
      occurrence starting that local day). rdates: extra occurrences, aware datetimes, or dates
      (that day at the event's time of day); an rdate that is also a rule occurrence appears once.
      Both also take ISO 8601 text ('2026-12-09', '2026-12-09T17:00:00+04:00'), as a JSONField
      stores them.
    - window_start, window_end: aware datetimes or dates (local midnight). Kept: occurrences
      starting before window_end and not over at window_start (one in progress is kept).
      window_end defaults to horizon after window_start, or after start.
    - At most `cap` occurrences are returned, the earliest ones.
    """
    all_day = _is_day(start)
    if all_day != _is_day(end):
        raise TypeError("start and end must be both dates (all-day event) or both datetimes")
    first, last = _local(start), _local(end)
    if last < first:
        raise RecurrenceError(END_BEFORE_START, "end_before_start")
    parsed = _parse(rule) if rule and rule.strip() else None
    duration = last - first
    low = _local(window_start) if window_start is not None else None
    high = _local(window_end) if window_end is not None else max(first, low or first) + horizon
    if cap <= 0:
        return []

    excluded_times, excluded_days = set(), set()
    for value in map(_from_text, exdates):
        if isinstance(value, datetime):
            local = _local(value)
            if all_day:
                excluded_days.add(local.date())
            else:
                excluded_times.add(local)
        else:
            excluded_days.add(_local(value).date())

    def wanted(moment: datetime) -> bool:
        return (
            moment < high
            and (low is None or moment + duration > low or moment >= low)
            and moment not in excluded_times
            and moment.date() not in excluded_days
        )

    starts = {first} if wanted(first) else set()
    for value in map(_from_text, rdates):
        if isinstance(value, datetime):
            moment = _local(value)
            moment = datetime.combine(moment.date(), time()) if all_day else moment
        else:
            moment = datetime.combine(value, first.time())
        if wanted(moment):
            starts.add(moment)

    if parsed is not None:
        recurrence = _build(parsed, first, all_day=all_day)
        if _has_occurrence(recurrence, first):
            if parsed.count and next(iter(recurrence), None) != first:
                # The start is not one of the rule's dates: it still counts as the first time.
                recurrence = recurrence.replace(count=parsed.count - 1) if parsed.count > 1 else None
            kept = 0
            for moment in recurrence or ():
                if moment >= high:
                    break
                if wanted(moment):
                    starts.add(moment)
                    kept += 1
                    if kept >= cap:
                        break

    chosen = sorted(starts)[:cap]
    if all_day:
        return [(moment.date(), (moment + duration).date()) for moment in chosen]
    return [(moment.replace(tzinfo=REUNION), (moment + duration).replace(tzinfo=REUNION)) for moment in chosen]


# --- Description -------------------------------------------------------------------------------

_FRENCH = {
    "days": dict(
        zip(_WEEKDAYS, ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"), strict=True)
    ),
    "months": (
        *("janvier", "février", "mars", "avril", "mai", "juin"),
        *("juillet", "août", "septembre", "octobre", "novembre", "décembre"),
    ),
    "numbers": {2: "deux", 3: "trois", 4: "quatre"},
    "ordinals": {1: "premier", 2: "deuxième", 3: "troisième", 4: "quatrième", -1: "dernier"},
    "and": "et",
    "the": "le",
    "first_day": "1er",
    "each": "chaque {unit}",
    "every": {
        "day": "tous les {n} jours",
        "week": "toutes les {n} semaines",
        "month": "tous les {n} mois",
        "year": "tous les {n} ans",
    },
    "units": {"day": "jour", "week": "semaine", "month": "mois", "year": "année"},
    "weekday_of_month": "le {ordinal} {day} du mois",
    "last_day_of_month": "le dernier jour du mois",
    "day_of_month": "le {day}",
    "of_each_month": " de chaque mois",
    "of_each_year": " de chaque année",
    "until": " jusqu'au {date}",
    "count": ", {n} fois",
    "fallback": "Répété selon une règle particulière",
}

# Lékritir 2001, as in docs/glossaire-kreol.md: "sh", never "ch" (the site writes "shak zour",
# "shak moi"), "oi", never "w" (moi, foi).
_CREOLE = {
    "days": dict(zip(_WEEKDAYS, ("lindi", "mardi", "mèrkrédi", "zédi", "vandrédi", "samdi", "dimansh"), strict=True)),
    "months": (
        *("zanvié", "févrié", "mars", "avril", "mé", "zouin"),
        *("zoiyé", "out", "sèptanm", "oktob", "novanm", "désanm"),
    ),
    "numbers": {2: "dé", 3: "troi", 4: "kat"},
    "ordinals": {1: "premié", 2: "dézièm", 3: "troizièm", 4: "katrièm", -1: "dèrnié"},
    "and": "é",
    "the": "lo",
    "first_day": "1",
    "each": "shak {unit}",
    "every": {"day": "shak {n} zour", "week": "shak {n} smenn", "month": "shak {n} moi", "year": "shak {n} an"},
    "units": {"day": "zour", "week": "smenn", "month": "moi", "year": "lané"},
    "weekday_of_month": "lo {ordinal} {day} dann moi",
    "last_day_of_month": "lo dèrnié zour dann moi",
    "day_of_month": "lo {day}",
    "of_each_month": " shak moi",
    "of_each_year": " shak lané",
    "until": " jiska {date}",
    "count": ", {n} foi",
    "fallback": "I répèt dapré in règ spésial",
}

_UNITS = {"DAILY": "day", "WEEKLY": "week", "MONTHLY": "month", "YEARLY": "year"}


def _every(words: dict, unit: str, n: int) -> str:
    if n == 1:
        return words["each"].format(unit=words["units"][unit])
    return words["every"][unit].format(n=words["numbers"].get(n, n))


def _listing(words: dict, items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {words['and']} {items[-1]}"


def _day_number(words: dict, day: int) -> str:
    return words["first_day"] if day == 1 else str(day)


def _base(rule: _Rule, words: dict) -> str | None:
    """The description without UNTIL or COUNT, lower-case; None when it is not a common case."""
    if rule.byyearday or rule.byweekno or rule.bysetpos:
        return None
    n, unit = rule.interval, _UNITS[rule.freq]
    days = [words["days"][day] for day in _WEEKDAYS if (None, day) in rule.byday]
    plain_days = len(days) == len(rule.byday)
    if rule.freq in ("DAILY", "WEEKLY"):
        if rule.bymonth or rule.bymonthday or not plain_days:
            return None
        if not days:
            return _every(words, unit, n)
        if n == 1:
            return words["each"].format(unit=_listing(words, days))
        if rule.freq == "WEEKLY":
            on_days = [f"{words['the']} {day}" for day in days]
            return f"{_every(words, unit, n)}, {_listing(words, on_days)}"
        return None
    if rule.freq == "MONTHLY":
        if rule.bymonth or (rule.byday and rule.bymonthday) or len(rule.byday) > 1 or len(rule.bymonthday) > 1:
            return None
        if rule.byday:
            ordinal, day = rule.byday[0]
            if ordinal not in words["ordinals"]:
                return None
            head = words["weekday_of_month"].format(ordinal=words["ordinals"][ordinal], day=words["days"][day])
        elif rule.bymonthday == (-1,):
            head = words["last_day_of_month"]
        elif rule.bymonthday and rule.bymonthday[0] > 0:
            head = words["day_of_month"].format(day=_day_number(words, rule.bymonthday[0]))
            if n == 1:
                return head + words["of_each_month"]
        elif rule.bymonthday:
            return None
        else:
            return _every(words, unit, n)
        return head if n == 1 else f"{head}, {_every(words, unit, n)}"
    # YEARLY
    if not (rule.byday or rule.bymonth or rule.bymonthday):
        return _every(words, unit, n)
    if rule.byday or len(rule.bymonth) != 1 or len(rule.bymonthday) != 1 or rule.bymonthday[0] < 0:
        return None
    month, day = rule.bymonth[0], rule.bymonthday[0]
    head = f"{words['the']} {_day_number(words, day)} {words['months'][month - 1]}"
    return head + words["of_each_year"] if n == 1 else f"{head}, {_every(words, unit, n)}"


def describe(rule: str, language: str = "fr") -> str:
    """A short description of a rule, in French ("fr") or Réunion Creole ("rcf").

    The common cases are spelt out ("Chaque mercredi", "Le premier samedi du mois jusqu'au
    31 décembre 2026", "Shak lindi é zédi, 10 foi"); anything else, or an invalid rule, gives a
    general sentence. A blank rule gives ''. Other language codes get French.
    """
    if not isinstance(rule, str) or not rule.strip():
        return ""
    words = _CREOLE if (language or "").lower().replace("_", "-").split("-")[0] == "rcf" else _FRENCH
    try:
        parsed = _parse(rule)
    except RecurrenceError:
        return words["fallback"]
    text = _base(parsed, words)
    if text is None:
        return words["fallback"]
    if parsed.until is not None:
        until = parsed.until.date() if isinstance(parsed.until, datetime) else parsed.until
        when = f"{_day_number(words, until.day)} {words['months'][until.month - 1]} {until.year}"
        text += words["until"].format(date=when)
    elif parsed.count:
        text += words["count"].format(n=parsed.count)
    return text[0].upper() + text[1:]
