"""Residents and partners find only what they may see: in results, counts, facets and suggestions,
on the public search and in the partners' one, for every visibility level and every role."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from annuaire.access import Visibility
from tests.extranet import conftest as extranet
from tests.extranet.conftest import ROLES, SEES

pytestmark = pytest.mark.django_db

# The extranet tests' world: an object at every level, a user in every role.
world, login = extranet.world, extranet.login


def facet_counts(document):
    return {
        link.get_text(strip=True).rsplit("(", 1)[0].strip(): int(re.search(r"\((\d+)\)", link.get_text()).group(1))
        for link in document.select(".search-facets a")
        if "(" in link.get_text()
    }


@pytest.mark.parametrize("role", ROLES)
def test_the_public_search_shows_public_objects_only_whoever_reads(world, login, client, role):
    client = login(world, role) if role != "anonymous" else client
    document = BeautifulSoup(client.get("/recherche/", {"q": "Rencontre"}).content, "html.parser")
    titles = {link.get_text(" ", strip=True) for link in document.select(".search-results h3 a")}
    events = {level: event.title for level, event in world.events.items()}
    assert {title for title in events.values() if title in titles} <= {events[Visibility.PUBLIC]}
    assert sum(facet_counts(document).values()) == len(document.select(".search-results h3 a"))
    suggestions = client.get("/recherche/suggestions/", {"q": "Rencontr"}).json()["suggestions"]
    assert {item["title"] for item in suggestions} & set(events.values()) <= {events[Visibility.PUBLIC]}


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_the_partners_search_counts_only_what_the_role_may_see(world, login, role):
    client = login(world, role)
    for objects, word in ((world.resources, "Ressource"), (world.documents, "Document"), (world.events, "Rencontre")):
        document = BeautifulSoup(client.get(reverse("extranet:search"), {"q": word}).content, "html.parser")
        found = {link.get_text(strip=True) for link in document.select(".object-list a")}
        expected = {
            obj.title if hasattr(obj, "title") else obj.name for level, obj in objects.items() if role in SEES[level]
        }
        names = {obj.title if hasattr(obj, "title") else obj.name for obj in objects.values()}
        assert found & names == expected, (role, word)
        assert sum(facet_counts(document).values()) >= len(expected)
