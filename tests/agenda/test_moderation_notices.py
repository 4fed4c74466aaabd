"""A partner hears once, in their language, through a real worker and SMTP server, that their event is published."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale

from agenda import moderation_delivery
from agenda.models import Event, ModerationNotice
from annuaire import access
from annuaire.access import Visibility
from annuaire.models import MemberProfile, Membership, Organisation
from caserurale import delivery
from tests.appels.celery_helpers import SlowInbox, real_worker, smtp_server, use_smtp, wait_until
from tests.factories import UserFactory
from tests.smtp import SMTPServer, free_port


def send_to_smtp(settings, port):
    use_smtp(settings, port)


@pytest.fixture
def partners_event():
    """A Creole-speaking partner's public event, waiting; and an editor."""
    for language in ("fr", "rcf"):  # a test that committed before us emptied the database
        Locale.objects.get_or_create(language_code=language)
    organisation = Organisation.objects.create(name="Asosiasion Ti Kaz")
    partner = UserFactory(
        username="josiane@tikaz.re", email="josiane@tikaz.re", first_name="Josiane", last_name="Grondin"
    )
    Membership.objects.create(user=partner, organisation=organisation)
    MemberProfile.objects.create(user=partner, language="rcf")
    editor = UserFactory(username="editrice@caserurale.re", is_staff=True, is_superuser=True)
    start = timezone.now() + timedelta(days=5)
    event = Event(title="Kozman dann zardin", owner=organisation, start=start, end=start + timedelta(hours=2))
    event.live = False
    event.save()
    access.share(event, visibility=Visibility.PUBLIC)
    event.save_revision(user=partner)
    return event, partner, editor


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_publishing_a_partners_event_tells_them_once_in_creole(settings, partners_event):
    event, _partner, editor = partners_event
    server = SMTPServer().start()
    send_to_smtp(settings, server.port)
    try:
        with real_worker(settings.TEST_REDIS_URL):
            event.save_revision(user=editor).publish(user=editor)
            # Published again (a typo fixed): the partner's decision was already told.
            event.save_revision(user=editor).publish(user=editor)
            server.inbox.wait_for(1, timeout=30)
            time.sleep(2)  # a second e-mail would come now
    finally:
        server.stop()
    assert len(server.inbox.messages) == 1
    message = server.inbox.messages[0]
    assert message.rcpt_tos == ["josiane@tikaz.re"]
    text = message.content.decode()
    assert "Kozman dann zardin" in text and "lazanda piblik" in text and "Bonzour Josiane Grondin" in text
    assert ModerationNotice.objects.get().sent_at is not None


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_refused_send_is_retried_once_the_mail_server_is_back_and_leaves_once(settings, partners_event):
    event, _partner, editor = partners_event
    port = free_port()
    send_to_smtp(settings, port)  # nothing listens there yet
    with real_worker(settings.TEST_REDIS_URL):
        event.save_revision(user=editor).publish(user=editor)
        notice = ModerationNotice.objects.get()
        time.sleep(1.5)
        notice.refresh_from_db()
        assert notice.sent_at is None, "a refused e-mail is not marked sent"
        assert notice.claimed_at is None, "a refused send gives its claim up for the retry"
        server = smtp_server(SlowInbox(0), port=port)
        try:
            server.inbox.wait_for(1, timeout=60)
            assert wait_until(lambda: ModerationNotice.objects.filter(sent_at__isnull=False).exists())
            time.sleep(2)
        finally:
            server.stop()
    assert len(server.inbox.messages) == 1
    assert "Kozman dann zardin" in server.inbox.messages[0].content.decode()


@pytest.mark.django_db
def test_a_fresh_claim_of_another_run_waits_and_a_stale_one_is_taken_over(settings, partners_event, mailoutbox):
    event, partner, _editor = partners_event
    notice = ModerationNotice.objects.create(
        revision=event.revisions.first(), outcome=ModerationNotice.Outcome.PUBLISHED, recipient=partner
    )
    ModerationNotice.objects.filter(pk=notice.pk).update(claimed_at=timezone.now())
    with pytest.raises(delivery.ClaimPending) as pending:
        moderation_delivery.send_once(notice.pk)
    assert 60 < pending.value.retry_in <= settings.MODERATION_NOTICE_LEASE.total_seconds() + 1
    assert mailoutbox == []
    stale = timezone.now() - settings.MODERATION_NOTICE_LEASE - timedelta(seconds=1)
    ModerationNotice.objects.filter(pk=notice.pk).update(claimed_at=stale)
    assert moderation_delivery.send_once(notice.pk) is True
    assert moderation_delivery.send_once(notice.pk) is False
    assert len(mailoutbox) == 1
