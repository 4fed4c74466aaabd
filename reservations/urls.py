"""Bookings' addresses, served under /extranet/ with the extranet's names (caserurale.urls joins them)."""

from django.urls import path

from reservations.views import availability, requests, rules

urlpatterns = [
    path("ressources/<int:pk>/reserver/", requests.request_booking, name="booking_request"),
    path("ressources/<int:pk>/semaine/", availability.resource_week, name="resource_week"),
    path("ressources/<int:pk>/regles/", rules.resource_rules, name="resource_rules"),
    path("ressources/<int:pk>/indisponible/", rules.blackout_add, name="blackout_add"),
    path(
        "ressources/<int:pk>/indisponible/<int:blackout_id>/supprimer/",
        rules.blackout_delete,
        name="blackout_delete",
    ),
    path("reservations/", requests.booking_list, name="booking_list"),
    path("reservations/libre/", availability.free_at, name="booking_free_at"),
    path("reservations/<int:pk>/", requests.booking_detail, name="booking_detail"),
    path("reservations/<int:pk>/accepter/", requests.approve_booking, name="booking_approve"),
    path("reservations/<int:pk>/refuser/", requests.decline_booking, name="booking_decline"),
    path("reservations/<int:pk>/annuler/", requests.cancel_booking, name="booking_cancel"),
]
