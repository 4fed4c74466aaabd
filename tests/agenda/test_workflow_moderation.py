"""Partners' public events go through the events' workflow: an editor sends one back from the admin
with a comment, and the partner reads it by e-mail in their language (real worker, real SMTP)."""

import importlib
import time
from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from agenda import moderation
from agenda.models import Event, ModerationNotice
from annuaire import access
from annuaire.access import Visibility
from annuaire.models import MemberProfile, Membership, Organisation
from tests.appels.celery_helpers import real_worker, use_smtp
from tests.factories import UserFactory
from tests.helpers import sign_in_verified
from tests.smtp import SMTPServer, body_of

workflow_migration = importlib.import_module("agenda.migrations.0006_partner_events_workflow")
COMMENT = "Merci d'ajouter l'adresse du jardin et l'heure de fin."


@pytest.fixture
def submitted(client):
    """A Creole-speaking partner's public event submitted to the workflow; an editor signed in."""
    for language in ("fr", "rcf"):  # a test that committed before us emptied the database
        Locale.objects.get_or_create(language_code=language)
    workflow_migration.create_workflow(apps, None)
    organisation = Organisation.objects.create(name="Asosiasion Ti Kaz")
    partner = UserFactory(username="josiane@tikaz.re", email="josiane@tikaz.re", first_name="Josiane")
    Membership.objects.create(user=partner, organisation=organisation)
    MemberProfile.objects.create(user=partner, language="rcf")
    start = timezone.now() + timedelta(days=5)
    event = Event(title="Kozman dann zardin", owner=organisation, start=start, end=start + timedelta(hours=2))
    event.live = False
    event.save()
    access.share(event, visibility=Visibility.PUBLIC)
    moderation.submit(event, partner)
    editor = UserFactory(username="editrice@caserurale.re", is_staff=True, is_superuser=True)
    sign_in_verified(client, editor)
    return event, partner


def act(client, event, action, comment=""):
    task_state = event.current_workflow_task_state
    url = reverse("wagtailsnippets_agenda_event:workflow_action", args=[event.pk, action, task_state.pk])
    response = client.post(url, {"comment": comment})
    assert response.status_code == 302
    event.refresh_from_db()
    return event


@pytest.mark.django_db
def test_a_partners_public_event_waits_in_the_workflow_and_is_published_once_approved(client, submitted):
    event, _partner = submitted
    assert event.current_workflow_state.workflow.name == workflow_migration.WORKFLOW
    assert not event.live
    act(client, event, "approve")
    assert event.live
    notice = ModerationNotice.objects.get()
    assert notice.outcome == ModerationNotice.Outcome.PUBLISHED and notice.recipient.username == "josiane@tikaz.re"


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_an_event_sent_back_with_a_comment_tells_the_partner_in_creole_and_resumes_when_changed(
    client, settings, submitted
):
    event, partner = submitted
    server = SMTPServer().start()
    use_smtp(settings, server.port)
    try:
        with real_worker(settings.TEST_REDIS_URL):
            act(client, event, "reject", COMMENT)
            server.inbox.wait_for(1, timeout=30)
            time.sleep(1.5)  # a second e-mail would come now
    finally:
        server.stop()
    assert len(server.inbox.messages) == 1
    message = server.inbox.messages[0]
    assert message.rcpt_tos == ["josiane@tikaz.re"]
    text = body_of(message)
    assert "Kozman dann zardin" in text and "Sak rédaktèr la di :" in text and COMMENT in text
    notice = ModerationNotice.objects.get()
    assert notice.outcome == ModerationNotice.Outcome.SENT_BACK and notice.sent_at is not None
    assert not event.live
    # The partner changes it: the workflow takes it up again, for the editor to decide anew.
    moderation.submit(event, partner)
    state = event.current_workflow_state
    assert state.status == state.STATUS_IN_PROGRESS
