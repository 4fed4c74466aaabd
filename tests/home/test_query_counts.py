"""Public pages cost a small, fixed number of queries; these pins catch a query added in a loop."""

import pytest
from django.core.cache import cache

from home.models import ArticlePage

pytestmark = pytest.mark.django_db

# Routing costs one query more in Creole (Wagtail looks the translated root page up).
# With the next events (the agenda page and its occurrences), « Par où commencer ? » and the open calls
# (the pathways page, the funding page and its calls).
HOME_QUERIES = {"/": 24, "/rcf/": 25}


@pytest.fixture(autouse=True)
def warm(client):
    # The first request fills per-process caches (content types, site root paths): pin the steady state.
    cache.clear()
    client.get("/")
    client.get("/rcf/")


@pytest.mark.parametrize("url", ["/", "/rcf/"])
def test_home_page_queries(client, django_assert_num_queries, url):
    with django_assert_num_queries(HOME_QUERIES[url]):
        assert client.get(url).status_code == 200


def test_home_page_queries_do_not_grow_with_news(client, django_assert_num_queries):
    index = ArticlePage.objects.live().filter(locale__language_code="fr").first().get_parent()
    for number in range(20):
        article = ArticlePage(title=f"Nouvelle {number}", slug=f"nouvelle-{number}", intro="Texte")
        index.add_child(instance=article)
    with django_assert_num_queries(HOME_QUERIES["/"]):
        assert client.get("/").status_code == 200
