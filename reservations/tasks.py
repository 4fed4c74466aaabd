"""E-mails of bookings through Celery: each notice at once, or in digests; reminders of unanswered requests."""

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from annuaire.models import MemberProfile
from caserurale import delivery
from caserurale.celery import SafeTask
from reservations import emails, notice_delivery
from reservations.bookings import Booking
from reservations.notices import BookingNotice


def tell(booking, kind, actor=None):
    """Write the notices of this news; those wanted at once leave when the transaction commits."""
    notices = emails.notify(booking, kind, actor)
    immediate = [n.pk for n in notices if emails.frequency_of(n.user) == MemberProfile.Frequency.IMMEDIATE]
    if immediate:
        transaction.on_commit(lambda: send_notices.delay(immediate))
    return notices


@shared_task(base=SafeTask, bind=True)
@delivery.retried_after_claims
def send_notices(self, notice_ids):
    """Each notice at once. A refused send raises and is retried with backoff (SafeTask)."""
    return notice_delivery.send(notice_ids)


@shared_task(base=SafeTask, bind=True)
@delivery.retried_after_claims
def send_digests(self, frequency):
    """The daily or weekly digest: every notice not sent yet of the members who chose it.

    A notice whose claim was left by a worker that died is taken over here, after the lease."""
    ids = list(
        BookingNotice.objects.filter(sent_at__isnull=True, user__profile__notification_frequency=frequency)
        .order_by("user_id", "created_at", "pk")
        .values_list("pk", flat=True)
    )
    return notice_delivery.send(ids)


@shared_task
def remind_unanswered():
    """Remind the owner of each request left without an answer for BOOKING_REMINDER_DAYS, once."""
    reminded = 0
    for booking in emails.unanswered(settings.BOOKING_REMINDER_DAYS).select_related("resource"):
        with transaction.atomic():
            if Booking.objects.filter(pk=booking.pk, reminded_at__isnull=True).update(reminded_at=timezone.now()):
                tell(booking, BookingNotice.Kind.REMINDER)
                reminded += 1
    return reminded
