"""The dashboard is a list of sections; each feature adds its own (funding calls, events…).

A section is a function ``(request, since) -> dict | None`` registered with :func:`section`.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agenda.models import CalendarSource, Event, Occurrence
from annuaire import access
from annuaire.models import Membership
from appels.models import Deadline, FundingCall, Interest
from extranet.models import Document, Invitation, Resource

SECTIONS = []


def section(order):
    def register(function):
        SECTIONS.append((order, function))
        SECTIONS.sort(key=lambda item: item[0])
        return function

    return register


def build(request, since):
    return [result for _order, function in SECTIONS if (result := function(request, since))]


@section(10)
def new_shared_objects(request, since):
    """What partners shared since my last visit, within what I may see."""
    items = []
    for model in (Resource, Document):
        for obj in model.objects.visible_to(request.user).filter(created_at__gt=since).select_related("owner")[:10]:
            items.append(
                {"title": str(obj), "url": obj.get_absolute_url(), "meta": obj.owner.name, "date": obj.created_at}
            )
    items.sort(key=lambda item: item["date"], reverse=True)
    return {
        "id": "new",
        "title": _("New since your last visit"),
        "items": items[:10],
        "empty": _("Nothing new since your last visit."),
        "link": (reverse("extranet:resource_list"), _("All resources")),
    }


@section(20)
def my_organisations(request, since):
    memberships = list(
        Membership.objects.filter(user=request.user).select_related("organisation").order_by("organisation__name")
    )
    if not memberships:
        return None
    admin_of = [m.organisation_id for m in memberships if m.is_admin]
    newcomers = {
        row["organisation_id"]: row
        for row in Membership.objects.filter(
            organisation__in=[m.organisation_id for m in memberships], joined_at__gt=since
        )
        .exclude(user=request.user)
        .values("organisation_id")
    }
    items = [
        {
            "title": m.organisation.name,
            "url": m.organisation.get_absolute_url(),
            "meta": m.get_role_display(),
            "flag": _("new members") if m.organisation_id in newcomers else "",
        }
        for m in memberships
    ]
    return {
        "id": "organisations",
        "title": _("My organisations"),
        "items": items,
        "empty": "",
        # Admins import their organisations' calendars; known from the memberships, at no extra query.
        "link": (reverse("extranet:calendar_source_list"), _("Imported calendars")) if admin_of else None,
        "links": [(reverse("extranet:service_list"), _("Our services in the directory"))],
        "admin_of": admin_of,
    }


@section(15)
def coming_up(request, since):
    """The next two weeks of the network's calendar, within what I may see."""
    now = timezone.now()
    events = Event.objects.visible_to(request.user).filter(live=True, locale__language_code=settings.LANGUAGE_CODE)
    occurrences = (
        Occurrence.objects.between(now, now + timedelta(days=14))
        .filter(event__in=events)
        .select_related("event__owner")
        .order_by("start", "pk")[:8]
    )
    items = [
        {"title": o.event.title, "url": o.event.get_absolute_url(), "meta": o.event.owner.name, "when": o.start}
        for o in occurrences
    ]
    return {
        "id": "calendar",
        "title": _("Coming up in the network"),
        "items": items,
        "empty": _("Nothing planned in the next two weeks."),
        "link": (reverse("extranet:event_this_month"), _("The network's calendar")),
    }


@section(17)
def deadlines_coming_up(request, since):
    """The next deadlines of the calls I follow first, then of the other calls I may see."""
    today = timezone.localdate()
    calls = FundingCall.objects.visible_to(request.user).filter(locale__language_code=settings.LANGUAGE_CODE)
    followed = Interest.objects.filter(call=OuterRef("call"), user=request.user)
    deadlines = (
        Deadline.objects.filter(call__in=calls, due_on__gte=today)
        .annotate(followed=Exists(followed))
        .select_related("call")
        .order_by("-followed", "due_on", "pk")[:8]
    )
    items = [
        {
            "title": deadline.call.title,
            "url": deadline.call.get_absolute_url(),
            "meta": deadline.get_kind_display(),
            "day": deadline.due_on,
            "flag": _("you follow it") if deadline.followed else "",
        }
        for deadline in deadlines
    ]
    return {
        "id": "deadlines",
        "title": _("Deadlines coming up"),
        "items": items,
        "empty": _("No funding call deadline to come."),
        "link": (reverse("extranet:funding_call_list"), _("All funding calls")),
    }


@section(85)
def calendars_in_error(request, since):
    """For coordinators: the imported calendars whose last fetch failed."""
    if not access.is_coordinator(request.user):
        return None
    failing = CalendarSource.objects.exclude(last_error="").select_related("organisation")[:10]
    return {
        "id": "calendars",
        "title": _("Imported calendars that fail"),
        "items": [
            {"title": source.name, "url": reverse("extranet:calendar_source_list"), "meta": source.organisation.name}
            for source in failing
        ],
        "empty": _("Every imported calendar was fetched without error."),
        "link": (reverse("extranet:calendar_source_list"), _("Imported calendars")),
    }


@section(90)
def waiting_for_me(request, since):
    """Requests that wait for an answer: for now, invitations my organisations sent."""
    admin_of = Membership.objects.filter(user=request.user, role=Membership.Role.ADMIN).values("organisation_id")
    invitations = Invitation.objects.pending().filter(Q(organisation__in=admin_of)).select_related("organisation")[:10]
    items = [
        {
            "title": invitation.email,
            "url": invitation.organisation.get_absolute_url(),
            "meta": invitation.organisation.name,
            "date": invitation.expires_at,
        }
        for invitation in invitations
    ]
    return {
        "id": "waiting",
        "title": _("Waiting for an answer"),
        "items": items,
        "empty": _("Nothing is waiting for you."),
        "link": None,
    }
