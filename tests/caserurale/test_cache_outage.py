"""Redis down costs speed, never the site: the production cache on a Redis that refuses connections.

Nothing is simulated: the cache is django-redis, configured as in production, pointed at a local
port where nothing listens, so every cache call meets a real refused connection.
"""

import logging

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from agenda.models import AgendaPage, Event
from appels.models import FundingCall, FundingPage
from caserurale.settings.base import redis_cache
from home.models import ContactPage, ContactSubmission
from tests.extranet.test_accounts import PASSWORD, make_partner

pytestmark = pytest.mark.django_db

NOBODY_LISTENS = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": redis_cache(NOBODY_LISTENS)}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.PAGE_CACHE_SECONDS = 60
    yield
    caches["default"].close()


def test_the_cache_is_really_unreachable(redis_down, caplog):
    with caplog.at_level(logging.ERROR, logger="caserurale.cache"):
        caches["default"].set("probe", "value")
        assert caches["default"].get("probe") is None
    assert "Connection refused" in caplog.text or "Error 111" in caplog.text


def test_public_pages_are_rendered_while_redis_is_down(redis_down):
    event = Event.objects.for_public_site().filter(locale__language_code="fr").first()
    call = FundingCall.objects.for_public_site().filter(locale__language_code="fr").first()
    agenda = AgendaPage.objects.get(locale__language_code="fr")
    funding = FundingPage.objects.get(locale__language_code="fr")
    addresses = [
        "/",
        "/rcf/",
        agenda.url,
        agenda.url + agenda.reverse_subpage("event", args=[event.pk]),
        funding.url,
        funding.url + funding.reverse_subpage("call", args=[call.pk]),
        "/qui-fait-quoi/",
    ]
    for address in addresses:
        response = Client().get(address)
        assert response.status_code == 200, address
        assert response["X-Cache"] == "miss", address  # rendered: the cache read found nothing
        assert b"<main" in response.content


def test_a_contact_message_is_saved_while_redis_is_down(redis_down, django_capture_on_commit_callbacks):
    contact_url = ContactPage.objects.get(locale__language_code="fr").url
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            contact_url,
            {
                "name": "Marie-Claude Payet",
                "email": "mc.payet@example.re",
                "subject": "Un jardin partagé",
                "message": "Bonjour, qui peut m’aider à créer un jardin partagé dans mon quartier ?",
            },
        )
    assert response.status_code == 302
    assert ContactSubmission.objects.filter(email="mc.payet@example.re").exists()


def test_partners_sign_in_and_stay_signed_in_while_redis_is_down(redis_down):
    user = make_partner()
    client = Client()
    response = client.post(reverse("extranet:login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)  # the session lives in the database
    assert client.get(reverse("extranet:dashboard")).status_code == 200
