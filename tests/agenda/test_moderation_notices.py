"""A partner hears once, in their language, through a real worker and SMTP server, that their event is published."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from agenda.models import Event, ModerationNotice
from annuaire import access
from annuaire.access import Visibility
from annuaire.models import MemberProfile, Membership, Organisation
from tests.appels.celery_helpers import real_worker
from tests.factories import UserFactory
from tests.smtp import SMTPServer


def send_to_smtp(settings, port):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 5},
        }
    }


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_publishing_a_partners_event_tells_them_once_in_creole(settings):
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
