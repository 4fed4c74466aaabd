"""E-mails of bookings through Celery: each notice at once, or in digests; reminders of unanswered requests."""

from itertools import groupby
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from annuaire.models import MemberProfile
from reservations import emails
from reservations.bookings import Booking
from reservations.notices import BookingNotice

RETRIES = {"autoretry_for": (SMTPException, OSError), "retry_backoff": True, "max_retries": 5}


def tell(booking, kind, actor=None):
    """Write the notices of this news; those wanted at once leave when the transaction commits."""
    notices = emails.notify(booking, kind, actor)
    immediate = [n.pk for n in notices if emails.frequency_of(n.user) == MemberProfile.Frequency.IMMEDIATE]
    if immediate:
        transaction.on_commit(lambda: send_notices.delay(immediate))
    return notices


def send_claimed(ids):
    """One e-mail per recipient; a failed send gives its notices back for the retry."""
    notices = emails.notices_of(emails.claim(ids))
    for _user_id, group in groupby(notices, key=lambda notice: notice.user_id):
        group = list(group)
        try:
            emails.deliver(group[0].user, group)
        except Exception:
            BookingNotice.objects.filter(pk__in=[n.pk for n in group]).update(sent_at=None)
            raise
    return len(notices)


@shared_task(**RETRIES)
def send_notices(notice_ids):
    return send_claimed(notice_ids)


@shared_task(**RETRIES)
def send_digests(frequency):
    """The daily or weekly digest: every notice not sent yet of the members who chose it."""
    ids = list(
        BookingNotice.objects.filter(sent_at__isnull=True, user__profile__notification_frequency=frequency)
        .order_by("user_id", "created_at", "pk")
        .values_list("pk", flat=True)
    )
    return send_claimed(ids)


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
