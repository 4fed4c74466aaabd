"""Registrations within a capacity: counted per date, checked under a lock so two people never get the last seat."""

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from agenda.events import Event, Registration

CANCEL_SALT = "agenda.registration.cancel"


class RegistrationRefused(Exception):
    def __init__(self, reason, remaining=0):
        super().__init__(reason)
        self.reason = reason
        self.remaining = remaining


FULL, ALREADY_REGISTERED, NOT_OPEN = "full", "already_registered", "not_open"


def accepts_registrations(event):
    return (
        event.registration == Event.Registration.FORM
        and bool(event.capacity)
        and event.status in (Event.Status.SCHEDULED, Event.Status.FULL)
    )


def seats_taken(event, starts):
    """``{occurrence start: seats taken}``, counted over every translation of the event."""
    rows = (
        Registration.objects.filter(event__translation_key=event.translation_key, occurrence_start__in=starts)
        .values("occurrence_start")
        .annotate(taken=Sum("seats"))
    )
    return {row["occurrence_start"]: row["taken"] for row in rows}


def open_dates(event, occurrences):
    """The upcoming dates with what is left of the capacity: ``[(occurrence, remaining)]``."""
    occurrences = [o for o in occurrences if o.start > timezone.now()]
    taken = seats_taken(event, [o.start for o in occurrences])
    return [(o, max(event.capacity - taken.get(o.start, 0), 0)) for o in occurrences]


def register(event, *, occurrence_start, name, email, seats, language):
    """Record a registration, or raise :class:`RegistrationRefused`.

    The page that took the registration sends the confirmation (AgendaPage.send_confirmation): the
    e-mail's links are that page's addresses.
    """
    email = email.strip().lower()
    try:
        with transaction.atomic():
            # Lock the event (every translation): concurrent registrations for it queue here.
            list(Event.objects.select_for_update().filter(translation_key=event.translation_key).only("pk"))
            if not accepts_registrations(event) or not event.occurrences.filter(start=occurrence_start).exists():
                raise RegistrationRefused(NOT_OPEN)
            same_date = Registration.objects.filter(
                event__translation_key=event.translation_key, occurrence_start=occurrence_start
            )
            if same_date.filter(email=email).exists():
                raise RegistrationRefused(ALREADY_REGISTERED)
            remaining = event.capacity - (same_date.aggregate(taken=Sum("seats"))["taken"] or 0)
            if seats > remaining:
                raise RegistrationRefused(FULL, max(remaining, 0))
            registration = Registration.objects.create(
                event=event, occurrence_start=occurrence_start, name=name, email=email, seats=seats, language=language
            )
    except IntegrityError as error:  # the same address registered at the same instant
        raise RegistrationRefused(ALREADY_REGISTERED) from error
    return registration


def cancel_token(registration):
    """A secret for the cancel link, in letters and digits only (Wagtail's page addresses accept no other)."""
    return salted_hmac(CANCEL_SALT, f"{registration.pk}:{registration.email}", algorithm="sha256").hexdigest()


def registration_from_link(pk, token):
    registration = Registration.objects.select_related("event").filter(pk=pk).first()
    if registration is None or not constant_time_compare(cancel_token(registration), token):
        return None
    return registration
