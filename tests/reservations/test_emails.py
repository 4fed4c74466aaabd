"""Each side of a booking is told by e-mail (real SMTP), in their language, as their preference says, once."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from annuaire.models import MemberProfile
from reservations import tasks, workflow
from reservations.bookings import Booking
from reservations.notices import BookingNotice
from tests.appels.celery_helpers import real_worker, smtp_server, use_smtp
from tests.reservations.conftest import at, next_weekday
from tests.smtp import Inbox, body_of

Frequency = MemberProfile.Frequency


def prefer(user, frequency, language="fr"):
    MemberProfile.objects.update_or_create(
        user=user, defaults={"notification_frequency": frequency, "language": language}
    )


def ask(world, room, hour=9, role="member_b"):
    tuesday = next_weekday(1)
    return workflow.request(
        room,
        organisation=world.org_b,
        user=world.users[role],
        slots=[(at(tuesday, hour), at(tuesday, hour + 1))],
        whole_days=False,
        purpose="Réunion du bureau",
        people=4,
    )[0]


def sent_to(inbox, user):
    return [message for message in inbox.messages if message.rcpt_tos == [user.email]]


@pytest.mark.django_db
def test_at_once_the_owner_hears_of_the_request_and_the_requester_of_the_answer_in_creole(
    world, room, smtp_inbox, django_capture_on_commit_callbacks
):
    admin, requester = world.users["admin_a"], world.users["member_b"]
    prefer(admin, Frequency.IMMEDIATE, "fr")
    prefer(requester, Frequency.IMMEDIATE, "rcf")
    with django_capture_on_commit_callbacks(execute=True):
        booking = ask(world, room)
    smtp_inbox.wait_for(1, timeout=10)
    (to_owner,) = sent_to(smtp_inbox, admin)
    assert "Nouvelle demande" in body_of(to_owner) and room.name in body_of(to_owner)
    assert booking.get_absolute_url() in body_of(to_owner)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.answer(booking, admin, approve=True, message="Klé lé o lakèy")
    smtp_inbox.wait_for(2, timeout=10)
    (to_requester,) = sent_to(smtp_inbox, requester)
    assert "Domann aksèpté" in body_of(to_requester) and "Klé lé o lakèy" in body_of(to_requester)
    assert len(smtp_inbox.messages) == 2  # nobody is told of what they did themselves


@pytest.mark.django_db
def test_a_refused_approval_tells_nobody(world, room, smtp_inbox, django_capture_on_commit_callbacks):
    prefer(world.users["member_b"], Frequency.IMMEDIATE)
    first, second = ask(world, room), ask(world, room, role="member_b")
    workflow.answer(first, world.users["admin_a"], approve=True, message="")
    BookingNotice.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(workflow.BookingRefused):
        workflow.answer(second, world.users["admin_a"], approve=True, message="")
    assert not BookingNotice.objects.exists()
    time.sleep(0.5)
    assert smtp_inbox.messages == []


@pytest.mark.django_db
def test_digests_gather_the_news_and_send_it_once(world, room, smtp_inbox, django_capture_on_commit_callbacks):
    admin = world.users["admin_a"]
    prefer(admin, Frequency.DAILY)
    prefer(world.users["member_a"], Frequency.NONE)
    with django_capture_on_commit_callbacks(execute=True):
        ask(world, room, 9)
        ask(world, room, 14)
    assert smtp_inbox.messages == []  # nothing at once for a daily digest
    assert tasks.send_digests("weekly") == 0
    assert tasks.send_digests("daily") == 2
    smtp_inbox.wait_for(1, timeout=10)
    (digest,) = sent_to(smtp_inbox, admin)
    assert body_of(digest).count("Nouvelle demande") == 2
    assert tasks.send_digests("daily") == 0
    assert len(smtp_inbox.messages) == 1


@pytest.mark.django_db
def test_a_request_left_unanswered_reminds_the_owner_once(world, room, smtp_inbox, settings):
    prefer(world.users["admin_a"], Frequency.IMMEDIATE)
    booking = ask(world, room)
    BookingNotice.objects.update(sent_at=timezone.now())  # the request's own notice went out long ago
    assert tasks.remind_unanswered() == 0  # too recent
    Booking.objects.filter(pk=booking.pk).update(
        created_at=timezone.now() - timedelta(days=settings.BOOKING_REMINDER_DAYS + 1)
    )
    assert tasks.remind_unanswered() == 1
    assert tasks.remind_unanswered() == 0
    assert BookingNotice.objects.filter(kind=BookingNotice.Kind.REMINDER).count() == 1


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_through_a_real_worker_each_email_is_sent_once(demo_site, world, room, settings):
    prefer(world.users["admin_a"], Frequency.IMMEDIATE)
    prefer(world.users["member_b"], Frequency.DAILY)
    server = smtp_server(Inbox())
    use_smtp(settings, server.port)
    try:
        with real_worker(settings.TEST_REDIS_URL):
            booking = ask(world, room)  # committed: the task leaves for the worker
            server.inbox.wait_for(1, timeout=30)
            workflow.answer(booking, world.users["admin_a"], approve=True, message="")
            tasks.send_digests.delay("daily").get(timeout=30)
            tasks.send_digests.delay("daily").get(timeout=30)
            # The same notices queued again: already claimed, not sent twice.
            tasks.send_notices.delay(list(BookingNotice.objects.values_list("pk", flat=True))).get(timeout=30)
            server.inbox.wait_for(2, timeout=30)
            time.sleep(1)
    finally:
        server.stop()
    assert len(sent_to(server.inbox, world.users["admin_a"])) == 1
    assert len(sent_to(server.inbox, world.users["member_b"])) == 1
    assert "Demande acceptée" in body_of(sent_to(server.inbox, world.users["member_b"])[0])
