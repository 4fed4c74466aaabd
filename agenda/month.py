"""A month of the agenda as a grid of weeks, filled in two queries whatever the number of events."""

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber, TruncDate

from agenda.recurrence import REUNION

# Months outside these years answer 404: nobody plans that far, and robots would walk for ever.
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass
class Day:
    date: date
    in_month: bool
    is_today: bool
    occurrences: list = field(default_factory=list)
    count: int = 0

    @property
    def more(self):
        """How many events the cell does not show."""
        return self.count - len(self.occurrences)


class MonthGrid:
    def __init__(self, year, month, *, today):
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(f"year {year} is out of range")
        self.first = date(year, month, 1)  # ValueError for month 13
        self.last = date(year, month, calendar.monthrange(year, month)[1])
        self.today = today
        # Weeks start on Monday, as in France; the grid shows whole weeks.
        self.weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
        self.start = local_midnight(self.weeks[0][0])
        self.end = local_midnight(self.weeks[-1][-1] + timedelta(days=1))
        self.previous = (self.first - timedelta(days=1)).replace(day=1)
        self.next = self.last + timedelta(days=1)
        if self.previous.year < FIRST_YEAR:
            self.previous = None
        if self.next.year > LAST_YEAR:
            self.next = None
        self.rows = [[Day(day, day.month == month, day == today) for day in week] for week in self.weeks]

    @property
    def weekdays(self):
        return self.weeks[0]

    @property
    def days(self):
        return [day for week in self.rows for day in week]

    def fill(self, items, *, per_day, day=None, order_by=None):
        """Put the first ``per_day`` items of each day in its cell, and count the others.

        ``items`` are occurrences by default, each shown on the day it starts; anything dated works
        with ``day`` (an expression giving its date) and ``order_by``, e.g. funding-call deadlines.
        """
        day = day if day is not None else TruncDate("start", tzinfo=REUNION)
        order_by = order_by or [F("start").asc(), F("pk").asc()]
        counts = dict(
            items.annotate(day=day).order_by().values("day").annotate(count=Count("pk")).values_list("day", "count")
        )
        first_of_day = items.annotate(day=day, rank=Window(RowNumber(), partition_by=[day], order_by=order_by)).filter(
            rank__lte=per_day
        )
        by_date = {cell.date: cell for cell in self.days}
        for item in first_of_day:
            cell = by_date.get(item.day)
            if cell is not None:
                cell.occurrences.append(item)
        for date_, count in counts.items():
            if date_ in by_date:
                by_date[date_].count = count
        return self

    @property
    def is_empty(self):
        return not any(day.count for day in self.days if day.in_month)


def local_midnight(day):
    return datetime.combine(day, time.min, tzinfo=REUNION)
