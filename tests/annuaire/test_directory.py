"""The public "who does what": only organisations that chose a public profile, in both languages."""

import pytest
from bs4 import BeautifulSoup

from annuaire.models import DirectoryPage, Organisation

pytestmark = pytest.mark.django_db


def names(response):
    return [
        link.get_text(strip=True) for link in BeautifulSoup(response.content, "html.parser").select(".card__title a")
    ]


@pytest.mark.parametrize("language", ["fr", "rcf"])
def test_directory_lists_public_profiles_only(client, language):
    page = DirectoryPage.objects.get(locale__language_code=language)
    Organisation.objects.create(name="Association discrète", public_profile=False)
    response = client.get(page.url)
    assert response.status_code == 200
    listed = names(response)
    assert "Cyberun" in listed
    assert "Association discrète" not in listed
    assert "Collège de Trois-Bassins" not in listed  # the demo college keeps its profile private


def test_directory_filters_by_need(client):
    page = DirectoryPage.objects.get(locale__language_code="fr")
    digital = names(client.get(page.url, {"besoin": "digital"}))
    assert digital == ["Cyberun"]


def test_profile_page_shows_contacts_and_private_profiles_answer_404(client):
    page = DirectoryPage.objects.get(locale__language_code="rcf")
    cyberun = Organisation.objects.get(name="Cyberun")
    cyberun.website = "https://cyberun.example"
    cyberun.save()
    response = client.get(f"{page.url}{cyberun.slug}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="rcf">' in body and 'href="https://cyberun.example"' in body
    hidden = Organisation.objects.create(name="Association discrète", public_profile=False)
    assert client.get(f"{page.url}{hidden.slug}/").status_code == 404
