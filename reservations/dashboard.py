"""The dashboard's two booking sections: my organisations' requests, and those waiting for my answer."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from extranet.dashboard import section
from reservations.bookings import Booking, Status

SHOWN = 8


@section(30)
def my_requests(request, since):
    bookings = (
        Booking.objects.requested_by(request.user)
        .upcoming()
        .exclude(status=Status.CANCELLED)
        .select_related("resource")
        .order_by("starts_at", "pk")[:SHOWN]
    )
    return {
        "id": "my-requests",
        "title": _("My requests"),
        "items": [
            {
                "title": booking.resource.name,
                "url": booking.get_absolute_url(),
                "meta": booking.get_status_display(),
                "when": booking.starts_at,
            }
            for booking in bookings
        ],
        "empty": _("No booking to come."),
        "link": (reverse("extranet:booking_list"), _("All my bookings")),
    }


@section(35)
def waiting_for_my_answer(request, since):
    bookings = (
        Booking.objects.waiting_for(request.user)
        .upcoming()
        .select_related("resource", "organisation")
        .order_by("created_at", "pk")[:SHOWN]
    )
    items = [
        {
            "title": booking.resource.name,
            "url": booking.get_absolute_url(),
            "meta": booking.organisation.name,
            "when": booking.starts_at,
        }
        for booking in bookings
    ]
    if not items:
        return None
    return {
        "id": "booking-answers",
        "title": _("Booking requests waiting for my answer"),
        "items": items,
        "empty": "",
        "link": (reverse("extranet:booking_list") + "#a-repondre", _("Every request to answer")),
    }
