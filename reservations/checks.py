"""Whether a requested time fits a resource's rules. Pure: the caller gives the rules and blackouts."""

from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reservations.rules import WEEKDAYS


def day_bounds(first_day, last_day):
    """A loan of whole days: from the first day's midnight to the midnight after the last day."""
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(first_day, time(0), tzinfo=zone),
        datetime.combine(last_day + timedelta(days=1), time(0), tzinfo=zone),
    )


def time_bounds(day, starts, ends):
    zone = timezone.get_current_timezone()
    return datetime.combine(day, starts, tzinfo=zone), datetime.combine(day, ends, tzinfo=zone)


def rule_problems(rules, blackouts, *, starts_at, ends_at, whole_days, people=None, capacity=None, now=None):
    """What keeps this time from being booked, in the reader's language; empty when it fits."""
    now = now or timezone.now()
    problems = []
    if ends_at <= starts_at:
        return [_("The end must come after the start.")]
    if starts_at < now + timedelta(hours=rules.min_notice_hours):
        problems.append(
            ngettext(
                "Requests must be made at least %(count)d hour ahead.",
                "Requests must be made at least %(count)d hours ahead.",
                rules.min_notice_hours,
            )
            % {"count": rules.min_notice_hours}
        )
    local_start, local_end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    if whole_days:
        days = (ends_at - starts_at).days
        if days > rules.max_days:
            problems.append(
                ngettext("A loan lasts %(count)d day at most.", "A loan lasts %(count)d days at most.", rules.max_days)
                % {"count": rules.max_days}
            )
    else:
        if ends_at - starts_at > timedelta(hours=rules.max_hours):
            problems.append(
                ngettext(
                    "A booking lasts %(count)d hour at most.",
                    "A booking lasts %(count)d hours at most.",
                    rules.max_hours,
                )
                % {"count": rules.max_hours}
            )
        if local_start.weekday() not in rules.open_weekdays:
            open_days = ", ".join(str(label) for value, label in WEEKDAYS if value in rules.open_days)
            problems.append(_("It cannot be booked on that day; open days: %(days)s.") % {"days": open_days or "—"})
        elif (
            local_start.date() != local_end.date()
            or local_start.time() < rules.opens_at
            or local_end.time() > rules.closes_at
        ):
            problems.append(
                _("It can be booked between %(opens)s and %(closes)s.")
                % {"opens": rules.opens_at.strftime("%H:%M"), "closes": rules.closes_at.strftime("%H:%M")}
            )
    if capacity and people and people > capacity:
        problems.append(
            ngettext("It holds %(count)d person at most.", "It holds %(count)d people at most.", capacity)
            % {"count": capacity}
        )
    first_day = local_start.date()
    last_day = timezone.localtime(ends_at - timedelta(microseconds=1)).date()
    for blackout in blackouts:
        if blackout.starts_on <= last_day and blackout.ends_on >= first_day:
            problems.append(
                _("It is unavailable from %(start)s to %(end)s%(reason)s.")
                % {
                    "start": date_format(blackout.starts_on, "j F Y"),
                    "end": date_format(blackout.ends_on, "j F Y"),
                    "reason": f" ({blackout.reason})" if blackout.reason else "",
                }
            )
    return problems
