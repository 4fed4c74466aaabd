import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def result_titles(response):
    return [
        link.get_text(strip=True) for link in BeautifulSoup(response.content, "html.parser").select(".search-results a")
    ]


def test_search_finds_french_pages(client):
    response = client.get("/recherche/", {"q": "Fablab"})
    assert response.status_code == 200
    assert any("Alambic" in title or "Fablab" in title for title in result_titles(response))


def test_search_in_creole_returns_creole_pages(client):
    response = client.get("/rcf/recherche/", {"q": "Fablab"})
    titles = result_titles(response)
    assert titles
    for link in BeautifulSoup(response.content, "html.parser").select(".search-results a"):
        assert link["href"].startswith("/rcf/")


def test_empty_and_hostile_queries_are_harmless(client):
    assert client.get("/recherche/").status_code == 200
    response = client.get("/recherche/", {"q": '<script>alert("x")</script>'})
    assert response.status_code == 200
    assert '<script>alert("x")</script>' not in response.content.decode()
    assert client.get("/recherche/", {"q": "jardin", "page": "999"}).status_code == 200


def test_search_shows_the_next_public_events_that_match(client):
    from bs4 import BeautifulSoup

    def events(url):
        document = BeautifulSoup(client.get(url).content, "html.parser")
        return [a.get_text(strip=True) for a in document.select(".search-events a")]

    assert events("/recherche/?q=fablab") == ["Fablab ouvert"]
    assert events("/rcf/recherche/?q=latélié nimérik") == ["Latélié nimérik : dépoz in dosié an lign"]
    # A partners-only meeting is never found by residents.
    assert events("/recherche/?q=groupe pilote") == []
