"""Anonymous visitors get public pages from the cache, without a query; any change to what a page
shows is there on the next request; no one ever gets a page made for someone else."""

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from wagtail.models import Page

from agenda.models import Event
from annuaire.models import Organisation
from appels.models import FundingPage
from caserurale import page_cache
from home.models import ContactPage, FooterText, HomePage, SitemapPage, SiteSettings, StandardPage
from tests.agenda.feeds_fixtures import agenda_url, make_event
from tests.appels.conftest import make_call, public_call_url
from tests.factories import UserFactory
from tests.helpers import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()  # the database is rolled back after each test, the cache is not
    yield
    cache.clear()


def text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def get_twice(client, url):
    """The first request fills the cache, the second is served from it."""
    first = client.get(url)
    assert first.status_code == 200 and first["X-Cache"] == "miss", (url, first.status_code, first.get("X-Cache"))
    second = client.get(url)
    assert second["X-Cache"] == "hit"
    return second


def test_a_second_anonymous_visit_is_served_without_any_query(client, django_assert_num_queries):
    first = client.get("/")
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second.status_code == 200 and second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # The headers added on the way out are there on cached pages too.
    assert "Content-Security-Policy" in second and second["X-Frame-Options"] == "DENY"
    assert int(second["Age"]) >= 0


def test_another_visitor_gets_the_cached_page(client):
    client.get("/")
    assert Client().get("/")["X-Cache"] == "hit"


def test_head_requests_are_answered_from_the_cache_without_a_body(client):
    get = client.get("/")
    head = client.head("/")
    assert head["X-Cache"] == "hit" and head.content == b""
    assert head["Content-Length"] == str(len(get.content))


def test_french_and_creole_pages_are_cached_apart(client):
    french, creole = get_twice(client, "/"), get_twice(client, "/rcf/")
    assert '<html lang="fr"' in french.content.decode() and "Accueil" in text(french)
    assert '<html lang="rcf"' in creole.content.decode()
    assert french.content != creole.content


def test_a_query_string_is_a_page_of_its_own(client):
    agenda = agenda_url()
    get_twice(client, agenda)
    assert client.get(agenda + "?gratuit=1")["X-Cache"] == "miss"


# Invalidation ---------------------------------------------------------------------------------


def test_publishing_a_page_shows_the_change_at_once(client):
    home = HomePage.objects.get(locale__language_code="fr")
    get_twice(client, "/")
    home.hero_title = "Un titre tout neuf pour la page d'accueil"
    home.save_revision().publish()
    response = client.get("/")
    assert response["X-Cache"] == "miss"
    assert "Un titre tout neuf pour la page d'accueil" in text(response)


def test_a_draft_changes_nothing_a_visitor_sees(client):
    home = HomePage.objects.get(locale__language_code="fr")
    get_twice(client, "/")
    home.hero_title = "Un brouillon"
    home.save_revision()
    assert "Un brouillon" not in text(client.get("/"))


def test_unpublishing_a_page_takes_it_off_the_site(client):
    page = StandardPage.objects.live().get(slug="le-projet", locale__language_code="fr")
    get_twice(client, page.url)
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_deleting_a_page_takes_it_out_of_the_site_map(client):
    page = StandardPage.objects.live().get(slug="tiers-lieux", locale__language_code="fr")
    site_map = SitemapPage.objects.get(locale__language_code="fr").url
    assert page.title in text(get_twice(client, site_map))
    page.delete()
    assert page.title not in text(client.get(site_map))


def test_moving_a_page_changes_its_address(client):
    page = StandardPage.objects.live().get(slug="tiers-lieux", locale__language_code="fr")
    old_url = page.url
    get_twice(client, old_url)
    missions = StandardPage.objects.live().get(slug="nos-missions", locale__language_code="fr")
    page.move(missions, pos="last-child")
    moved = client.get(old_url)
    assert moved.status_code == 301 and moved["Location"] == f"{missions.url}tiers-lieux/"
    assert client.get(moved["Location"]).status_code == 200


def test_changing_an_event_shows_on_its_page_and_in_the_agenda(client, django_capture_on_commit_callbacks):
    owner = Organisation.objects.get(name="Cyberun")
    event = make_event(django_capture_on_commit_callbacks, owner=owner, title="Atelier soudure")
    event_url = f"{agenda_url()}evenement/{event.pk}/"
    assert "Atelier soudure" in text(get_twice(client, agenda_url()))
    get_twice(client, event_url)
    event.title = "Atelier soudure et électronique"
    event.save()
    assert "Atelier soudure et électronique" in text(client.get(event_url))
    assert "Atelier soudure et électronique" in text(client.get(agenda_url()))
    event.delete()
    assert client.get(event_url).status_code == 404


def test_a_new_event_appears_in_the_agenda(client, django_capture_on_commit_callbacks):
    get_twice(client, agenda_url())
    make_event(django_capture_on_commit_callbacks, owner=Organisation.objects.get(name="Cyberun"), title="Repair café")
    assert "Repair café" in text(client.get(agenda_url()))


def test_a_funding_call_and_its_deadlines_show_their_changes(client):
    page = FundingPage.objects.get(locale__language_code="fr")
    today = timezone.localdate()
    owner = Organisation.objects.get(name="Cyberun")
    call = make_call(owner, "Fonds pour les tiers-lieux", deadlines=[today + timedelta(days=40)])
    url = public_call_url(page, call)
    get_twice(client, url)
    get_twice(client, page.url)

    call.title = "Fonds régional pour les tiers-lieux"
    call.save()
    assert "Fonds régional pour les tiers-lieux" in text(client.get(url))
    assert "Fonds régional pour les tiers-lieux" in text(client.get(page.url))

    deadline = call.deadlines.get()
    deadline.due_on = today + timedelta(days=90)
    deadline.save()
    shown = f'<time datetime="{deadline.due_on:%Y-%m-%d}">'
    assert shown in client.get(url).content.decode()

    deadline.delete()
    assert shown not in client.get(url).content.decode()


def test_site_settings_show_on_every_page_at_once(client):
    get_twice(client, "/")
    get_twice(client, "/rcf/")
    settings_row = SiteSettings.objects.get()
    settings_row.phone = "0262 99 88 77"
    settings_row.save()
    assert "0262 99 88 77" in text(client.get("/"))
    assert "0262 99 88 77" in text(client.get("/rcf/"))


def test_the_footer_text_is_a_translated_snippet_whose_changes_show(client):
    footer = FooterText.objects.get(locale__language_code="fr")
    get_twice(client, "/")
    footer.body = "<p>Un pied de page modifié</p>"
    footer.save()
    assert "Un pied de page modifié" in text(client.get("/"))


def test_an_organisation_changed_in_the_directory(client):
    organisation = Organisation.objects.filter(public_profile=True).first()
    from annuaire.models import DirectoryPage

    directory = DirectoryPage.objects.get(locale__language_code="fr")
    get_twice(client, directory.url)
    organisation.name = "Un nom tout neuf"
    organisation.save()
    assert "Un nom tout neuf" in text(client.get(directory.url))


def test_every_model_of_the_content_apps_is_watched_or_said_not_to_show():
    """A model added to a content app must be put in one of the two lists: otherwise its changes
    would stay invisible to anonymous visitors for PAGE_CACHE_SECONDS."""
    known = set(page_cache.WATCHED_MODELS) | set(page_cache.NOT_SHOWN_MODELS)
    for app_label in page_cache.CONTENT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if issubclass(model, Page):
                continue
            assert model._meta.label in known, f"{model._meta.label}: add it to WATCHED_MODELS or NOT_SHOWN_MODELS"


# Who never gets a cached page ----------------------------------------------------------------


def test_an_editor_never_gets_a_cached_page_nor_fills_the_cache(client):
    editor = UserFactory(username="redactrice", is_superuser=True, is_staff=True)
    visitor = Client()
    signed_in = sign_in_verified(Client(), editor)

    page = signed_in.get("/")
    assert page["X-Cache"] == "pass"
    assert "wagtail-userbar" in page.content.decode()  # the editor's toolbar
    assert visitor.get("/")["X-Cache"] == "miss"  # the editor's page was not kept
    assert visitor.get("/")["X-Cache"] == "hit"

    page = signed_in.get("/")
    assert page["X-Cache"] == "pass" and "wagtail-userbar" in page.content.decode()
    assert "wagtail-userbar" not in visitor.get("/").content.decode()


def test_a_partner_never_gets_a_cached_page(client):
    partner = UserFactory(username="membre@cyberun.re")
    signed_in = Client()
    signed_in.force_login(partner)
    assert signed_in.get("/")["X-Cache"] == "pass"
    assert client.get("/")["X-Cache"] == "miss"
    assert signed_in.get("/")["X-Cache"] == "pass"


def test_any_session_or_other_cookie_skips_the_cache(client):
    get_twice(client, "/")
    for cookie in ("sessionid", "messages"):
        other = Client()
        other.cookies[cookie] = "quelque-chose"
        assert other.get("/")["X-Cache"] == "pass"


def test_an_authorization_header_skips_the_cache(client):
    get_twice(client, "/")
    assert client.get("/", HTTP_AUTHORIZATION="Bearer abc")["X-Cache"] == "pass"


def test_a_preview_is_never_cached_nor_shown_to_visitors(client):
    editor = UserFactory(username="relectrice", is_superuser=True, is_staff=True)
    signed_in = sign_in_verified(Client(), editor)
    home = HomePage.objects.get(locale__language_code="fr")
    get_twice(client, "/")
    home.hero_title = "Titre en relecture"
    home.save_revision()

    preview = signed_in.get(f"/admin/pages/{home.pk}/view_draft/")
    assert preview.status_code == 200 and "Titre en relecture" in text(preview)
    assert "X-Cache" not in preview
    assert "Titre en relecture" not in text(client.get("/"))


def test_a_preview_made_without_the_editors_request_is_not_taken_from_the_cache(client):
    """Wagtail renders previews through the middleware at the page's own address; without the
    editor's cookies it would look like an anonymous visit to a cached page."""
    get_twice(client, "/")
    home = HomePage.objects.get(locale__language_code="fr")
    home.hero_title = "Titre en relecture"
    assert "Titre en relecture" in text(home.make_preview_request())
    response = client.get("/")
    assert response["X-Cache"] == "hit" and "Titre en relecture" not in text(response)


@pytest.mark.parametrize(
    "path", ["/extranet/connexion/", "/rcf/extranet/connexion/", "/admin/login/", "/recherche/?q=jardin"]
)
def test_the_admin_extranet_and_search_are_left_alone(client, path):
    response = client.get(path)
    assert "X-Cache" not in response


def csrf_secret_of(client):
    from django.conf import settings

    return client.cookies[settings.CSRF_COOKIE_NAME].value


def form_token(response):
    return BeautifulSoup(response.content, "html.parser").find("input", {"name": "csrfmiddlewaretoken"})["value"]


def test_a_page_with_a_form_is_never_served_with_someone_elses_csrf_token():
    from django.middleware.csrf import _unmask_cipher_token

    url = ContactPage.objects.get(locale__language_code="fr").url
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    for visitor in (first, second, first, second):
        page = visitor.get(url)
        assert page["X-Cache"] == "pass"
        # The token in the form is this visitor's, so their message goes through.
        assert _unmask_cipher_token(form_token(page)) == csrf_secret_of(visitor)
    answer = second.post(
        url,
        {
            "name": "Jean",
            "email": "jean@example.re",
            "subject": "Bonjour",
            "message": "Un message assez long pour passer.",
            "csrfmiddlewaretoken": form_token(page),
        },
    )
    assert answer.status_code == 302


def test_a_visitor_with_a_csrf_cookie_still_gets_cached_pages_without_a_token():
    visitor = Client()
    visitor.get(ContactPage.objects.get(locale__language_code="fr").url)  # now has a CSRF cookie
    Client().get("/")
    response = visitor.get("/")
    assert response["X-Cache"] == "hit" and "csrfmiddlewaretoken" not in response.content.decode()


def nonce_of(response):
    (nonce,) = re.findall(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    return nonce


def test_a_cached_page_with_an_inline_script_gets_a_new_nonce_each_time(client):
    event = Event.objects.filter(title="Fablab ouvert", locale__language_code="fr").get()
    url = f"{agenda_url()}evenement/{event.pk}/"
    responses = [client.get(url), client.get(url), Client().get(url)]
    assert [r["X-Cache"] for r in responses] == ["miss", "hit", "hit"]
    nonces = [nonce_of(r) for r in responses]
    assert len(set(nonces)) == 3
    for response, nonce in zip(responses, nonces, strict=True):
        script = BeautifulSoup(response.content, "html.parser").find("script", type="application/ld+json")
        assert script["nonce"] == nonce  # the browser accepts it under this answer's policy
        assert response.content.decode().count(nonce) == 1
    assert responses[1].content.replace(nonces[1].encode(), b"") == responses[2].content.replace(
        nonces[2].encode(), b""
    )


def test_a_page_without_inline_script_has_no_nonce_in_its_policy(client):
    response = get_twice(client, "/")
    assert "'nonce-" not in response["Content-Security-Policy"]


def test_nothing_is_cached_when_the_setting_is_zero(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert "X-Cache" not in client.get("/")
    assert "X-Cache" not in client.get("/")


def test_error_pages_are_not_cached(client):
    assert client.get("/une-page-qui-n-existe-pas/")["X-Cache"] == "pass"
    assert client.get("/une-page-qui-n-existe-pas/")["X-Cache"] == "pass"
