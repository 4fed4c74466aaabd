"""« Send it to me »: the result's link by e-mail through a real worker and a real SMTP server, in the
resident's language, after commit; the address kept nowhere; a limit per address and per IP that
lets residents through when the cache is down."""

import email
from email import policy

import pytest
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from caserurale.settings import base
from caserurale.settings.base import redis_cache
from parcours import tasks
from parcours.models import PathwayIndexPage
from tests.appels.celery_helpers import real_worker, use_smtp, wait_until
from tests.helpers import database_writes
from tests.smtp import SMTPServer, body_of

pytestmark = pytest.mark.django_db

ANSWERS = {"public": "porteurs-de-projet", "besoin": "agriculture", "stade": "idee"}


def send_url(language="fr"):
    return PathwayIndexPage.objects.get(locale__language_code=language).url + "resultat/envoyer/"


@pytest.fixture
def production_limits(settings):
    """The production limits, on a cache of this test's own (the suite's cache has other tests' counts)."""
    settings.PUBLIC_FORM_LIMITS = base.PUBLIC_FORM_LIMITS
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "result"}}
    yield
    caches["default"].clear()


@pytest.fixture
def smtp(settings):
    server = SMTPServer().start()
    use_smtp(settings, server.port)
    yield server
    server.stop()


def post(client, language, address, **extra):
    return client.post(send_url(language), {**ANSWERS, "email": address}, **extra)


@pytest.mark.parametrize(
    ("language", "subject", "words"),
    [
        ("fr", "Par où commencer", "Je suis : Porteurs de projet"),
        ("rcf", "Par ousa komansé", "Moin lé : Bann portèr prozè"),
    ],
)
def test_the_link_with_the_answers_arrives_in_the_residents_language(
    client, smtp, django_capture_on_commit_callbacks, language, subject, words
):
    form = BeautifulSoup(client.get(send_url(language), ANSWERS).content, "html.parser")
    hidden = {field["name"]: field["value"] for field in form.select("form.form input[type=hidden]")}
    assert hidden.items() >= ANSWERS.items()
    assert ("pas conservée" if language == "fr" else "Nou gard pa ali") in form.select_one(".form__notice").get_text()
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks() as queued:
        response = post(client, language, "Josiane.Payet@Exemple.re")
    assert response.status_code == 302
    assert "/resultat/envoye/?public=porteurs-de-projet" in response["Location"]
    assert database_writes(queries) == []  # the address goes to the task, into no table
    assert smtp.inbox.messages == []  # nothing leaves before the commit
    (send,) = queued
    send()  # the commit: the task runs (eagerly here; a real worker below)
    (message,) = smtp.inbox.wait_for(1, timeout=10)
    assert message.rcpt_tos == ["Josiane.Payet@Exemple.re"]
    parsed = email.message_from_bytes(message.content, policy=policy.default)
    assert subject.casefold() in parsed["Subject"].casefold()
    body = body_of(message)
    prefix = "/rcf" if language == "rcf" else ""
    assert f"{prefix}/par-ou-commencer/resultat/?public=porteurs-de-projet&besoin=agriculture&stade=idee" in body
    assert words in body
    page = BeautifulSoup(client.get(response["Location"]).content, "html.parser")
    assert page.select_one("[role=status]")


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_it_in_creole(settings, smtp):
    for language in ("fr", "rcf"):  # a test that committed before us emptied the database
        Locale.objects.get_or_create(language_code=language)
    url = "https://caserurale.re/rcf/par-ou-commencer/resultat/?besoin=agriculture"
    with real_worker(settings.TEST_REDIS_URL):
        result = tasks.send_result.delay("josiane@exemple.re", url, {"besoin": "agriculture"}, "rcf")
        assert wait_until(lambda: smtp.inbox.messages)
        assert result.get(timeout=10) is True
    (message,) = smtp.inbox.messages
    assert message.rcpt_tos == ["josiane@exemple.re"]
    body = body_of(message)
    assert url in body and "Bonzour" in body
    assert "Par ousa komansé" in email.message_from_bytes(message.content, policy=policy.default)["Subject"]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fr", "Ce n'est pas une adresse e-mail"),
        ("rcf", "Sa lé pa in adrès imèl"),
    ],
)
def test_a_mistyped_address_is_kept_and_explained_in_the_readers_language(
    client, django_capture_on_commit_callbacks, language, message
):
    with django_capture_on_commit_callbacks() as queued:
        response = post(client, language, "josiane.payet@exemple")
    assert response.status_code == 400
    assert queued == []
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == language
    assert message in page.select_one("#form-errors").get_text()
    field = page.select_one("#id_email")
    assert field["value"] == "josiane.payet@exemple" and field["aria-invalid"] == "true"
    assert {
        field["name"]: field["value"] for field in page.select("form.form input[type=hidden]")
    }.items() >= ANSWERS.items()
    empty = BeautifulSoup(post(client, language, "").content, "html.parser")
    assert empty.select_one("#id_email-error")


def test_a_few_emails_an_hour_per_address_and_per_ip(client, production_limits, django_capture_on_commit_callbacks):
    assert base.PUBLIC_FORM_LIMITS["result_email"] == {"per_email": 3, "per_network_address": 10, "seconds": 3600}
    with django_capture_on_commit_callbacks() as queued:
        answers = [post(client, "fr", "josiane@exemple.re").status_code for _ in range(4)]
    assert answers == [302, 302, 302, 429]
    assert len(queued) == 3
    refused = BeautifulSoup(post(client, "rcf", "josiane@exemple.re").content, "html.parser")
    assert "in lèr" in refused.select_one("#id_email-error").get_text()
    # Another address, the same IP: the IP's own limit (10 an hour) counts every address.
    others = [post(client, "fr", f"voisin{n}@exemple.re").status_code for n in range(8)]
    assert others == [302] * 5 + [429] * 3  # five were sent from this IP above
    assert post(client, "fr", "ailleurs@exemple.re", REMOTE_ADDR="192.0.2.7").status_code == 302
    assert "Set-Cookie" not in post(client, "fr", "ailleurs@exemple.re", REMOTE_ADDR="192.0.2.8")


def test_the_limit_lets_residents_through_while_redis_is_down(
    client, settings, production_limits, django_capture_on_commit_callbacks
):
    settings.CACHES = {"default": redis_cache("redis://127.0.0.1:1/0")}  # nothing listens there
    with django_capture_on_commit_callbacks() as queued:
        answers = [post(client, "fr", "josiane@exemple.re").status_code for _ in range(5)]
    assert answers == [302] * 5 and len(queued) == 5
