import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def result_titles(response):
    return [
        link.get_text(" ", strip=True)
        for link in BeautifulSoup(response.content, "html.parser").select(".search-results a")
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


def test_search_ranks_events_and_calls_with_pages_and_hides_partners_only_events(client):
    assert "Fablab ouvert" in result_titles(client.get("/recherche/", {"q": "fablab"}))
    assert not any(
        "pilote" in title.lower() for title in result_titles(client.get("/recherche/", {"q": "groupe pilote"}))
    )


def test_suggestions_answer_json_from_the_same_index(client):
    response = client.get("/recherche/suggestions/", {"q": "epicer"})
    assert response.status_code == 200
    assert any("picerie" in item["title"] for item in response.json()["suggestions"])
