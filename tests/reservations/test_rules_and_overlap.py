"""Booking rules, and no two active bookings of a resource overlapping, buffers included."""

from datetime import time

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation

from reservations import recurrence, workflow
from reservations.bookings import Booking, Status
from reservations.checks import day_bounds, rule_problems
from reservations.rules import Blackout, BookingRules
from tests.reservations.conftest import at, next_weekday

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="the exclusion constraint is PostgreSQL's")


def ask(world, resource, starts_at, ends_at, role="member_b", organisation=None, people=4, whole_days=False):
    return workflow.request(
        resource,
        organisation=organisation or world.org_b,
        user=world.users[role],
        slots=[(starts_at, ends_at)],
        whole_days=whole_days,
        purpose="Réunion du bureau",
        people=people,
    )[0]


def approve(world, booking):
    return workflow.answer(booking, world.users["admin_a"], approve=True, message="Avec plaisir")


def test_a_request_that_fits_waits_for_the_owner(world, room):
    tuesday = next_weekday(1)
    booking = ask(world, room, at(tuesday, 9), at(tuesday, 12))
    assert booking.status == Status.PENDING
    assert booking.blocks_until == at(tuesday, 12, 30)  # the 30 minutes kept free
    assert approve(world, booking).status == Status.APPROVED


def test_each_rule_says_what_is_wrong_in_french_and_creole(world, room):
    rules = BookingRules.of(room)
    tuesday, saturday = next_weekday(1), next_weekday(5)
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)
    blackout = Blackout(resource=room, starts_on=tuesday, ends_on=tuesday, reason="entretien")
    cases = {
        "notice": {"starts_at": at(tomorrow, 0, 30), "ends_at": at(tomorrow, 1)},
        "length": {"starts_at": at(tuesday, 8), "ends_at": at(tuesday, 17)},
        "closed day": {"starts_at": at(saturday, 9), "ends_at": at(saturday, 10)},
        "hours": {"starts_at": at(tuesday, 7), "ends_at": at(tuesday, 9)},
    }
    with translation.override("fr"):
        problems = {name: rule_problems(rules, [], whole_days=False, **case) for name, case in cases.items()}
        assert "au moins 24 heures à l’avance" in problems["notice"][0].replace("'", "’")
        assert "8 heures au plus" in problems["length"][0]
        assert "lundi" in problems["closed day"][0]
        assert "entre 08:00 et 18:00" in problems["hours"][0]
        (blacked,) = rule_problems(
            rules, [blackout], whole_days=False, starts_at=at(tuesday, 9), ends_at=at(tuesday, 10)
        )
        assert "entretien" in blacked
        (crowded,) = rule_problems(
            rules, [], whole_days=False, starts_at=at(tuesday, 9), ends_at=at(tuesday, 10), people=20, capacity=12
        )
        assert "12 personnes au plus" in crowded
    with translation.override("rcf"):
        creole = rule_problems(rules, [], whole_days=False, **cases["hours"])[0]
        assert creole != problems["hours"][0] and "08:00" in creole


def test_a_loan_of_equipment_counts_whole_days(world, equipment):
    rules = BookingRules.of(equipment)
    monday = next_weekday(0)
    starts_at, ends_at = day_bounds(monday, monday + timezone.timedelta(days=2))
    assert ends_at - starts_at == timezone.timedelta(days=3)
    assert rule_problems(rules, [], whole_days=True, starts_at=starts_at, ends_at=ends_at) == []
    starts_at, ends_at = day_bounds(monday, monday + timezone.timedelta(days=7))
    assert "7 jours au plus" in rule_problems(rules, [], whole_days=True, starts_at=starts_at, ends_at=ends_at)[0]


def test_the_buffer_keeps_the_next_booking_away(world, room):
    tuesday = next_weekday(1)
    approve(world, ask(world, room, at(tuesday, 9), at(tuesday, 11)))
    with pytest.raises(workflow.BookingRefused) as refused:
        ask(world, room, at(tuesday, 11, 15), at(tuesday, 12))
    assert "Une autre réservation" in refused.value.messages[0]
    after_the_buffer = ask(world, room, at(tuesday, 11, 30), at(tuesday, 12))
    assert after_the_buffer.status == Status.PENDING


def test_pending_requests_overlap_until_one_is_approved(world, room):
    tuesday = next_weekday(1)
    first = ask(world, room, at(tuesday, 9), at(tuesday, 11))
    second = ask(world, room, at(tuesday, 10), at(tuesday, 12), role="circle_member", organisation=world.org_c)
    approve(world, first)
    with pytest.raises(workflow.BookingRefused) as refused:
        approve(world, second)
    assert "approuvée entre-temps" in refused.value.messages[0]
    assert Booking.objects.get(pk=second.pk).status == Status.PENDING  # nothing half-written


def test_where_pending_holds_the_slot_the_second_request_is_refused(world, room):
    BookingRules.objects.filter(resource=room).update(pending_holds_slot=True)
    room.refresh_from_db()
    tuesday = next_weekday(1)
    ask(world, room, at(tuesday, 9), at(tuesday, 11))
    with pytest.raises(workflow.BookingRefused):
        ask(world, room, at(tuesday, 10), at(tuesday, 12), role="circle_member", organisation=world.org_c)


def test_a_chosen_circle_books_at_once(world, room):
    room.booking_rules.instant_circles.add(world.circle)
    tuesday = next_weekday(1)
    booking = ask(world, room, at(tuesday, 9), at(tuesday, 11), role="circle_member", organisation=world.org_c)
    assert booking.status == Status.APPROVED
    assert ask(world, room, at(tuesday, 14), at(tuesday, 15)).status == Status.PENDING  # B is not in the circle


def test_cancelled_and_declined_bookings_free_the_slot(world, room):
    tuesday = next_weekday(1)
    booking = approve(world, ask(world, room, at(tuesday, 9), at(tuesday, 11)))
    workflow.cancel(booking, world.users["member_b"])
    declined = ask(world, room, at(tuesday, 9), at(tuesday, 11), role="circle_member", organisation=world.org_c)
    workflow.answer(declined, world.users["admin_a"], approve=False, message="Salle en travaux")
    assert approve(world, ask(world, room, at(tuesday, 9), at(tuesday, 11))).status == Status.APPROVED


def test_only_a_member_asks_for_its_organisation(world, room):
    tuesday = next_weekday(1)
    with pytest.raises(workflow.BookingRefused):
        ask(world, room, at(tuesday, 9), at(tuesday, 11), role="member_b", organisation=world.org_c)


def test_a_weekly_series_is_saved_whole_or_not_at_all(world, room):
    tuesday = next_weekday(1)
    slots = recurrence.weekly(at(tuesday, 9), at(tuesday, 12), 6)
    assert [slot[0].date() for slot in slots][-1] == tuesday + timezone.timedelta(weeks=5)
    assert {timezone.localtime(slot[0]).time() for slot in slots} == {time(9)}
    approve(world, ask(world, room, *slots[3], role="circle_member", organisation=world.org_c))
    with pytest.raises(workflow.BookingRefused):
        workflow.request(
            room,
            organisation=world.org_b,
            user=world.users["member_b"],
            slots=slots,
            whole_days=False,
            purpose="Atelier",
            people=3,
        )
    assert not Booking.objects.filter(organisation=world.org_b).exists()
    saved = workflow.request(
        room,
        organisation=world.org_b,
        user=world.users["member_b"],
        slots=slots[:3] + slots[4:],
        whole_days=False,
        purpose="Atelier",
        people=3,
    )
    assert len(saved) == 5 and len({booking.series for booking in saved}) == 1


@on_postgresql
def test_the_database_refuses_an_overlap_that_skipped_every_check(world, room):
    tuesday = next_weekday(1)
    approve(world, ask(world, room, at(tuesday, 9), at(tuesday, 11)))
    sneaky = Booking(
        resource=room,
        organisation=world.org_c,
        starts_at=at(tuesday, 11),
        ends_at=at(tuesday, 12),
        blocks_until=at(tuesday, 12),
        purpose="passe-droit",
        status=Status.APPROVED,
    )
    with pytest.raises(IntegrityError, match="booking_no_overlap"), transaction.atomic():
        sneaky.save()  # 11:00 is inside the first booking's buffer
    sneaky.status = Status.PENDING
    sneaky.holds_slot = False
    sneaky.save()  # a pending request that does not hold the slot is outside the rule
    with pytest.raises(IntegrityError, match="booking_no_overlap"), transaction.atomic():
        Booking.objects.filter(pk=sneaky.pk).update(status=Status.APPROVED)
