"""The dashboard and the lists cost the same number of queries whatever the size of the network."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from annuaire import access
from annuaire.access import Visibility
from annuaire.models import Circle, Membership, Organisation
from extranet.models import Resource
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URLS = [
    "extranet:dashboard",
    "extranet:resource_list",
    "extranet:document_list",
    "extranet:funding_call_list",
    "extranet:organisation_list",
    "extranet:search",
]


PINNED = {
    # 25, one for the "coming up in the network" calendar section, one for "deadlines coming up"
    # (the visit is recorded at sign-in, not on this GET), and two for the bookings: my organisations'
    # requests, those waiting for my answer (reservations.dashboard)
    "extranet:dashboard": 29,
    "extranet:resource_list": 24,
    "extranet:document_list": 24,
    "extranet:funding_call_list": 28,  # 24, and the labels of themes, audiences, funders, and what I follow
    "extranet:organisation_list": 21,
    "extranet:search": 24,  # one ranked query (visibility inside it), its facets and word weights
}


def grow(world, size):
    """Add ``size`` organisations, each with a member, a circle membership and shared resources."""
    for number in range(size):
        organisation = Organisation.objects.create(name=f"Association {size}-{number}")
        user = UserFactory(username=f"m{size}-{number}@example.re")
        Membership.objects.create(user=user, organisation=organisation)
        world.circle.organisations.add(organisation)
        for level in (Visibility.PARTNERS, Visibility.CIRCLE, Visibility.ORGANISATION):
            resource = Resource(owner=organisation, name=f"Outil {number} {level}")
            access.share(resource, visibility=level, circles=[world.circle] if level == Visibility.CIRCLE else [])


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(url), {"q": "Outil"} if url.endswith("search") else {})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["member_a", "admin_a", "coordinator"])
def test_query_counts_do_not_grow_with_organisations_and_permissions(world, login, role):
    client = login(world, role)
    for url in URLS:
        client.get(reverse(url))  # measure the steady state
    small = {url: count(client, url) for url in URLS}
    grow(world, 15)
    Circle.objects.create(name="Encore un cercle").organisations.set(Organisation.objects.all())
    large = {url: count(client, url) for url in URLS}
    assert large == small
    if role == "member_a":
        # Pinned: a query added in a loop, or a new one per page, shows here.
        assert small == PINNED
