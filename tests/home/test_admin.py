"""Editors publish with the Wagtail admin: every page type, the settings and the messages open there."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from home.models import ContactSubmission, LegalSettings, SiteSettings
from parcours.models import PathwayIndexPage, PathwayPage
from tests.factories import UserFactory
from tests.helpers import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    """An editor who signed in with their second factor, as editors must."""
    return sign_in_verified(client, UserFactory(username="editrice@caserurale.re", is_staff=True, is_superuser=True))


def test_an_editor_without_second_factor_is_sent_to_set_it_up(client):
    client.force_login(UserFactory(username="redacteur@caserurale.re", is_staff=True, is_superuser=True))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/extranet/compte/securite/" in response["Location"]


def test_every_page_type_opens_in_the_editor(editor_client):
    seen = set()
    for page in Page.objects.filter(depth__gt=1, locale__language_code="fr").specific():
        if type(page) in seen:
            continue
        seen.add(type(page))
        response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, type(page).__name__
    assert len(seen) == 12  # the site's page types, the pathways' two included
    assert {PathwayIndexPage, PathwayPage} <= seen


def test_settings_open_in_the_admin(editor_client):
    for model in (SiteSettings, LegalSettings):
        url = reverse("wagtailsettings:edit", args=[model._meta.app_label, model._meta.model_name, 1])
        response = editor_client.get(url)
        assert response.status_code == 200, model.__name__


def test_contact_messages_are_listed_for_the_team(editor_client):
    ContactSubmission.objects.create(
        name="Josiane Grondin", email="j.grondin@example.re", subject="Salle", message="Réserver", language="rcf"
    )
    response = editor_client.get(reverse("contact_submissions:index"))
    assert response.status_code == 200
    assert "Josiane Grondin" in response.content.decode()


def test_visitors_are_sent_to_the_login_page(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
