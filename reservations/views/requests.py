"""Asking for a resource, the request's page, the owner's answer, cancelling, and my bookings."""

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from annuaire import access
from annuaire.models import Organisation
from caserurale.forms import form_status
from extranet.models import Resource
from extranet.views.decorators import partner_required
from reservations import workflow
from reservations.bookings import Booking, Status
from reservations.forms import AnswerForm, BookingRequestForm, slot_key, slot_label
from reservations.rules import BookingRules, lends_whole_days

LISTED = 50


def dated_problems(resource, form):
    """Each date the form asks for, with what keeps it from being booked and whether it is left out."""
    rules = BookingRules.of(resource)
    blackouts = list(resource.blackouts.all())
    skipped = set(form.cleaned_data["skip"])
    dates = []
    for slot in form.slots():
        candidate = workflow.new_booking(
            resource,
            rules,
            organisation=form.cleaned_data["organisation"],
            user=None,
            starts_at=slot[0],
            ends_at=slot[1],
            whole_days=form.whole_days,
            purpose="",
            people=form.cleaned_data["people"],
        )
        problems = workflow.slot_problems(resource, rules, blackouts, candidate)
        key = slot_key(slot)
        dates.append({"key": key, "label": slot_label(slot), "problems": problems, "skipped": key in skipped})
    return dates


@partner_required
def request_booking(request, pk):
    resource = access.get_visible_or_404(Resource.objects.select_related("owner"), request, pk=pk)
    organisations = Organisation.objects.filter(memberships__user=request.user).order_by("name")
    whole_days = lends_whole_days(resource)
    form = BookingRequestForm(request.POST or None, organisations=organisations, whole_days=whole_days)
    dates = []
    has_organisation = form.has_organisation
    if request.method == "POST" and has_organisation and form.is_valid():
        dates = dated_problems(resource, form)
        blocking = [date for date in dates if date["problems"] and not date["skipped"]]
        kept = form.kept_slots()
        if len(dates) == 1 and blocking:
            for problem in blocking[0]["problems"]:
                form.add_error(None, problem)
        elif blocking:
            form.add_error(
                "skip",
                _("Some dates cannot be booked: tick them to leave them out, or change the day or time."),
            )
        elif not kept:
            form.add_error("skip", _("Every date is left out: there is nothing to ask for."))
        else:
            try:
                bookings = workflow.request(
                    resource,
                    organisation=form.cleaned_data["organisation"],
                    user=request.user,
                    slots=kept,
                    whole_days=whole_days,
                    purpose=form.cleaned_data["purpose"],
                    people=form.cleaned_data["people"],
                )
            except workflow.BookingRefused as refused:
                for problem in refused.messages:
                    form.add_error(None, problem)
            else:
                if bookings[0].status == Status.APPROVED:
                    messages.success(request, _("Booked: your organisation may use it at once."))
                else:
                    messages.success(request, _("Your request is sent; the owner will answer it."))
                return redirect(bookings[0].get_absolute_url())
    return TemplateResponse(
        request,
        "reservations/request_form.html",
        {
            "resource": resource,
            "form": form,
            "dates": dates if len(dates) > 1 else [],
            "whole_days": whole_days,
            "no_organisation": not has_organisation,
        },
        status=form_status(request),
    )


def booking_or_404(request, pk):
    booking = (
        Booking.objects.visible_to(request.user)
        .select_related("resource__owner", "organisation", "requested_by", "answered_by")
        .filter(pk=pk)
        .first()
    )
    if booking is None:
        access.log_refusal(request, Booking, {"pk": pk})
        raise Http404
    return booking


def detail_context(request, booking, **extra):
    can_answer = booking.status == Status.PENDING and workflow.can_answer(request.user, booking)
    return {
        "booking": booking,
        "can_answer": can_answer,
        "can_cancel": workflow.can_cancel(request.user, booking),
        "answer_form": AnswerForm(),
        **extra,
    }


@partner_required
def booking_detail(request, pk):
    booking = booking_or_404(request, pk)
    return TemplateResponse(request, "reservations/booking_detail.html", detail_context(request, booking))


def answer_view(approve):
    @partner_required
    @require_POST
    def view(request, pk):
        booking = booking_or_404(request, pk)
        if not workflow.can_answer(request.user, booking):
            access.log_refusal(request, Booking, {"pk": pk})
            raise Http404
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                workflow.answer(booking, request.user, approve=approve, message=form.cleaned_data["message"])
            except workflow.BookingRefused as refused:
                for problem in refused.messages:
                    form.add_error(None, problem)
            else:
                messages.success(request, _("Approved.") if approve else _("Declined."))
                return redirect(booking.get_absolute_url())
        return TemplateResponse(
            request,
            "reservations/booking_detail.html",
            detail_context(request, booking, answer_form=form),
            status=400,
        )

    return view


approve_booking = answer_view(approve=True)
decline_booking = answer_view(approve=False)


@partner_required
@require_POST
def cancel_booking(request, pk):
    booking = booking_or_404(request, pk)
    if not workflow.can_cancel(request.user, booking):
        messages.error(request, _("This booking can no longer be cancelled."))
        return redirect(booking.get_absolute_url())
    try:
        workflow.cancel(booking, request.user)
    except workflow.BookingRefused as refused:
        messages.error(request, refused.messages[0])
    else:
        messages.success(request, _("Cancelled."))
    return redirect(booking.get_absolute_url())


@partner_required
def booking_list(request):
    related = ("resource__owner", "organisation")
    mine = (
        Booking.objects.requested_by(request.user)
        .upcoming()
        .select_related(*related)
        .order_by("starts_at", "pk")[:LISTED]
    )
    waiting = Booking.objects.waiting_for(request.user).upcoming().select_related(*related).order_by("starts_at", "pk")
    coming = (
        Booking.objects.decided_by(request.user)
        .upcoming()
        .filter(Q(status=Status.APPROVED))
        .select_related(*related)
        .order_by("starts_at", "pk")[:LISTED]
    )
    return TemplateResponse(
        request,
        "reservations/booking_list.html",
        {"mine": list(mine), "waiting": list(waiting[:LISTED]), "coming": list(coming)},
    )
