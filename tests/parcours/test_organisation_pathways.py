"""An organisation's directory page shows the pathways whose steps point to its services, in the reader's language."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annuaire.models import DirectoryPage, Organisation, Service
from parcours.models import PathwayPage

pytestmark = pytest.mark.django_db


def pathways_on(client, language, slug):
    response = client.get(DirectoryPage.objects.get(locale__language_code=language).url + f"{slug}/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [(a.get_text(strip=True), a["href"]) for a in page.select("#section-pathways ~ ul a")]


@pytest.mark.parametrize(
    ("language", "titles"),
    [
        ("fr", ["S'installer en agriculture"]),
        ("rcf", ["Instal aou plantèr"]),
    ],
)
def test_organisation_page_lists_the_pathways_it_takes_part_in(client, language, titles):
    slug = Organisation.objects.get(name="Pôle LENA").slug
    shown = pathways_on(client, language, slug)
    assert [title for title, _ in shown] == titles
    prefix = "/rcf/" if language == "rcf" else "/"
    assert all(href.startswith(prefix + "par-ou-commencer/") for _, href in shown)


def test_an_organisation_no_step_points_to_shows_no_pathway_section(client):
    organisation = Organisation.objects.create(name="Association sans parcours", public_profile=True)
    Service.objects.create(organisation=organisation, name="Permanence", kind="welcome")
    assert pathways_on(client, "fr", organisation.slug) == []


def test_an_unpublished_pathway_is_not_listed(client):
    PathwayPage.objects.filter(slug="s-installer-en-agriculture").update(live=False)
    slug = Organisation.objects.get(name="Pôle LENA").slug
    assert [title for title, _ in pathways_on(client, "fr", slug)] == []


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_pathways_section_costs_the_same_with_more_pathways_and_services(client):
    lena = Organisation.objects.get(name="Pôle LENA")
    url = DirectoryPage.objects.get(locale__language_code="fr").url + f"{lena.slug}/"
    before = count(client, url)
    assert before == 28
    template = PathwayPage.objects.get(locale__language_code="fr", slug="s-installer-en-agriculture")
    index = template.get_parent()
    for number in range(10):
        services = [
            Service.objects.create(organisation=lena, name=f"Atelier {number}-{n}", kind="training") for n in range(5)
        ]
        steps = [
            ("step", {"title": f"Étape {n}", "services": [service], "events": [], "calls": []})
            for n, service in enumerate(services)
        ]
        index.add_child(
            instance=PathwayPage(title=f"Parcours {number}", slug=f"parcours-{number}", need="emploi", steps=steps)
        )
    assert count(client, url) == before
    assert len(pathways_on(client, "fr", lena.slug)) == 11
