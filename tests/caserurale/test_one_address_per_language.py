"""Each event and funding call has one address per language: the other row of its family,
asked for under a language's site, redirects to the one that site shows, and the language
links point at the same object in the other language (not at the agenda's or the funding
page's top)."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from agenda.models import AgendaPage, Event
from appels.models import FundingCall, FundingPage

pytestmark = pytest.mark.django_db


def language_links(response):
    document = BeautifulSoup(response.content, "html.parser")
    switcher = {link["hreflang"]: link["href"] for link in document.select(".language-switcher a")}
    alternates = {link["hreflang"]: link["href"] for link in document.select('head link[rel="alternate"][hreflang]')}
    return document, switcher, alternates


@pytest.fixture
def creole():
    return Locale.objects.get(language_code="rcf")


@pytest.mark.parametrize(
    ("model", "index", "route", "title"),
    [
        (Event, AgendaPage, "evenement", "Fablab ouvert"),
        (FundingCall, FundingPage, "appel", "Fonds LEADER — projets ruraux du GAL Ouest"),
    ],
)
def test_the_other_languages_row_redirects_to_this_sites_row(client, creole, model, index, route, title):
    french = model.objects.get(title=title)
    translated = french.get_translation(creole)
    french_page, creole_page = (index.objects.get(locale__language_code=code) for code in ("fr", "rcf"))
    french_url = f"{french_page.url}{route}/{french.pk}/"
    creole_url = f"{creole_page.url}{route}/{translated.pk}/"

    # The Creole row under the French site, and the French row under the Creole site.
    assert client.get(f"{french_page.url}{route}/{translated.pk}/").headers["Location"] == french_url
    assert client.get(f"{creole_page.url}{route}/{french.pk}/").headers["Location"] == creole_url

    response = client.get(creole_url)
    assert response.status_code == 200
    document, switcher, alternates = language_links(response)
    assert document.html["lang"] == "rcf"
    assert document.h1.get("lang") is None and document.h1.get_text(strip=True) == translated.title
    assert switcher == {"fr": french_url}
    assert alternates == {
        "fr": f"http://testserver{french_url}",
        "rcf": f"http://testserver{creole_url}",
        "x-default": f"http://testserver{french_url}",
    }

    response = client.get(french_url)
    _, switcher, alternates = language_links(response)
    assert switcher == {"rcf": creole_url}
    assert alternates["rcf"] == f"http://testserver{creole_url}"


def test_an_event_not_translated_yet_keeps_its_address_under_both_sites(client, creole):
    french = Event.objects.get(title="Fablab ouvert")
    french.get_translation(creole).delete()
    french_page, creole_page = (AgendaPage.objects.get(locale__language_code=code) for code in ("fr", "rcf"))

    response = client.get(f"{creole_page.url}evenement/{french.pk}/")
    assert response.status_code == 200
    document, switcher, _ = language_links(response)
    # French text under the Creole site, and marked as French for screen readers.
    assert document.html["lang"] == "rcf" and document.h1["lang"] == "fr"
    assert switcher == {"fr": f"{french_page.url}evenement/{french.pk}/"}
