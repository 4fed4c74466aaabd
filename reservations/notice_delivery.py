"""Sending the bookings' notices once: each notice is its own ledger row (caserurale.delivery).

A run claims the notices it was given, one by one, then sends one e-mail per recipient with those it
claimed — a notice, or a digest. Once the mail server accepted it, the recipient's notices are marked
sent; a refused send gives their claims up and raises, so that Celery retries. A notice claimed by a
run that died is taken over after ``BOOKING_NOTICE_LEASE``; one claimed by a run still within its
lease is left to it, and :class:`caserurale.delivery.ClaimPending` is raised once the rest has left.
"""

from itertools import groupby

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from caserurale import delivery
from reservations import emails
from reservations.notices import BookingNotice


def ledger(notice_id):
    return delivery.Ledger(
        key=f"booking notice {notice_id}",
        row=BookingNotice.objects.filter(pk=notice_id),
        claimed_at="claimed_at",
        unsent=Q(sent_at__isnull=True),
        sent=lambda now: {"sent_at": now},
    )


def send(notice_ids):
    """Send the notices not sent yet, one e-mail per recipient; returns how many notices left now."""
    claims, pending = {}, []
    for notice_id in notice_ids:
        try:
            held = delivery.claim(ledger(notice_id), settings.BOOKING_NOTICE_LEASE)
        except delivery.ClaimPending as other_run:
            pending.append(other_run)
            continue
        if held is not None:
            claims[notice_id] = held
    sent = 0
    for _user_id, group in groupby(emails.notices_of(list(claims)), key=lambda notice: notice.user_id):
        group = list(group)
        try:
            emails.build_message(group[0].user, group).send()
        except BaseException:
            # Given up for the retry: this recipient's claims and those of the e-mails not sent yet.
            for claim in claims.values():
                delivery.release(claim)
            raise
        with transaction.atomic():
            for notice in group:
                delivery.mark_sent(claims.pop(notice.pk))
        sent += len(group)
    if pending:
        raise max(pending, key=lambda other_run: other_run.retry_in)
    return sent
