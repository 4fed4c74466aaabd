"""A partner asks for a resource, the owner answers, either side cancels; weeks, what is free, the dashboard."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from annuaire.access import Visibility
from reservations import workflow
from reservations.bookings import Booking, Status
from reservations.rules import Blackout
from tests.helpers import database_writes
from tests.reservations.conftest import at, next_weekday

pytestmark = pytest.mark.django_db


def url(name, *args, language="fr"):
    with translation.override(language):
        return reverse(f"extranet:{name}", args=args)


def form_data(day, starts="09:00", ends="12:00", **extra):
    return {
        "day": day.isoformat(),
        "starts": starts,
        "ends": ends,
        "purpose": "Assemblée générale",
        "people": 8,
        "weeks": 1,
        **extra,
    }


def html(response):
    return response.content.decode().replace("&#x27;", "'").replace("&rsquo;", "’")


def test_a_partner_asks_and_the_owner_approves_with_a_message(world, login, room, client):
    tuesday = next_weekday(1)
    login(world, "member_b")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("booking_request", room.pk)).status_code == 200
    assert database_writes(queries) == []
    response = client.post(url("booking_request", room.pk), form_data(tuesday))
    booking = Booking.objects.get(resource=room)
    assert response.status_code == 302 and response["Location"] == booking.get_absolute_url()
    assert (booking.status, booking.organisation, booking.people) == (Status.PENDING, world.org_b, 8)
    assert "Votre demande est envoyée" in html(client.get(response["Location"]))

    login(world, "admin_a")
    dashboard = html(client.get(url("dashboard")))
    assert "Demandes de réservation qui attendent ma réponse" in dashboard and booking.get_absolute_url() in dashboard
    response = client.post(url("booking_approve", booking.pk), {"message": "La clé est à l’accueil"})
    assert response.status_code == 302
    login(world, "member_b")
    page = html(client.get(booking.get_absolute_url()))
    assert "Acceptée" in page and "La clé est à l’accueil" in page
    assert "Mes demandes" in html(client.get(url("dashboard")))


@pytest.mark.parametrize(
    ("language", "message"),
    [("fr", "La fin doit venir après le début."), ("rcf", "La fin i doi vni apré lo komansman.")],
)
def test_a_mistake_is_explained_and_what_was_typed_is_kept(world, login, room, client, language, message):
    login(world, "member_b")
    tuesday = next_weekday(1)
    response = client.post(
        url("booking_request", room.pk, language=language),
        form_data(tuesday, starts="12:00", ends="09:00", purpose="Répétition de la chorale"),
    )
    assert response.status_code == 400
    page = html(response)
    assert message in page and "Répétition de la chorale" in page and tuesday.isoformat() in page
    assert not Booking.objects.filter(resource=room).exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [("fr", "On peut la réserver entre 08:00 et 18:00."), ("rcf", "I pé rézèrv ali ant 08:00 é 18:00.")],
)
def test_a_rule_broken_is_a_form_error(world, login, room, client, language, message):
    login(world, "member_b")
    response = client.post(
        url("booking_request", room.pk, language=language), form_data(next_weekday(1), "17:00", "19:00")
    )
    assert response.status_code == 400 and message in html(response)


def test_a_weekly_series_lists_the_clashes_and_books_the_others_once_they_are_left_out(world, login, room, client):
    tuesday = next_weekday(1)
    clash_day = tuesday + timedelta(weeks=2)
    approved = workflow.request(
        room,
        organisation=world.org_c,
        user=world.users["circle_member"],
        slots=[(at(clash_day, 10), at(clash_day, 11))],
        whole_days=False,
        purpose="Atelier",
        people=2,
    )[0]
    workflow.answer(approved, world.users["admin_a"], approve=True, message="")
    Blackout.objects.create(
        resource=room, starts_on=tuesday + timedelta(weeks=4), ends_on=tuesday + timedelta(weeks=4), reason="vacances"
    )
    login(world, "member_b")
    response = client.post(url("booking_request", room.pk), form_data(tuesday, weeks=6))
    assert response.status_code == 400
    page = html(response)
    assert page.count('name="skip"') == 6
    assert page.count("Impossible à réserver") == 2 and "vacances" in page
    assert "cochez-les pour les laisser de côté" in page
    assert not Booking.objects.filter(organisation=world.org_b).exists()
    # Leaving out the two clashes, and a third date by choice.
    skipped = [clash_day, tuesday + timedelta(weeks=4), tuesday + timedelta(weeks=5)]
    response = client.post(
        url("booking_request", room.pk), form_data(tuesday, weeks=6, skip=[day.isoformat() for day in skipped])
    )
    assert response.status_code == 302
    booked = Booking.objects.filter(organisation=world.org_b).order_by("starts_at")
    assert [b.starts_at.date() for b in booked] == [tuesday, tuesday + timedelta(weeks=1), tuesday + timedelta(weeks=3)]
    assert len({b.series for b in booked}) == 1


def test_equipment_is_lent_for_whole_days(world, login, equipment, client):
    monday = next_weekday(0)
    login(world, "circle_member")
    form = html(client.get(url("booking_request", equipment.pk)))
    assert 'name="first_day"' in form and 'name="starts"' not in form
    response = client.post(
        url("booking_request", equipment.pk),
        {
            "first_day": monday.isoformat(),
            "last_day": (monday + timedelta(days=2)).isoformat(),
            "purpose": "Fête de quartier",
            "people": 30,
            "weeks": 1,
        },
    )
    assert response.status_code == 302
    booking = Booking.objects.get(resource=equipment)
    assert booking.whole_days and booking.ends_at - booking.starts_at == timedelta(days=3)
    assert "journées entières" in html(client.get(booking.get_absolute_url()))


def test_who_may_ask_see_answer_and_cancel(world, login, room, client):
    hidden = world.resources[Visibility.ORGANISATION]
    login(world, "member_b")
    assert client.get(url("booking_request", hidden.pk)).status_code == 404
    tuesday = next_weekday(1)
    booking = workflow.request(
        room,
        organisation=world.org_b,
        user=world.users["member_b"],
        slots=[(at(tuesday, 9), at(tuesday, 10))],
        whole_days=False,
        purpose="Bureau",
        people=3,
    )[0]
    # The requester may not answer their own request.
    assert client.post(url("booking_approve", booking.pk)).status_code == 404
    login(world, "circle_member")
    assert client.get(booking.get_absolute_url()).status_code == 404
    assert client.post(url("booking_cancel", booking.pk)).status_code == 404
    login(world, "admin_a")
    response = client.post(url("booking_decline", booking.pk, language="rcf"), {"message": "Salle pa disponib"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert (booking.status, booking.answer) == (Status.DECLINED, "Salle pa disponib")
    again = client.post(url("booking_approve", booking.pk), {"message": ""})
    assert again.status_code == 400 and "déjà reçu une réponse" in html(again)


def test_either_side_cancels(world, login, room, client):
    tuesday = next_weekday(1)
    for side in ("member_b", "admin_a"):
        booking = workflow.request(
            room,
            organisation=world.org_b,
            user=world.users["member_b"],
            slots=[(at(tuesday, 9), at(tuesday, 10))],
            whole_days=False,
            purpose="Bureau",
            people=3,
        )[0]
        login(world, side)
        assert client.post(url("booking_cancel", booking.pk)).status_code == 302
        assert Booking.objects.get(pk=booking.pk).status == Status.CANCELLED


def test_the_week_shows_what_is_booked_and_the_free_search_leaves_it_out(world, login, room, client):
    tuesday = next_weekday(1)
    booking = workflow.request(
        room,
        organisation=world.org_b,
        user=world.users["member_b"],
        slots=[(at(tuesday, 9), at(tuesday, 11))],
        whole_days=False,
        purpose="Bureau",
        people=3,
    )[0]
    login(world, "circle_member")
    week = html(client.get(url("resource_week", room.pk), {"semaine": tuesday.isoformat()}))
    assert "<table" in week and 'scope="row"' in week and week.count("demandé") >= 2
    workflow.answer(booking, world.users["admin_a"], approve=True, message="")
    week = html(client.get(url("resource_week", room.pk), {"semaine": tuesday.isoformat()}))
    assert week.count("week-grid__cell--booked") == 2  # 9–10 and 10–11
    assert "Bureau" not in week  # others see that it is booked, not why nor by whom
    free = url("booking_free_at")
    at_ten = html(client.get(free, {"day": tuesday.isoformat(), "starts": "10:00", "ends": "11:00"}))
    at_two = html(client.get(free, {"day": tuesday.isoformat(), "starts": "14:00", "ends": "15:00"}))
    assert room.name not in at_ten and room.name in at_two
    assert world.resources[Visibility.ORGANISATION].name not in at_two  # not one circle_member may see


def test_the_owner_sets_rules_and_unavailable_days(world, login, room, client):
    login(world, "member_a")
    assert client.get(url("resource_rules", room.pk)).status_code == 404
    login(world, "admin_a")
    response = client.post(
        url("resource_rules", room.pk),
        {
            "open_days": ["0", "1"],
            "opens_at": "14:00",
            "closes_at": "09:00",
            "min_notice_hours": 2,
            "max_hours": 4,
            "max_days": 3,
            "buffer_minutes": 15,
        },
    )
    assert response.status_code == 400 and "L’heure de fermeture doit venir après" in html(response).replace("'", "’")
    response = client.post(
        url("resource_rules", room.pk),
        {
            "open_days": ["0", "1"],
            "opens_at": "09:00",
            "closes_at": "13:00",
            "min_notice_hours": 2,
            "max_hours": 4,
            "max_days": 3,
            "buffer_minutes": 15,
            "instant_circles": [world.circle.pk],
        },
    )
    assert response.status_code == 302
    room.booking_rules.refresh_from_db()
    assert (room.booking_rules.open_days, room.booking_rules.buffer_minutes) == ("01", 15)
    tuesday = next_weekday(1)
    assert (
        client.post(
            url("blackout_add", room.pk),
            {"starts_on": tuesday.isoformat(), "ends_on": tuesday.isoformat(), "reason": "peinture"},
        ).status_code
        == 302
    )
    login(world, "circle_member")
    response = client.post(url("booking_request", room.pk), form_data(tuesday, "09:00", "10:00"))
    assert response.status_code == 400 and "peinture" in html(response)
    response = client.post(url("booking_request", room.pk), form_data(tuesday + timedelta(days=6), "09:00", "10:00"))
    assert response.status_code == 302  # a Monday; the circle books at once
    assert Booking.objects.get(resource=room).status == Status.APPROVED


def grow(world, room, size):
    """More resources the partner may see, and more bookings in the measured week and around it."""
    from annuaire import access
    from extranet.models import Resource

    tuesday = next_weekday(1)
    for number in range(size):
        resource = Resource(owner=world.org_a, name=f"Salle {size}-{number}")
        access.share(resource, visibility=Visibility.PARTNERS)
        for hour in (9, 14):
            slot = (
                at(tuesday, hour) + timedelta(weeks=number % 3),
                at(tuesday, hour + 1) + timedelta(weeks=number % 3),
            )
            workflow.request(
                resource,
                organisation=world.org_b,
                user=world.users["member_b"],
                slots=[slot],
                whole_days=False,
                purpose="Atelier",
                people=2,
            )
        workflow.request(
            room,
            organisation=world.org_b,
            user=world.users["member_b"],
            slots=[
                (
                    at(tuesday, 8) + timedelta(days=number % 4, minutes=0),
                    at(tuesday, 8, 30) + timedelta(days=number % 4),
                )
            ],
            whole_days=False,
            purpose="Atelier",
            people=2,
        )


PAGES = {
    "booking_list": 22,
    "booking_free_at": 21,
    "resource_week": 23,
    "booking_request": 21,
    "dashboard": 29,
}


def measure(client, world, room):
    tuesday = next_weekday(1)
    counts = {}
    for name in PAGES:
        args = [room.pk] if name in ("resource_week", "booking_request") else []
        query = {"day": tuesday.isoformat(), "starts": "10:00", "ends": "11:00"} if name == "booking_free_at" else {}
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(name, *args), query).status_code == 200
        counts[name] = len(queries)
    return counts


@pytest.mark.parametrize("role", ["member_b", "admin_a"])
def test_query_counts_do_not_grow_with_resources_and_bookings(world, login, room, client, role):
    login(world, role)
    measure(client, world, room)  # the steady state
    small = measure(client, world, room)
    grow(world, room, 12)
    assert measure(client, world, room) == small
    if role == "member_b":
        assert small == PAGES
