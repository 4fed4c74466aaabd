"""Several owners' admins approve overlapping requests at the same moment: exactly one wins.

Each thread has its own client and its own database connection, and they all wait at a barrier
before sending their approval, so the transactions really run side by side on PostgreSQL; the
exclusion constraint (not a check, then an insert) decides. The losers are told why, in their
language, with a 400 and the request still waiting: never a 500.
"""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import translation

from reservations import workflow
from reservations.bookings import Booking, Status
from tests.reservations.conftest import at, next_weekday

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the race is PostgreSQL's exclusion constraint"),
]

THREADS = 6
LOSER = {
    "fr": "chevauche une réservation approuvée entre-temps",
    "rcf": "i tonm dsi in rézèrvasion aksèpté antretan",
}


def test_concurrent_approvals_of_overlapping_requests_let_exactly_one_win(demo_site, world, room):
    tuesday = next_weekday(1)
    requests = []
    for number in range(THREADS):
        # Pending requests that do not hold the slot may overlap; each starts a quarter of an hour later.
        requester, organisation = ("member_b", world.org_b) if number % 2 else ("circle_member", world.org_c)
        (booking,) = workflow.request(
            room,
            organisation=organisation,
            user=world.users[requester],
            slots=[(at(tuesday, 9) + timedelta(minutes=15 * number), at(tuesday, 11) + timedelta(minutes=15 * number))],
            whole_days=False,
            purpose=f"Demande {number}",
            people=3,
        )
        requests.append(booking)
    clients = []
    for _number in range(THREADS):
        client = Client()
        client.force_login(world.users["admin_a"])
        clients.append(client)
    barrier = threading.Barrier(THREADS)
    answers = [None] * THREADS

    def approve(number):
        language = "rcf" if number % 2 else "fr"
        try:
            with translation.override(language):
                url = reverse("extranet:booking_approve", args=[requests[number].pk])
            barrier.wait(timeout=30)
            response = clients[number].post(url, {"message": "D’accord"})
            answers[number] = (language, response.status_code, response.content.decode())
        finally:
            connections.close_all()  # this thread's connection

    threads = [threading.Thread(target=approve, args=(number,)) for number in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    statuses = sorted(status for _language, status, _body in answers)
    assert statuses == [302] + [400] * (THREADS - 1), statuses
    for language, status, body in answers:
        if status == 400:
            assert LOSER[language] in body.replace("&#x27;", "'"), (language, body[:300])
    assert Booking.objects.filter(resource=room, status=Status.APPROVED).count() == 1
    assert Booking.objects.filter(resource=room, status=Status.PENDING).count() == THREADS - 1
