"""Security headers and cookies that every visitor's browser receives."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from agenda.models import AgendaPage, Event

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/rcf/", "/le-projet/", "/agenda/", "/rcf/agenda/mois/2026/12/", "/recherche/?q=atelier"]


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_have_a_strict_policy_and_set_no_cookie(client, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["script-src"][0] == "'self'"  # plus a nonce, on pages that have an inline script
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    # No cookie at all for a visitor who only reads: nothing to consent to.
    assert response.cookies == {} or list(response.cookies) == []


def test_a_form_sets_only_the_csrf_cookie(client):
    response = client.get("/contact/")
    assert list(response.cookies) == ["csrftoken"]


def test_inline_scripts_carry_the_nonce_of_their_response(client):
    event = Event.objects.get(title="Fablab ouvert", locale__language_code="fr")
    response = client.get(AgendaPage.objects.get(locale__language_code="fr").url + f"evenement/{event.pk}/")
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    scripts = BeautifulSoup(response.content, "html.parser").find_all("script", src=False)
    assert scripts, "the event page has its JSON-LD"
    assert all(script.get("nonce") == nonce for script in scripts)
    # Each response has its own nonce.
    again = client.get(AgendaPage.objects.get(locale__language_code="fr").url + f"evenement/{event.pk}/")
    assert re.search(r"'nonce-([^']+)'", again["Content-Security-Policy"]).group(1) != nonce


def test_the_admin_may_frame_its_own_previews_but_nobody_else_may(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'self'"] and policy["object-src"] == ["'none'"]
