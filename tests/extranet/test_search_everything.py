"""The partners' search finds events and funding calls too, through the same visibility filter."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.extranet.conftest import SEES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["member_a", "member_b", "circle_member"])
def test_search_finds_the_events_and_calls_the_role_may_see(world, login, role):
    client = login(world, role)
    for objects in (world.events, world.funding_calls):
        words = objects["public"].title.split()[0]  # "Rencontre", "Appel"…: shared by every level's title
        document = BeautifulSoup(client.get(reverse("extranet:search"), {"q": words}).content, "html.parser")
        found = {a.get_text(strip=True) for a in document.select(".object-list a")}
        expected = {obj.title for level, obj in objects.items() if role in SEES[level]}
        assert found & {obj.title for obj in objects.values()} == expected
