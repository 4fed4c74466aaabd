"""Every extranet URL × every role → the expected answer, and a GET that writes nothing.

The list of URLs comes from the URL configuration: a new extranet URL without an entry here
fails the suite, so nobody adds a page without deciding who may open it.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse

from annuaire.access import Visibility
from tests.extranet.conftest import ROLES
from tests.helpers import database_writes

pytestmark = pytest.mark.django_db

PARTNERS = [role for role in ROLES if role != "anonymous"]
TO_LOGIN = 302


def everyone(status):
    return dict.fromkeys(ROLES, status)


def partners(status, **exceptions):
    return {"anonymous": TO_LOGIN, **dict.fromkeys(PARTNERS, status), **exceptions}


def editors_of_a(status=200):
    """Organisation A's admins and the coordinators; everyone else gets 404."""
    return partners(404, admin_a=status, coordinator=status)


def resource(world):
    return {"pk": world.resources[Visibility.PARTNERS].pk}


def document(world):
    return {"pk": world.documents[Visibility.PARTNERS].pk}


def calendar_source(world):
    from agenda.models import CalendarSource

    source, _created = CalendarSource.objects.get_or_create(
        organisation=world.org_a, url="https://agenda.example.org/a.ics", defaults={"name": "Agenda de A"}
    )
    return {"pk": source.pk}


def org_a(world):
    return {"slug": world.org_a.slug}


def event(world):
    return {"pk": world.events[Visibility.PARTNERS].pk}


def funding_call(world):
    return {"pk": world.funding_calls[Visibility.PARTNERS].pk}


def funding_call_attachment(world):
    call = world.funding_calls[Visibility.PARTNERS]
    return {"pk": call.pk, "attachment_id": call.attachment.pk}


def service_of_a(world):
    from annuaire.models import Service

    service, _created = Service.objects.get_or_create(organisation=world.org_a, name="Accueil de A", kind="welcome")
    return {"pk": service.pk}


def this_month(world):
    from django.utils import timezone

    today = timezone.localdate()
    return {"year": today.year, "month": today.month}


def no_kwargs(world):
    return {}


def saved_search_of_member_a(world):
    from appels.models import SavedSearch

    saved_search, _created = SavedSearch.objects.get_or_create(user=world.users["member_a"], name="Subventions")
    return {"pk": saved_search.pk}


def booking_of_b(world):
    """Member B's request for A's room: B's organisation and A's admins (and coordinators) see it."""
    from datetime import timedelta

    from django.utils import timezone

    from reservations.bookings import Booking

    resource = world.resources[Visibility.PARTNERS]
    starts_at = timezone.now().replace(microsecond=0) + timedelta(days=30)
    booking, _created = Booking.objects.get_or_create(
        resource=resource,
        organisation=world.org_b,
        defaults={
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=2),
            "blocks_until": starts_at + timedelta(hours=2),
            "purpose": "Réunion",
            "requested_by": world.users["member_b"],
        },
    )
    return {"pk": booking.pk}


def blackout(world):
    from django.utils import timezone

    from reservations.rules import Blackout

    resource = world.resources[Visibility.PARTNERS]
    day = timezone.localdate()
    found, _created = Blackout.objects.get_or_create(resource=resource, starts_on=day, ends_on=day)
    return {"pk": resource.pk, "blackout_id": found.pk}


# name: (how to build the URL's arguments, {role: expected status of a GET})
MATRIX = {
    "dashboard": (no_kwargs, partners(200)),
    "login": (no_kwargs, everyone(200)),
    "logout": (no_kwargs, everyone(405)),
    "password_reset": (no_kwargs, everyone(200)),
    "password_reset_done": (no_kwargs, everyone(200)),
    "password_reset_confirm": (lambda world: {"uidb64": "MQ", "token": "mauvais-jeton"}, everyone(200)),
    "password_reset_complete": (no_kwargs, everyone(200)),
    "profile": (no_kwargs, partners(200)),
    "password_change": (no_kwargs, partners(200)),
    "email_change": (no_kwargs, partners(200)),
    "email_change_confirm": (lambda world: {"token": "mauvais-jeton"}, partners(400)),
    "deactivate": (no_kwargs, partners(200)),
    "otp_setup": (no_kwargs, partners(200)),
    "otp_verify": (no_kwargs, partners(302)),
    "otp_remove": (no_kwargs, partners(405)),
    "invitation_accept": (lambda world: {"token": "inconnu"}, everyone(404)),
    "organisation_list": (no_kwargs, partners(200)),
    "organisation_detail": (org_a, partners(200)),
    "invite": (org_a, editors_of_a()),
    "membership_edit": (lambda world: {"slug": world.org_a.slug, "membership_id": 1}, partners(405)),
    "leave": (org_a, partners(405)),
    # Services: members see their organisations' ones, their admins and the coordinators change them.
    "service_list": (no_kwargs, partners(200)),
    "service_create": (no_kwargs, editors_of_a()),
    "service_edit": (service_of_a, editors_of_a()),
    "service_delete": (service_of_a, editors_of_a()),  # a GET asks to confirm; only a POST deletes
    "member_list": (no_kwargs, partners(200)),
    "circle_list": (no_kwargs, partners(200)),
    "circle_detail": (lambda world: {"slug": world.circle.slug}, partners(200)),
    "resource_list": (no_kwargs, partners(200)),
    "resource_export": (no_kwargs, partners(200)),
    "resource_create": (no_kwargs, partners(200)),
    "resource_detail": (resource, partners(200)),
    "resource_edit": (resource, editors_of_a()),
    "resource_share": (resource, editors_of_a()),
    "resource_delete": (resource, partners(405)),
    "document_list": (no_kwargs, partners(200)),
    "document_export": (no_kwargs, partners(200)),
    "document_create": (no_kwargs, partners(200)),
    "document_detail": (document, partners(200)),
    "document_edit": (document, editors_of_a()),
    "document_share": (document, editors_of_a()),
    "document_delete": (document, partners(405)),
    "document_download": (document, partners(200)),
    "event_list": (no_kwargs, partners(200)),
    "event_export": (no_kwargs, partners(200)),
    "event_this_month": (no_kwargs, partners(302)),
    "event_month": (this_month, partners(200)),
    "event_create": (no_kwargs, partners(200)),
    "event_detail": (event, partners(200)),
    "event_edit": (event, editors_of_a()),
    "event_share": (event, editors_of_a()),
    "event_delete": (event, partners(405)),
    "funding_call_list": (no_kwargs, partners(200)),
    "funding_call_export": (no_kwargs, partners(200)),
    "funding_call_this_month": (no_kwargs, partners(302)),
    "funding_call_month": (this_month, partners(200)),
    "funding_call_create": (no_kwargs, partners(200)),
    "funding_call_detail": (funding_call, partners(200)),
    "funding_call_edit": (funding_call, editors_of_a()),
    "funding_call_share": (funding_call, editors_of_a()),
    "funding_call_delete": (funding_call, partners(405)),
    "funding_call_duplicate": (funding_call, partners(405)),
    "funding_call_interest": (funding_call, partners(405)),
    "funding_call_attachment": (funding_call_attachment, partners(200)),
    "calendar_source_list": (no_kwargs, editors_of_a()),
    "calendar_source_create": (no_kwargs, editors_of_a()),
    "calendar_source_fetch": (calendar_source, partners(405)),
    "calendar_source_pause": (calendar_source, partners(405)),
    "calendar_source_delete": (calendar_source, partners(405)),
    "search": (no_kwargs, partners(200)),
    "access_log": (no_kwargs, partners(404, coordinator=200)),
    # Alerts on funding calls: one's own saved searches and calendar; token pages open to all, 404 for a wrong token.
    "funding_alert_list": (no_kwargs, partners(200)),
    "funding_alert_create": (no_kwargs, partners(200)),
    "funding_alert_delete": (saved_search_of_member_a, partners(405)),
    "funding_alert_unsubscribe": (lambda world: {"token": "mauvais-jeton"}, everyone(404)),
    "funding_calendar": (no_kwargs, partners(200)),
    "funding_calendar_renew": (no_kwargs, partners(405)),
    "funding_calendar_feed": (lambda world: {"token": "mauvais-jeton"}, everyone(404)),
    # Bookings: whoever may see a resource asks for it and sees its week; its owner's admins set its rules.
    # A booking is seen by the requesting organisation (B), the owner's admins and the coordinators.
    "booking_request": (resource, partners(200)),
    "resource_week": (resource, partners(200)),
    "resource_rules": (resource, editors_of_a()),
    "blackout_add": (resource, partners(405)),
    "blackout_delete": (blackout, partners(405)),
    "booking_list": (no_kwargs, partners(200)),
    "booking_free_at": (no_kwargs, partners(200)),
    "booking_detail": (booking_of_b, partners(404, member_b=200, admin_a=200, coordinator=200)),
    "booking_approve": (booking_of_b, partners(405)),
    "booking_decline": (booking_of_b, partners(405)),
    "booking_cancel": (booking_of_b, partners(405)),
}


def extranet_url_names():
    resolver = get_resolver()
    namespace = resolver.namespace_dict["extranet"][1]
    return {pattern.name for pattern in namespace.url_patterns if pattern.name}


def test_every_extranet_url_has_an_entry():
    names = extranet_url_names()
    assert names - MATRIX.keys() == set(), "add these URLs to the permission matrix"
    assert MATRIX.keys() - names == set(), "these entries name URLs that no longer exist"


@pytest.mark.parametrize("language", ["fr", "rcf"])
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(world, login, role, language):
    from django.utils import translation

    client = login(world, role)
    failures = []
    with translation.override(language):
        for name, (kwargs, expected) in sorted(MATRIX.items()):
            url = reverse(f"extranet:{name}", kwargs=kwargs(world))
            with CaptureQueriesContext(connection) as queries:
                status = client.get(url).status_code
            writes = database_writes(queries)
            if writes:
                failures.append(f"{url}: a GET wrote to the database: {writes[0][:120]}")
            if status != expected[role]:
                failures.append(f"{url}: {status}, expected {expected[role]}")
            if role == "anonymous" and expected[role] == TO_LOGIN:
                assert "/connexion/" in client.get(url)["Location"], url
    assert failures == [], f"{role} ({language}):\n" + "\n".join(failures)
