"""Support pathways and « Par où commencer ? »: steps resolve in both languages, each answer leads somewhere."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parcours.models import PathwayIndexPage, PathwayPage
from parcours.needs import Need

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("language", "title", "service"),
    [
        ("fr", "S'installer en agriculture", "Espace test agricole"),
        ("rcf", "Instal aou plantèr", "Lespas tès agrikol"),
    ],
)
def test_pathway_steps_point_to_services_in_the_readers_language(client, language, title, service):
    pathway = PathwayPage.objects.get(locale__language_code=language, slug="s-installer-en-agriculture")
    page = soup(client.get(pathway.url))
    assert page.h1.get_text(strip=True) == title
    steps = page.select(".pathway-step")
    assert len(steps) == 4
    assert service in steps[2].get_text()


def test_also_matching_suggests_services_of_the_need_not_already_in_the_steps(client):
    pathway = PathwayPage.objects.get(locale__language_code="fr", slug="creer-son-activite")
    page = soup(client.get(pathway.url))
    suggested = [title.get_text(strip=True) for title in page.select("#also-title + ul .service__title")]
    assert "Espace test agricole" in suggested
    assert "Couveuse : test d'activité en contrat CAPE" not in suggested  # already a step


def test_a_service_of_an_organisation_made_private_leaves_the_pathway(client):
    from annuaire.models import Organisation

    Organisation.objects.filter(name="Pôle LENA").update(public_profile=False)
    pathway = PathwayPage.objects.get(locale__language_code="fr", slug="s-installer-en-agriculture")
    assert "Espace test agricole" not in client.get(pathway.url).content.decode()


def index(language="fr"):
    return PathwayIndexPage.objects.get(locale__language_code=language)


def test_one_question_a_screen_carrying_the_answers_then_a_bookmarkable_result(client):
    page = index()
    first = soup(client.get(page.url + "questions/"))
    assert first.legend and len(first.select("input[type=radio][name=public]")) >= 5
    second = soup(client.get(page.url + "questions/", {"public": "porteurs-de-projet"}))
    assert second.select_one("input[type=hidden][name=public]")["value"] == "porteurs-de-projet"
    assert second.select("input[type=radio][name=besoin]")
    done = client.get(
        page.url + "questions/", {"public": "porteurs-de-projet", "besoin": "agriculture", "stade": "idee"}
    )
    assert done.status_code == 302
    assert done["Location"] == page.url + "resultat/?public=porteurs-de-projet&besoin=agriculture&stade=idee"


@pytest.mark.parametrize("need", Need.values)
@pytest.mark.parametrize("language", ["fr", "rcf"])
def test_every_need_leads_to_a_pathway_and_people_who_help(client, need, language):
    page = soup(client.get(index(language).url + "resultat/", {"besoin": need, "stade": "demarrage"}))
    assert page.html["lang"] == language
    assert page.select("#pathways-title ~ article"), need
    assert page.select("#contact-title + ul li")  # the welcome desk, always


def test_a_family_looking_for_food_gets_the_social_grocery(client):
    page = soup(client.get(index().url + "resultat/", {"public": "familles", "besoin": "manger"}))
    assert [a.get_text(strip=True) for a in page.select("#pathways-title ~ article a")] == ["Bien manger à petit prix"]
    assert "Aide alimentaire à l'épicerie sociale" in page.get_text()


def count(client, url, query=None):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, query or {}).status_code == 200
    return len(queries)


def test_pathway_and_result_pages_run_a_fixed_number_of_queries(client):
    pathway = PathwayPage.objects.get(locale__language_code="rcf", slug="s-installer-en-agriculture")
    result = index("rcf").url + "resultat/"
    assert [count(client, pathway.url), count(client, result, {"besoin": "agriculture", "public": "agriculteurs"})] == [
        27,
        25,
    ]
