"""When a resource is free: its week as a table of hours and days, and what is free at a given time."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from extranet.models import Resource
from reservations.bookings import Booking, Status
from reservations.rules import Blackout, BookingRules, lends_whole_days


@dataclass
class Cell:
    starts_at: datetime
    ends_at: datetime
    state: str = "free"  # free, pending, booked, closed
    bookings: list = field(default_factory=list)


@dataclass
class Week:
    monday: date
    days: list
    rows: list  # [(label start, label end or None, [Cell × 7])]

    @property
    def previous(self):
        return self.monday - timedelta(days=7)

    @property
    def next(self):
        return self.monday + timedelta(days=7)


def monday_of(day):
    return day - timedelta(days=day.weekday())


def week(resource, monday, rules, bookings, blackouts):
    """The week of ``monday`` hour by hour within the opening hours (day by day for whole-day loans)."""
    zone = timezone.get_current_timezone()
    days = [monday + timedelta(days=offset) for offset in range(7)]
    if lends_whole_days(resource):
        periods = [(time(0), None)]
    else:
        periods = [(time(hour), time(hour + 1)) for hour in range(rules.opens_at.hour, rules.closes_at.hour)]
    rows = []
    for starts, ends in periods:
        cells = []
        for day in days:
            starts_at = datetime.combine(day, starts, tzinfo=zone)
            ends_at = datetime.combine(day, ends, tzinfo=zone) if ends else starts_at + timedelta(days=1)
            cells.append(cell(resource, rules, blackouts, bookings, day, starts_at, ends_at))
        rows.append((starts, ends, cells))
    return Week(monday=monday, days=days, rows=rows)


def cell(resource, rules, blackouts, bookings, day, starts_at, ends_at):
    result = Cell(starts_at=starts_at, ends_at=ends_at)
    closed_day = not lends_whole_days(resource) and day.weekday() not in rules.open_weekdays
    if closed_day or any(b.starts_on <= day <= b.ends_on for b in blackouts):
        result.state = "closed"
        return result
    result.bookings = [b for b in bookings if b.starts_at < ends_at and b.ends_at > starts_at]
    if any(b.status == Status.APPROVED for b in result.bookings):
        result.state = "booked"
    elif result.bookings:
        result.state = "pending"
    return result


def week_of(resource, monday):
    """The queries of a week view: the rules, the week's bookings, its unavailable days."""
    rules = BookingRules.of(resource)
    zone = timezone.get_current_timezone()
    starts_at = datetime.combine(monday, time(0), tzinfo=zone)
    ends_at = starts_at + timedelta(days=7)
    bookings = list(
        Booking.objects.filter(resource=resource, status__in=[Status.APPROVED, Status.PENDING])
        .overlapping(starts_at, ends_at)
        .order_by("starts_at", "pk")
    )
    blackouts = list(resource.blackouts.filter(starts_on__lt=monday + timedelta(days=7), ends_on__gte=monday))
    return rules, week(resource, monday, rules, bookings, blackouts)


def free_between(user, starts_at, ends_at):
    """The resources ``user`` may see with no active booking and no unavailable day at that time."""
    taken = (
        Booking.objects.filter(resource=OuterRef("pk"))
        .filter(Q(status=Status.APPROVED) | Q(status=Status.PENDING, holds_slot=True))
        .overlapping(starts_at, ends_at)
    )
    day = timezone.localtime(starts_at).date()
    closed = Blackout.objects.filter(resource=OuterRef("pk"), starts_on__lte=day, ends_on__gte=day)
    return (
        Resource.objects.visible_to(user)
        .exclude(Exists(taken))
        .exclude(Exists(closed))
        .select_related("owner", "booking_rules")
    )
