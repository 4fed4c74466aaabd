"""« Financer mon projet »: public calls in the visitor's language, filters in plain words, a fixed query count."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from annuaire import access
from annuaire.access import Visibility
from annuaire.models import Audience, Organisation, Theme
from appels.models import Deadline, FundingCall, FundingPage
from tests.appels.conftest import public_call_url

pytestmark = pytest.mark.django_db


def titles(client, url, **query):
    document = BeautifulSoup(client.get(url, query).content, "html.parser")
    return {item.select_one("h2").get_text(strip=True): item for item in document.select(".call-item")}


def test_the_demo_calls_in_french_and_in_creole(client, funding_page):
    french = titles(client, funding_page.url)
    assert "Fonds LEADER — projets ruraux du GAL Ouest" in french
    # Partners' and organisations' calls stay in the partners' space.
    assert "CAF de La Réunion — Fonds Publics et territoires" not in french
    assert "Été culturel — projets artistiques avec les habitants" not in french
    creole_page = FundingPage.objects.get(locale__language_code="rcf")
    creole = titles(client, creole_page.url)
    assert "Fon LEADER — bann prozè riral GAL Ouest" in creole
    assert "Fonds LEADER — projets ruraux du GAL Ouest" not in creole  # its translation replaces it
    assert creole["Fon LEADER — bann prozè riral GAL Ouest"].get("lang") is None
    assert len(creole) == len(french)


def test_an_untranslated_call_shows_in_french_marked_as_such(world, client):
    creole_page = FundingPage.objects.get(locale__language_code="rcf")
    item = titles(client, creole_page.url)["Appel public de A"]
    assert item["lang"] == "fr"
    detail = BeautifulSoup(
        client.get(public_call_url(creole_page, world.funding_calls["public"])).content, "html.parser"
    )
    assert detail.select_one("h1")["lang"] == "fr"


def test_the_questions_are_asked_in_plain_french(client, funding_page):
    # Depends on the French translations of NEW_STRINGS.json.
    body = client.get(funding_page.url).content.decode()
    for question in ("Qui êtes-vous ?", "Votre projet parle de…", "Où ?", "Encore ouverts seulement"):
        assert question in body, question
    soon = titles(client, funding_page.url)["Projet alimentaire territorial : initiatives locales pour bien manger"]
    assert "Se termine dans 6 jours" in soon.get_text()


def test_filters_in_plain_words(world, client, funding_page):
    associations = titles(client, funding_page.url, public="associations")
    assert "Fondation de France — Vivre ensemble dans les territoires ruraux" in associations
    assert "AMI Région Réunion — tiers-lieux et démonstrateurs territoriaux" in associations
    families = titles(client, funding_page.url, public="familles")
    assert "Fondation de France — Vivre ensemble dans les territoires ruraux" not in families
    digital = titles(client, funding_page.url, theme="numerique")
    assert set(digital) == {"AMI Région Réunion — tiers-lieux et démonstrateurs territoriaux"}
    here = titles(client, funding_page.url, territoire="trois-bassins")
    assert set(here) == {"Projet alimentaire territorial : initiatives locales pour bien manger"}
    still_open = titles(client, funding_page.url, ouverts="1")
    assert "Fondation de France — Vivre ensemble dans les territoires ruraux" not in still_open
    assert "Fonds LEADER — projets ruraux du GAL Ouest" in still_open


def test_status_badges_and_next_deadline_in_words(client, funding_page):
    items = titles(client, funding_page.url)
    soon = items["Projet alimentaire territorial : initiatives locales pour bien manger"]
    assert soon.select_one(".call-status--closing_soon")
    due = timezone.localdate() + timedelta(days=6)
    assert soon.select_one("time")["datetime"] == due.isoformat()
    closed = items["Fondation de France — Vivre ensemble dans les territoires ruraux"]
    assert closed.select_one(".call-status--closed")
    # Calls one can apply to come first, closed ones last.
    assert list(items)[-1] == "Fondation de France — Vivre ensemble dans les territoires ruraux"


def test_a_creole_translation_shares_labels_visibility_and_rights(django_capture_on_commit_callbacks):
    call = FundingCall.objects.get(title="Fonds LEADER — projets ruraux du GAL Ouest", locale__language_code="fr")
    creole = call.get_translation(Locale.objects.get(language_code="rcf"))
    assert set(creole.themes.values_list("slug", flat=True)) == set(call.themes.values_list("slug", flat=True))
    assert creole.beneficiaries.count() == call.beneficiaries.count() > 0
    with django_capture_on_commit_callbacks(execute=True):
        access.share(call, visibility=Visibility.ORGANISATION)
        call.themes.set(Theme.objects.filter(locale=call.locale, slug="numerique"))
    creole.refresh_from_db()
    assert creole.visibility == Visibility.ORGANISATION
    assert list(creole.themes.values_list("slug", flat=True)) == ["numerique"]
    assert not FundingCall.objects.for_public_site().filter(pk=creole.pk).exists()


def add_public_calls(number):
    owner = Organisation.objects.get(name="Cyberun")
    creole = Locale.objects.get(language_code="rcf")
    themes = list(Theme.objects.filter(locale__language_code="fr")[:2])
    audiences = list(Audience.objects.filter(locale__language_code="fr")[:2])
    today = timezone.localdate()
    for index in range(number):
        call = FundingCall(owner=owner, title=f"Appel en plus {index}", summary="Encore un appel", url="https://e.re")
        access.share(call, visibility=Visibility.PUBLIC if index % 4 else Visibility.PARTNERS)
        call.themes.set(themes)
        call.beneficiaries.set(audiences)
        call.funders.set([owner])
        Deadline.objects.create(call=call, due_on=today + timedelta(days=index))
        if index % 2:
            translation = call.copy_for_translation(creole)
            translation.title = f"Lapèl an plis {index}"
            translation.save()


# Routing costs one query more in Creole (Wagtail looks the translated root page up), as on every page.
PUBLIC_QUERIES = {"fr": 22, "rcf": 23}


@pytest.mark.parametrize("language", ["fr", "rcf"])
def test_the_public_page_costs_the_same_queries_with_40_more_calls(client, django_assert_num_queries, language):
    page = FundingPage.objects.get(locale__language_code=language)
    cache.clear()
    client.get(page.url)  # per-process caches (content types, site root paths) filled: the steady state
    with django_assert_num_queries(PUBLIC_QUERIES[language]):
        assert client.get(page.url, {"public": "associations", "ouverts": "1"}).status_code == 200
    add_public_calls(40)
    with django_assert_num_queries(PUBLIC_QUERIES[language]):
        response = client.get(page.url, {"public": "associations", "ouverts": "1"})
    assert "Appel en plus" in response.content.decode() or "Lapèl an plis" in response.content.decode()


# The call, its rows by language, its labels, deadlines, documents, who applies, the directory page.
PUBLIC_DETAIL_QUERIES = 28


def test_a_public_call_page_costs_a_fixed_number_of_queries(client, django_assert_num_queries, funding_page):
    call = FundingCall.objects.get(title="Projet alimentaire territorial : initiatives locales pour bien manger")
    url = public_call_url(funding_page, call)
    cache.clear()
    client.get(url)
    with django_assert_num_queries(PUBLIC_DETAIL_QUERIES):
        assert client.get(url).status_code == 200


EXTRANET_LIST_QUERIES = 28


def test_the_extranet_list_costs_the_same_queries_with_40_more_calls(world, login, django_assert_num_queries):
    client = login(world, "member_a")
    url = reverse("extranet:funding_call_list")
    client.get(url)
    with django_assert_num_queries(EXTRANET_LIST_QUERIES):
        assert "Appel partners de A" in client.get(url, {"statut": "open", "tri": "recent"}).content.decode()
    add_public_calls(40)
    with django_assert_num_queries(EXTRANET_LIST_QUERIES):
        response = client.get(url, {"statut": "open", "tri": "recent"})
    assert "Appel en plus 39" in response.content.decode()
