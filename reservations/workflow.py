"""Asking for, approving, declining and cancelling bookings, with the no-overlap rule kept.

Every change that makes a booking active runs in a transaction that first takes the resource's
write lock on SQLite (an UPDATE of its row: SQLite then holds the database's one write lock, so
writers queue and each one's check sees the rows the previous one committed). PostgreSQL needs no
lock: the exclusion constraint refuses the second of two overlapping rows, even when both
transactions checked at the same moment; its IntegrityError becomes the same message as the check.
"""

import uuid

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from annuaire import access
from annuaire.models import Membership
from reservations.bookings import OVERLAP_CONSTRAINT, Booking, Status
from reservations.checks import rule_problems
from reservations.notices import BookingNotice
from reservations.rules import BookingRules
from reservations.tasks import tell


class BookingRefused(Exception):
    """The request cannot be made or answered as asked; ``messages`` say why, in the reader's language."""

    def __init__(self, messages):
        super().__init__(messages)
        self.messages = list(messages)


def overlap_message():
    return _("Another booking already holds this time (with the time kept free around it). Choose another time.")


def serialise_writers(resource):
    """SQLite: take the write lock now, before reading what the no-overlap check reads.

    The settings already begin SQLite transactions IMMEDIATE; this write keeps the rule true
    without relying on that option (or on a caller that opened the transaction differently).
    """
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("UPDATE extranet_resource SET id = id WHERE id = %s", [resource.pk])


def clashes(booking):
    """The active bookings that overlap ``booking``'s time, its buffer included."""
    return (
        Booking.objects.filter(resource_id=booking.resource_id)
        .active()
        .overlapping(booking.starts_at, booking.blocks_until)
        .exclude(pk=booking.pk)
    )


def save_keeping_the_rule(booking):
    """Save ``booking`` (inside the caller's transaction), refusing an overlap however it arrives."""
    if booking.is_active and clashes(booking).exists():
        raise BookingRefused([overlap_message()])
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as error:
        if OVERLAP_CONSTRAINT in str(error):
            raise BookingRefused([overlap_message()]) from error
        raise


def books_at_once(rules, organisation):
    """Members of a circle the owner chose book at once; the others wait for an answer."""
    if not rules.pk:
        return False
    return rules.instant_circles.filter(organisations=organisation).exists()


def new_booking(resource, rules, *, organisation, user, starts_at, ends_at, whole_days, purpose, people, series=None):
    instant = books_at_once(rules, organisation)
    return Booking(
        resource=resource,
        organisation=organisation,
        requested_by=user,
        starts_at=starts_at,
        ends_at=ends_at,
        blocks_until=ends_at + rules.buffer,
        whole_days=whole_days,
        purpose=purpose,
        people=people,
        status=Status.APPROVED if instant else Status.PENDING,
        holds_slot=rules.pending_holds_slot,
        answered_at=timezone.now() if instant else None,
        series=series,
    )


def slot_problems(resource, rules, blackouts, booking):
    """Rule problems and clashes of one requested slot (no lock: for showing, not for deciding)."""
    problems = rule_problems(
        rules,
        blackouts,
        starts_at=booking.starts_at,
        ends_at=booking.ends_at,
        whole_days=booking.whole_days,
        people=booking.people,
        capacity=resource.capacity,
    )
    if booking.is_active and clashes(booking).exists():
        problems.append(overlap_message())
    elif not problems and clashes_with_approved(booking):
        # Pending requests that do not hold the slot may overlap each other, never an approved booking.
        problems.append(overlap_message())
    return problems


def clashes_with_approved(booking):
    return (
        Booking.objects.filter(resource_id=booking.resource_id, status=Status.APPROVED)
        .overlapping(booking.starts_at, booking.blocks_until)
        .exists()
    )


def request(resource, *, organisation, user, slots, whole_days, purpose, people):
    """Ask for ``slots`` [(start, end)…] at once: all are saved, or none (each clash named)."""
    if not Membership.objects.filter(user=user, organisation=organisation).exists():
        raise BookingRefused([_("You can only ask on behalf of an organisation you belong to.")])
    rules = BookingRules.of(resource)
    blackouts = list(resource.blackouts.all())
    series = uuid.uuid4() if len(slots) > 1 else None
    bookings = [
        new_booking(
            resource,
            rules,
            organisation=organisation,
            user=user,
            starts_at=starts_at,
            ends_at=ends_at,
            whole_days=whole_days,
            purpose=purpose,
            people=people,
            series=series,
        )
        for starts_at, ends_at in slots
    ]
    with transaction.atomic():
        serialise_writers(resource)
        for booking in bookings:
            problems = slot_problems(resource, rules, blackouts, booking)
            if problems:
                raise BookingRefused(problems)
            save_keeping_the_rule(booking)
            tell(booking, BookingNotice.Kind.REQUESTED, actor=user)
    return bookings


def can_answer(user, booking):
    return access.can_edit(user, booking.resource)


def can_cancel(user, booking):
    if booking.status not in (Status.PENDING, Status.APPROVED) or booking.ends_at <= timezone.now():
        return False
    requester_side = Membership.objects.filter(user=user, organisation_id=booking.organisation_id).exists()
    return requester_side or can_answer(user, booking)


def answer(booking, user, *, approve, message):
    """The owner's answer to a pending request; approving keeps the no-overlap rule."""
    with transaction.atomic():
        serialise_writers(booking.resource)
        current = Booking.objects.select_for_update().get(pk=booking.pk)
        if current.status != Status.PENDING:
            raise BookingRefused([_("This request was already answered or cancelled.")])
        current.status = Status.APPROVED if approve else Status.DECLINED
        current.answer = message
        current.answered_by = user
        current.answered_at = timezone.now()
        if approve:
            try:
                save_keeping_the_rule(current)
            except BookingRefused:
                raise BookingRefused(
                    [_("This request overlaps a booking approved in the meantime: it cannot be approved.")]
                ) from None
        else:
            current.save()
        tell(current, BookingNotice.Kind.APPROVED if approve else BookingNotice.Kind.DECLINED, actor=user)
    return current


def cancel(booking, user):
    with transaction.atomic():
        current = Booking.objects.select_for_update().get(pk=booking.pk)
        if current.status not in (Status.PENDING, Status.APPROVED):
            raise BookingRefused([_("This booking was already declined or cancelled.")])
        current.status = Status.CANCELLED
        current.cancelled_by = user
        current.save()
        tell(current, BookingNotice.Kind.CANCELLED, actor=user)
    return current
