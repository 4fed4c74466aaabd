"""Sending an e-mail once: a claim with a lease, given up when the send fails, marked sent after it.

Every e-mail the platform sends from a task (funding alerts and reminders, partners' moderation
notices, the editors' alerts) has one row that records it, unique in the database — its *ledger*
row. A run:

1. **claims** the e-mail (:func:`claim`): writes the claim's time on the row, or inserts the row,
   and commits — of two workers racing, the database lets exactly one win;
2. sends the message to the mail server;
3. marks the row sent (:func:`mark_sent`).

If the mail server refuses or cannot be reached (2), the claim is given up (:func:`release`) and the
error raised: Celery retries the task with backoff (caserurale.celery.SafeTask) and the retry claims
again. A claim found unsent belongs to a run still sending, or to a worker that died while sending:
once it is older than the lease — far longer than a send takes — a later run takes it over with a
conditional update only one run can win. Until then a run meeting it gets :class:`ClaimPending` and
asks to be retried after the lease, so that a task redelivered after its worker died does not give up.

At-least-once rather than at-most-once: a worker dying after the claim and before the server accepted
the message would otherwise lose the e-mail for good. A duplicate remains possible in one window
only, between the server's acceptance and step 3 (milliseconds); the message then leaves again after
the lease.
"""

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

logger = logging.getLogger(__name__)


class ClaimPending(Exception):
    """Another run claimed this e-mail and has not confirmed it yet: try again in ``retry_in`` seconds."""

    def __init__(self, key, retry_in):
        super().__init__(f"{key}: being sent elsewhere, retry in {retry_in:.0f}s")
        self.retry_in = retry_in


@dataclass(frozen=True)
class Ledger:
    """The one row that records an e-mail, and how it tells claimed from sent.

    ``row`` selects the row (by a unique key); ``claimed_at`` names the field holding the claim's time
    (empty when nobody holds it); ``unsent`` is true of the row until the server accepted the message;
    ``sent(now)`` gives the values that mark it sent. With ``insert`` (the row's key values), the row
    *is* the claim: a claim inserts it and giving the claim up deletes it. Without, the row exists
    beforehand and giving up empties ``claimed_at``.
    """

    key: str  # for the logs and ClaimPending
    row: QuerySet
    claimed_at: str
    unsent: Q
    sent: Callable[[datetime], dict]
    insert: dict | None = None


@dataclass(frozen=True)
class Claim:
    ledger: Ledger
    at: datetime

    def rows(self):
        """The row, as long as this claim still holds it."""
        return self.ledger.row.filter(self.ledger.unsent, **{self.ledger.claimed_at: self.at})


def claim(ledger, lease: timedelta, now=None):
    """The committed claim of the e-mail, or None when it was sent already (or its row is gone).

    Raises :class:`ClaimPending` while another run's claim is fresh. Must run outside any transaction
    the caller keeps open: the claim has to be visible to other workers at once.
    """
    now = now or timezone.now()
    field = ledger.claimed_at
    if ledger.insert is not None:
        try:
            with transaction.atomic():
                ledger.row.model.objects.create(**ledger.insert, **{field: now})
            return Claim(ledger, now)
        except IntegrityError:
            pass
    unsent = ledger.row.filter(ledger.unsent)
    # Conditional updates: of runs racing, only one sees its update count as 1.
    if unsent.filter(**{f"{field}__isnull": True}).update(**{field: now}):
        return Claim(ledger, now)
    if unsent.filter(**{f"{field}__lt": now - lease}).update(**{field: now}):
        logger.warning("taking over the unsent e-mail %s, claimed by a run that died", ledger.key)
        return Claim(ledger, now)
    held = unsent.values_list(field, flat=True)
    if not held:  # sent, or (for a row that is its claim) given up between our insert and our look
        if ledger.insert is not None and not ledger.row.exists():
            return claim(ledger, lease, now)
        return None
    held_since = held[0]
    if held_since is None:  # given up between our update and our look
        return claim(ledger, lease, now)
    raise ClaimPending(ledger.key, max((held_since + lease - now).total_seconds() + 1, 1))


def release(held: Claim):
    """Give the claim up after a failed send, so that a retry may claim again."""
    if held.ledger.insert is not None:
        held.rows().delete()
    else:
        held.rows().update(**{held.ledger.claimed_at: None})


def mark_sent(held: Claim, now=None):
    held.ledger.row.update(**held.ledger.sent(now or timezone.now()))


def send_once(ledger, lease, build_message, after_delivery=None):
    """Send the message ``build_message()`` returns, once for ``ledger``. True when it left now.

    ``after_delivery`` runs in the transaction that marks the e-mail sent (e.g. to move a digest's
    "last sent" date with it).
    """
    held = claim(ledger, lease)
    if held is None:
        return False
    try:
        build_message().send()
    except BaseException:
        release(held)
        raise
    with transaction.atomic():
        mark_sent(held)
        if after_delivery:
            after_delivery()
    return True


# A claim of another run may stay fresh for the whole lease: a task waits for it rather than give up.
CLAIM_RETRIES = 20


def retried_after_claims(task_function):
    """For a bound Celery task that sends once: meeting another run's fresh claim, it retries after it."""

    @functools.wraps(task_function)
    def run(task, *args, **kwargs):
        try:
            return task_function(task, *args, **kwargs)
        except ClaimPending as pending:
            raise task.retry(countdown=pending.retry_in, max_retries=CLAIM_RETRIES, exc=pending) from pending

    return run
