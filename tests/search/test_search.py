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


def test_search_shows_the_public_funding_calls_one_can_still_apply_to(client):
    from bs4 import BeautifulSoup

    def calls(url):
        document = BeautifulSoup(client.get(url).content, "html.parser")
        return [(a.get_text(strip=True), a["href"]) for a in document.select(".search-calls a")]

    (found,) = calls("/recherche/?q=leader")
    assert found[0] == "Fonds LEADER — projets ruraux du GAL Ouest"
    assert found[1].startswith("/financer-mon-projet/appel/")
    assert client.get(found[1]).status_code == 200
    (found,) = calls("/rcf/recherche/?q=leader")
    assert found[0] == "Fon LEADER — bann prozè riral GAL Ouest" and found[1].startswith("/rcf/")
    # Partners-only calls never show to residents; a call whose deadline has passed is not offered.
    assert calls("/recherche/?q=CAF") == []
    assert calls("/recherche/?q=Fondation de France") == []
