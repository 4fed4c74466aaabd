"""The one claim-and-lease mechanism of caserurale.delivery, on the row shape where the row is the claim
(appels' SentNotification); the other shape, a row that exists beforehand, is the moderation notice's
(tests/agenda/test_moderation_notices.py). Real workers and SMTP servers: the tests of each e-mail."""

from datetime import timedelta

import pytest
from django.core.mail import EmailMessage
from django.utils import timezone

from appels import alerts
from appels.models import SentNotification
from caserurale import delivery
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
LEASE = timedelta(minutes=15)


class Refused(OSError):
    pass


def refused():
    raise Refused("451 try again later")


def message_to(user):
    return lambda: EmailMessage("Objet", "Texte", None, [user.email])


def test_a_claim_is_held_until_its_lease_ends_then_taken_over_and_sent_once(mailoutbox):
    user = UserFactory(email="celine@caserurale.re")
    ledger = alerts.ledger(user, "desk:contact:1")
    held = delivery.claim(ledger, LEASE)
    with pytest.raises(delivery.ClaimPending) as pending:
        delivery.claim(ledger, LEASE)
    assert 15 * 60 - 5 < pending.value.retry_in <= 15 * 60 + 1
    SentNotification.objects.filter(user=user).update(sent_at=held.at - LEASE - timedelta(seconds=1))
    assert delivery.send_once(ledger, LEASE, message_to(user)) is True
    assert delivery.send_once(ledger, LEASE, message_to(user)) is False
    assert len(mailoutbox) == 1
    assert SentNotification.objects.get(user=user).delivered


def test_a_refused_send_gives_its_claim_up_and_the_retry_sends(mailoutbox):
    user = UserFactory(email="david@caserurale.re")
    ledger = alerts.ledger(user, "desk:digest:2026-12-02")
    with pytest.raises(Refused):
        delivery.send_once(ledger, LEASE, refused)
    assert not SentNotification.objects.filter(user=user).exists()
    assert delivery.send_once(ledger, LEASE, message_to(user)) is True
    assert len(mailoutbox) == 1


def test_giving_up_an_old_claim_leaves_the_run_that_took_it_over_alone():
    user = UserFactory(email="nadia@caserurale.re")
    ledger = alerts.ledger(user, "reminders:2026-12-02")
    old = delivery.claim(ledger, LEASE, now=timezone.now() - LEASE * 2)
    current = delivery.claim(ledger, LEASE)  # the first run died: its claim is stale
    delivery.release(old)  # the first run, back to life, gives up what it no longer holds
    assert SentNotification.objects.get(user=user).sent_at == current.at
