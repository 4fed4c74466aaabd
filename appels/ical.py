"""A partner's personal calendar of deadlines (RFC 5545), behind the secret address of their CalendarToken.

One all-day VEVENT per deadline of each call the partner follows and may still see. Calendar
applications recognise a deadline by its UID (``deadline-<id>@caserurale.re``, for ever) and replace
their copy when its SEQUENCE grows, which it does when the date changes (Deadline.save). A call the
partner stops following, or may no longer see, leaves the calendar at the next refresh.
"""

from datetime import UTC, timedelta

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from appels import alerts
from appels.calls import Deadline, FundingCall, Interest

PRODID = "-//La Case Rurale//Dates limites//FR"
UID_DOMAIN = "caserurale.re"
CONTENT_TYPE = "text/calendar; charset=utf-8"
# Deadlines passed longer ago than this are left out: the calendar keeps the recent past only.
PAST_DAYS = 365


def followed_deadlines(user, today=None):
    """Deadlines of the calls ``user`` follows and may see, with their calls."""
    today = today or timezone.localdate()
    followed = Interest.objects.filter(user=user).values("call__translation_key")
    visible = FundingCall.objects.visible_to(user).filter(translation_key__in=followed)
    return (
        Deadline.objects.filter(
            call__translation_key__in=visible.values("translation_key"),
            due_on__gte=today - timedelta(days=PAST_DAYS),
        )
        .select_related("call")
        .order_by("due_on", "pk")
    )


def uid(deadline):
    return f"deadline-{deadline.pk}@{UID_DOMAIN}"


def step_of(deadline):
    step = deadline.get_kind_display()
    return f"{step}, {deadline.label}" if deadline.label else step


def vevent(deadline, line, stamp):
    component = VEvent()
    component.add("uid", uid(deadline))
    component.add("sequence", deadline.sequence)
    component.add("dtstamp", stamp.astimezone(UTC))
    component.add("last-modified", deadline.call.updated_at.astimezone(UTC))
    component.add("dtstart", deadline.due_on)  # a date: VALUE=DATE, an all-day event
    component.add("dtend", deadline.due_on + timedelta(days=1))  # exclusive
    component.add("summary", _("Deadline: %(title)s (%(step)s)") % {"title": line.title, "step": step_of(deadline)})
    component.add("description", "\n\n".join(part for part in (line.summary.strip(), line.url) if part))
    component.add("url", line.url)
    component.add("transp", "TRANSPARENT")  # a date to keep in mind, not time taken
    component.add("class", "PRIVATE")
    return component


def build_calendar(user, language, stamp=None):
    stamp = stamp or timezone.now()
    deadlines = list(followed_deadlines(user))
    with translation.override(language):
        calendar = Calendar()
        calendar.add("prodid", PRODID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", _("My funding deadlines — La Case Rurale"))
        calendar.add("x-wr-timezone", "Indian/Reunion")
        calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT6H")
        lines = alerts.call_lines([deadline.call for deadline in deadlines], language)
        for deadline, line in zip(deadlines, lines, strict=True):
            calendar.add_component(vevent(deadline, line, stamp))
    return calendar


def deadlines_response(user, *, language):
    response = HttpResponse(build_calendar(user, language).to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="dates-limites.ics"'
    # Personal: no shared cache may keep it.
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
