"""Saved searches' digests: what they hold, their unsubscribe link, and that each is sent exactly once.

The first tests run the tasks eagerly into Django's outbox; the last ones run a real Celery worker
on Redis and a real SMTP server (aiosmtpd): run twice, raced, mail server down, worker killed.
"""

import os
import signal
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from annuaire import access
from annuaire.access import Visibility
from annuaire.models import MemberProfile, Organisation
from appels import tasks
from appels.models import FundingCall, SavedSearch, SentNotification
from tests.appels.celery_helpers import (
    SlowInbox,
    StallingInbox,
    real_worker,
    smtp_server,
    use_smtp,
    wait_until,
)
from tests.appels.conftest import follow, make_call, make_member, translate
from tests.smtp import free_port

pytestmark = pytest.mark.usefixtures("without_demo_calls")


def save_search(user, query="", frequency=SavedSearch.Frequency.DAILY, name="Mes subventions", days_ago=1):
    return SavedSearch.objects.create(
        user=user,
        name=name,
        query=query,
        frequency=frequency,
        created_at=timezone.now() - timedelta(days=days_ago),
    )


def text_and_html(message):
    html = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    assert len(html) == 1, "a digest has an HTML alternative"
    return message.body, html[0]


# What a digest holds ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_digest_lists_the_new_matching_calls_the_recipient_may_see(people, in_days):
    saved = save_search(people.member_b, "type=grant")
    make_call(people.org_a, "Subvention d'avant", kind="grant", created_at=timezone.now() - timedelta(days=3))
    make_call(people.org_a, "Subvention jardins", kind="grant", deadlines=[in_days(20)])
    make_call(people.org_a, "Subvention entre partenaires", kind="grant", visibility=Visibility.PARTNERS)
    make_call(people.org_a, "Subvention interne", kind="grant", visibility=Visibility.ORGANISATION)
    make_call(people.org_a, "Appel à projets culture", kind="aap")

    assert tasks.queue_daily_digests.delay().get() == 1

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["paul@fermedeshauts.re"]
    text, html = text_and_html(message)
    for body in (text, html):
        assert "Subvention jardins" in body
        assert "Subvention entre partenaires" in body
        assert "Subvention interne" not in body  # organisation A's only
        assert "Appel à projets culture" not in body  # another kind
        assert "Subvention d'avant" not in body  # older than the search
        assert "Mes subventions" in body
    unsubscribe = "http://testserver" + reverse("extranet:funding_alert_unsubscribe", args=[saved.unsubscribe_token])
    assert unsubscribe in text
    assert f'href="{unsubscribe}"' in html
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    saved.refresh_from_db()
    assert saved.last_sent_at is not None


@pytest.mark.django_db
def test_the_next_digest_holds_only_what_came_after_the_last_one(people):
    saved = save_search(people.member_b, "type=grant")
    make_call(people.org_a, "Première subvention", kind="grant")
    tasks.send_saved_search_digest.delay(saved.pk, "2026-11-24")
    make_call(people.org_a, "Deuxième subvention", kind="grant")
    tasks.send_saved_search_digest.delay(saved.pk, "2026-11-25")
    tasks.send_saved_search_digest.delay(saved.pk, "2026-11-26")  # nothing new: no e-mail

    assert [("Première" in m.body, "Deuxième" in m.body) for m in mail.outbox] == [(True, False), (False, True)]


@pytest.mark.django_db
def test_a_call_made_organisation_only_after_the_search_was_saved_is_never_sent(people):
    save_search(people.member_b)
    hidden = make_call(people.org_a, "Appel devenu interne")
    make_call(people.org_a, "Appel toujours public")
    access.share(hidden, visibility=Visibility.ORGANISATION, actor=people.member_a)

    tasks.queue_daily_digests.delay()

    assert len(mail.outbox) == 1
    text, html = text_and_html(mail.outbox[0])
    assert "Appel toujours public" in text
    assert "Appel devenu interne" not in text + html


@pytest.mark.django_db
def test_nothing_new_to_see_sends_nothing(people):
    save_search(people.member_b)
    make_call(people.org_a, "Appel interne", visibility=Visibility.ORGANISATION)
    tasks.queue_daily_digests.delay()
    assert mail.outbox == []


@pytest.mark.django_db
def test_weekly_searches_wait_for_the_weekly_run(people):
    save_search(people.member_b, frequency=SavedSearch.Frequency.WEEKLY)
    make_call(people.org_a, "Appel de la semaine")
    tasks.queue_daily_digests.delay()
    assert mail.outbox == []
    tasks.queue_weekly_digests.delay()
    assert len(mail.outbox) == 1
    tasks.queue_weekly_digests.delay()  # same week, same key
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_digest_speaks_the_recipients_language(people):
    MemberProfile.objects.create(user=people.member_b, language="rcf")
    saved = save_search(people.member_b)
    call = make_call(people.org_a, "Jardins partagés", summary="Pour les jardins des écoles")
    translate(call, "Zardin partazé", "Pou bann zardin lékol")

    tasks.queue_daily_digests.delay()

    text, html = text_and_html(mail.outbox[0])
    assert "Zardin partazé" in text and "Pou bann zardin lékol" in html
    assert "Jardins partagés" not in text
    with translation.override("rcf"):
        assert reverse("extranet:funding_alert_unsubscribe", args=[saved.unsubscribe_token]) in text
    assert "/rcf/extranet/" in mail.outbox[0].extra_headers["List-Unsubscribe"]


# Unsubscribing ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_unsubscribe_asks_first_then_works_without_signing_in(people):
    saved = save_search(people.member_b, name="Agriculture")
    anonymous = Client(enforce_csrf_checks=True)
    url = reverse("extranet:funding_alert_unsubscribe", args=[saved.unsubscribe_token])

    page = anonymous.get(url)
    assert page.status_code == 200
    assert "Agriculture" in page.text and '<form method="post"' in page.text
    assert SavedSearch.objects.filter(pk=saved.pk).exists(), "opening the link (or a link scanner) changes nothing"

    done = anonymous.post(url)
    assert done.status_code == 200
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()
    assert anonymous.post(url).status_code == 404


@pytest.mark.django_db
def test_one_click_unsubscribe_from_the_mail_program(people):
    saved = save_search(people.member_b)
    url = reverse("extranet:funding_alert_unsubscribe", args=[saved.unsubscribe_token])
    response = Client(enforce_csrf_checks=True).post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()


@pytest.mark.django_db
def test_only_the_right_token_unsubscribes(people):
    saved = save_search(people.member_b)
    for token in ("", "x" * 43, saved.unsubscribe_token[:-1]):
        url = f"/extranet/appels/alertes/desabonnement/{token}/"
        assert Client().post(url).status_code == 404
    assert SavedSearch.objects.filter(pk=saved.pk).exists()


# Saving a search in the extranet -----------------------------------------------------------------


@pytest.mark.django_db
def test_save_the_lists_filters_then_list_and_delete_them(client, people):
    client.force_login(people.member_a)
    form = client.get(reverse("extranet:funding_alert_create") + "?type=grant&page=2&theme=numerique")
    assert form.status_code == 200
    assert 'value="type=grant&amp;theme=numerique"' in form.text

    response = client.post(
        reverse("extranet:funding_alert_create"),
        {"name": "Numérique", "frequency": "daily", "query": "type=grant&theme=numerique"},
    )
    assert response.status_code == 302
    saved = SavedSearch.objects.get(user=people.member_a)
    assert (saved.name, saved.frequency, saved.query) == ("Numérique", "daily", "type=grant&theme=numerique")
    assert MemberProfile.objects.get(user=people.member_a).language == "fr"

    listing = client.get(reverse("extranet:funding_alert_list"))
    assert "Numérique" in listing.text

    other = Client()
    other.force_login(people.member_b)
    assert other.post(reverse("extranet:funding_alert_delete", args=[saved.pk])).status_code == 404
    assert other.get(reverse("extranet:funding_alert_list")).text.count("Numérique") == 0
    assert client.post(reverse("extranet:funding_alert_delete", args=[saved.pk])).status_code == 302
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()


@pytest.mark.django_db
def test_saving_in_creole_makes_the_emails_creole(client, people):
    client.force_login(people.member_a)
    with translation.override("rcf"):
        url = reverse("extranet:funding_alert_create")
    assert url.startswith("/rcf/")
    client.post(url, {"name": "Tout", "frequency": "weekly", "query": ""})
    assert MemberProfile.objects.get(user=people.member_a).language == "rcf"


# With a real worker, Redis and an SMTP server ------------------------------------------------------


@pytest.fixture
def short_lease(settings):
    settings.FUNDING_NOTIFICATION_LEASE = timedelta(seconds=3)


@pytest.fixture
def someone_to_alert(demo_site, short_lease):
    org_a = Organisation.objects.create(name="Association Ti Zardin")
    member = make_member("paul@fermedeshauts.re", Organisation.objects.create(name="Ferme des Hauts"))
    saved = save_search(member)
    make_call(org_a, "Subvention jardins", kind=FundingCall.Kind.GRANT)
    return member, saved, org_a


def sent_to(inbox, address):
    return [message for message in inbox.messages if message.rcpt_tos == [address]]


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_the_beat_tasks_run_twice_send_one_email_each(settings, someone_to_alert, in_days):
    _member, _saved, org_a = someone_to_alert
    follower = make_member("lea@tizardin.re", org_a)
    follow(follower, make_call(org_a, "Appel suivi", deadlines=[in_days(7)]))
    server = smtp_server(SlowInbox(0))
    use_smtp(settings, server.port)
    try:
        with real_worker(settings.TEST_REDIS_URL):
            for _run in range(2):
                tasks.queue_daily_digests.delay().get(timeout=30)
                tasks.queue_deadline_reminders.delay().get(timeout=30)
            server.inbox.wait_for(2, timeout=30)
            time.sleep(3)  # a second e-mail would come now
    finally:
        server.stop()
    assert len(sent_to(server.inbox, "paul@fermedeshauts.re")) == 1
    assert len(sent_to(server.inbox, "lea@tizardin.re")) == 1
    assert "Subvention jardins" in sent_to(server.inbox, "paul@fermedeshauts.re")[0].content.decode()
    assert SentNotification.objects.filter(delivered=True).count() == 2


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_two_tasks_at_once_send_one_email(settings, someone_to_alert):
    _member, saved, _org_a = someone_to_alert
    server = smtp_server(SlowInbox(2))  # the first is still sending when the second starts
    use_smtp(settings, server.port)
    try:
        with real_worker(settings.TEST_REDIS_URL, pool="threads", concurrency=2):
            period = timezone.localdate().isoformat()
            first = tasks.send_saved_search_digest.delay(saved.pk, period)
            second = tasks.send_saved_search_digest.delay(saved.pk, period)
            results = sorted([first.get(timeout=60), second.get(timeout=60)])
            time.sleep(1)
    finally:
        server.stop()
    assert results == [False, True]
    assert len(server.inbox.messages) == 1


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_smtp_down_is_retried_later_and_sends_once(settings, someone_to_alert):
    _member, saved, _org_a = someone_to_alert
    port = free_port()
    use_smtp(settings, port)  # nothing listens there yet
    with real_worker(settings.TEST_REDIS_URL):
        tasks.send_saved_search_digest.delay(saved.pk, timezone.localdate().isoformat())
        time.sleep(1.5)
        # The digest's own claim (the editors' alerts keep theirs in the same table).
        claims = SentNotification.objects.filter(user=saved.user)
        assert not claims.exists(), "a failed send gives its claim up"
        server = smtp_server(SlowInbox(0), port=port)
        try:
            server.inbox.wait_for(1, timeout=60)
            assert wait_until(lambda: claims.filter(delivered=True).exists())
            time.sleep(2)
        finally:
            server.stop()
    assert len(server.inbox.messages) == 1
    saved.refresh_from_db()
    assert saved.last_sent_at is not None


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the worker's pool processes need a database they can share: run with DATABASE_URL=postgres://…",
)
def test_a_worker_killed_while_sending_is_replaced_and_the_email_still_leaves_once(settings, someone_to_alert):
    _member, saved, _org_a = someone_to_alert
    inbox = StallingInbox()
    server = smtp_server(inbox)
    use_smtp(settings, server.port)
    try:
        with real_worker(settings.TEST_REDIS_URL, pool="prefork", concurrency=1) as worker:
            tasks.send_saved_search_digest.delay(saved.pk, timezone.localdate().isoformat())
            assert inbox.first_arrived.wait(60), "the task reaches the mail server"
            assert SentNotification.objects.filter(delivered=False).count() == 1
            killed = [process.pid for process in worker.pool._pool._pool]
            for pid in killed:
                os.kill(pid, signal.SIGKILL)  # mid-SMTP: it never hears the server accept the message
            inbox.release.set()
            # acks_late + reject_on_worker_lost: the message goes back to the queue, a new process takes
            # it, finds the dead process's claim, waits for the lease, takes it over and sends.
            inbox.wait_for(1, timeout=90)
            assert wait_until(lambda: SentNotification.objects.filter(delivered=True).count() == 1, timeout=30)
            time.sleep(3)
            assert {process.pid for process in worker.pool._pool._pool}.isdisjoint(killed)
    finally:
        server.stop()
    assert len(inbox.messages) == 1
    assert "Subvention jardins" in inbox.messages[0].content.decode()
