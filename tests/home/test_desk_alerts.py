"""Editors hear of what waits for them as they chose: at once, in a daily digest, or never; each e-mail
once, through a real worker and SMTP server. They choose in their account settings."""

import importlib
import re
import time
from datetime import timedelta

import pytest
from django import forms
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from agenda import moderation
from agenda.models import Event
from annuaire import access
from annuaire.access import Visibility
from annuaire.models import Membership, Organisation
from appels.models import SentNotification
from home import tasks
from home.models import ContactSubmission, EditorPreference
from tests.appels.celery_helpers import RefusingInbox, real_worker, smtp_server, use_smtp, wait_until
from tests.factories import UserFactory
from tests.helpers import sign_in_verified
from tests.smtp import SMTPServer, body_of

workflow_migration = importlib.import_module("agenda.migrations.0006_partner_events_workflow")
Alerts = EditorPreference.Alerts
EDITORS = ("celine@caserurale.re", "david@caserurale.re", "nadia@caserurale.re")


def editor(name, choice=None):
    user = UserFactory(
        username=f"{name}@caserurale.re", email=f"{name}@caserurale.re", first_name=name.title(), last_name="Hoarau"
    )
    user.is_staff = True
    user.is_superuser = True
    user.save()
    if choice:
        EditorPreference.objects.create(user=user, moderation_alerts=choice)
    return user


def by_recipient(messages):
    found = {}
    for message in messages:
        for recipient in message.rcpt_tos:
            found.setdefault(recipient, []).append(body_of(message))
    return found


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_each_editor_hears_as_they_chose_and_once(settings):
    for language in ("fr", "rcf"):  # a test that committed before us emptied the database
        Locale.objects.get_or_create(language_code=language)
    workflow_migration.create_workflow(apps, None)
    editor("celine", Alerts.IMMEDIATE)
    editor("david")  # never chose: the daily digest
    editor("nadia", Alerts.NEVER)
    organisation = Organisation.objects.create(name="Asosiasion Ti Kaz")
    partner = UserFactory(username="josiane@tikaz.re", email="josiane@tikaz.re", first_name="Josiane")
    Membership.objects.create(user=partner, organisation=organisation)
    start = timezone.now() + timedelta(days=5)
    event = Event(title="Kozman dann zardin", owner=organisation, start=start, end=start + timedelta(hours=2))
    event.live = False
    event.save()
    access.share(event, visibility=Visibility.PUBLIC)

    server = SMTPServer().start()
    use_smtp(settings, server.port)
    try:
        with real_worker(settings.TEST_REDIS_URL):
            moderation.submit(event, partner)
            ContactSubmission.objects.create(
                name="Hervé Payet", email="h@ex.re", subject="Salle pour un atelier", message="?", language="fr"
            )
            assert wait_until(lambda: len(by_recipient(server.inbox.messages).get("celine@caserurale.re", [])) >= 2)
            tasks.queue_editor_digests.delay()
            tasks.queue_editor_digests.delay()  # run twice (beat redelivered): one digest
            assert wait_until(lambda: len(by_recipient(server.inbox.messages).get("david@caserurale.re", [])) >= 1)
            time.sleep(2)  # a fourth e-mail would come now
    finally:
        server.stop()
    received = by_recipient(server.inbox.messages)
    print({recipient: len(texts) for recipient, texts in received.items()})
    ours = sorted(recipient for recipient in received if recipient in EDITORS)
    assert ours == ["celine@caserurale.re", "david@caserurale.re"]
    at_once = received["celine@caserurale.re"]
    assert len(at_once) == 2
    assert any("Kozman dann zardin" in text and "attend votre décision" in text for text in at_once)
    assert any("Salle pour un atelier" in text and "Hervé Payet" in text for text in at_once)
    (digest,) = received["david@caserurale.re"]
    assert "Kozman dann zardin" in digest and "Salle pour un atelier" in digest


# The account settings page, with the editor's choice of alerts among Wagtail's own panels.
ACCOUNT_QUERIES = 14


@pytest.mark.django_db
def test_the_account_settings_make_the_same_queries_whether_the_editor_chose_or_not(client, django_assert_num_queries):
    user = editor("celine")
    sign_in_verified(client, user)
    url = reverse("wagtailadmin_account")
    client.get(url)  # content types and the site in their caches
    with CaptureQueriesContext(connection) as never_chose:
        client.get(url)
    EditorPreference.objects.create(user=user, moderation_alerts=Alerts.IMMEDIATE)
    with django_assert_num_queries(len(never_chose)):
        response = client.get(url)
    assert re.search(r'value="immediate"[^>]*checked', response.content.decode())
    assert len(never_chose) == ACCOUNT_QUERIES


@pytest.mark.django_db
def test_the_editor_chooses_in_their_account_settings_and_opening_them_writes_nothing(client):
    user = editor("celine")
    sign_in_verified(client, user)
    url = reverse("wagtailadmin_account")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="editor_alerts-moderation_alerts"' in html and "Ce qui m’attend" in html
    assert not EditorPreference.objects.exists(), "a GET writes nothing"
    data = {}
    for panel in response.context["panels_by_tab"].values():
        for settings_panel in panel:
            form = settings_panel.get_form()
            for name, field in form.fields.items():
                if isinstance(field, forms.FileField):
                    continue
                value = form.initial.get(name, field.initial)
                if value is not None:
                    data[form.add_prefix(name)] = value
    data["editor_alerts-moderation_alerts"] = Alerts.IMMEDIATE
    response = client.post(url, data)
    assert response.status_code == 302, response.context and [
        p.get_form().errors for ps in response.context["panels_by_tab"].values() for p in ps
    ]
    assert EditorPreference.objects.get(user=user).moderation_alerts == Alerts.IMMEDIATE


def claims_of(user):
    return SentNotification.objects.filter(user=user)


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_refused_alert_gives_its_claim_up_and_leaves_once_the_mail_server_accepts(settings):
    settings.FUNDING_NOTIFICATION_LEASE = timedelta(seconds=3)
    celine = editor("celine", Alerts.IMMEDIATE)
    david = editor("david")  # the daily digest
    inbox = RefusingInbox()
    server = smtp_server(inbox)
    use_smtp(settings, server.port)
    try:
        with real_worker(settings.TEST_REDIS_URL):
            ContactSubmission.objects.create(
                name="Hervé Payet", email="h@ex.re", subject="Salle pour un atelier", message="?", language="fr"
            )
            tasks.queue_editor_digests.delay()
            assert wait_until(lambda: inbox.refused >= 2)
            # Between two tries, nothing holds the e-mails: a refused send gave its claim up.
            assert wait_until(lambda: not claims_of(celine).exists() and not claims_of(david).exists(), timeout=10)
            inbox.accept.set()
            assert wait_until(lambda: len(inbox.messages) >= 2, timeout=90)
            assert wait_until(lambda: claims_of(celine).filter(delivered=True).exists())
            assert wait_until(lambda: claims_of(david).filter(delivered=True).exists())
            time.sleep(2)  # a third e-mail would come now
    finally:
        server.stop()
    received = by_recipient(inbox.messages)
    print({recipient: len(texts) for recipient, texts in received.items()}, inbox.refused, "refused")
    assert all(len(texts) == 1 for texts in received.values()), "each editor's e-mail left once"
    assert sorted(recipient for recipient in received if recipient in EDITORS) == list(EDITORS[:2])
    assert "Salle pour un atelier" in received["celine@caserurale.re"][0]
    assert "Salle pour un atelier" in received["david@caserurale.re"][0]
