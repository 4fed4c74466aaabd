"""A resource's week, and what is free at a given time across everything the partner may book."""

from datetime import date

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import timezone

from annuaire import access
from extranet.models import Resource
from extranet.views.decorators import partner_required
from reservations import availability
from reservations.checks import rule_problems
from reservations.forms import FreeAtForm
from reservations.rules import BookingRules, lends_whole_days

PER_PAGE = 25


def requested_monday(request):
    try:
        day = date.fromisoformat(request.GET.get("semaine", ""))
    except ValueError:
        day = timezone.localdate()
    return availability.monday_of(day)


@partner_required
def resource_week(request, pk):
    resource = access.get_visible_or_404(Resource.objects.select_related("owner"), request, pk=pk)
    monday = requested_monday(request)
    rules, week = availability.week_of(resource, monday)
    return TemplateResponse(
        request,
        "reservations/resource_week.html",
        {
            "resource": resource,
            "rules": rules,
            "week": week,
            "whole_days": lends_whole_days(resource),
            "today": timezone.localdate(),
        },
    )


@partner_required
def free_at(request):
    form = FreeAtForm(request.GET or None)
    page = None
    if form.is_valid():
        starts_at, ends_at = form.bounds()
        resources = availability.free_between(request.user, starts_at, ends_at)
        page = Paginator(resources, PER_PAGE).get_page(request.GET.get("page"))
        for resource in page:
            # Free of bookings; its rules (hours, notice, length) may still keep it from that time.
            resource.problems = rule_problems(
                BookingRules.of(resource),
                [],
                starts_at=starts_at,
                ends_at=ends_at,
                whole_days=False,
                capacity=None,
            )
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(
        request,
        "reservations/free_at.html",
        {"form": form, "page_obj": page, "query": query.urlencode()},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
