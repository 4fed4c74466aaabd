"""Public forms are throttled per sender: one script cannot flood the team's inbox or fill a
workshop, a refused sender reads why in their language and keeps what they typed, and a cache
outage lets residents through rather than losing their message."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import caches

from agenda.models import Registration
from caserurale.settings import base
from caserurale.settings.base import redis_cache
from home.models import ContactPage, ContactSubmission
from tests.agenda.test_registrations import register_url, workshop  # noqa: F401 - a fixture
from tests.home.test_contact import VALID

pytestmark = pytest.mark.django_db

CONTACT = base.PUBLIC_FORM_LIMITS["contact"]
REGISTRATION = base.PUBLIC_FORM_LIMITS["registration"]


@pytest.fixture(autouse=True)
def production_limits(settings):
    """The production limits, on a cache of this test's own (the suite's cache has other tests' counts)."""
    settings.PUBLIC_FORM_LIMITS = base.PUBLIC_FORM_LIMITS
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"}}
    yield
    caches["default"].clear()


def contact_url(language="fr"):
    return ContactPage.objects.get(locale__language_code=language).url


def send(client, django_capture_on_commit_callbacks, language="fr", network_address="198.51.100.7", **fields):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(contact_url(language), {**VALID, **fields}, REMOTE_ADDR=network_address)


def alert(response):
    return BeautifulSoup(response.content, "html.parser").select_one("#form-errors").get_text(" ", strip=True)


def test_one_address_sends_five_messages_an_hour_then_reads_why_and_keeps_its_words(
    client, django_capture_on_commit_callbacks
):
    for _ in range(CONTACT["per_email"]):
        assert send(client, django_capture_on_commit_callbacks).status_code == 302

    response = send(client, django_capture_on_commit_callbacks, message="Un sixième message, tapé avec soin.")

    assert response.status_code == 429
    assert "Vous avez envoyé plusieurs messages en peu de temps" in alert(response)
    document = BeautifulSoup(response.content, "html.parser")
    assert document.select_one("textarea[name=message]").get_text().strip() == "Un sixième message, tapé avec soin."
    assert document.select_one("input[name=email]")["value"] == VALID["email"]
    assert ContactSubmission.objects.count() == CONTACT["per_email"]
    assert len(mail.outbox) == CONTACT["per_email"]
    # Another resident on another connection is not held up by this one.
    other = send(client, django_capture_on_commit_callbacks, network_address="198.51.100.8", email="autre@example.re")
    assert other.status_code == 302


def test_one_network_address_is_limited_whatever_the_addresses_typed(client, django_capture_on_commit_callbacks):
    for number in range(CONTACT["per_network_address"]):
        assert send(client, django_capture_on_commit_callbacks, email=f"robot{number}@example.re").status_code == 302

    response = send(client, django_capture_on_commit_callbacks, language="rcf", email="encore@example.re")

    assert response.status_code == 429
    assert "Ou la fine anvoy plizyèr mésaz" in alert(response)
    assert ContactSubmission.objects.count() == CONTACT["per_network_address"]


def test_registrations_are_limited_per_address_too(client, workshop, django_capture_on_commit_callbacks):  # noqa: F811
    document = BeautifulSoup(client.get(register_url(workshop)).content, "html.parser")
    date = document.select_one("input[name=date]")["value"]
    # Each attempt a different name, one seat: a script trying to fill the workshop place by place.
    responses = []
    for number in range(REGISTRATION["per_email"] + 1):
        fields = {"date": date, "name": f"Personne {number}", "email": "script@example.re", "seats": "1"}
        with django_capture_on_commit_callbacks(execute=True):
            responses.append(client.post(register_url(workshop), fields, REMOTE_ADDR="198.51.100.9"))

    assert responses[-1].status_code == 429
    assert "Plusieurs inscriptions ont été envoyées depuis votre adresse" in alert(responses[-1])
    assert BeautifulSoup(responses[-1].content, "html.parser").select_one("input[name=name]")["value"] == (
        f"Personne {REGISTRATION['per_email']}"
    )
    assert Registration.objects.filter(email="script@example.re").count() <= 1


def test_the_cache_down_lets_every_message_through(client, settings, django_capture_on_commit_callbacks):
    settings.CACHES = {"default": redis_cache("redis://127.0.0.1:1/0")}
    for _ in range(CONTACT["per_email"] + 2):
        assert send(client, django_capture_on_commit_callbacks).status_code == 302
    assert ContactSubmission.objects.count() == CONTACT["per_email"] + 2
    caches["default"].close()
