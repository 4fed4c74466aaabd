"""The directory in a resident's words: services by audience, need, theme, place and walk-in, by organisation."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annuaire.models import Audience, DirectoryPage, Organisation, Place, Service

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def organisations(response):
    return [link.get_text(strip=True) for link in soup(response).select(".directory__organisation .card__title a")]


def services(response):
    return [title.get_text(strip=True) for title in soup(response).select(".service__title")]


@pytest.fixture
def directory():
    return DirectoryPage.objects.get(locale__language_code="fr")


def test_i_need_food_aid_as_a_family(client, directory):
    response = client.get(directory.url, {"public": "familles", "besoin": "food"})
    assert organisations(response) == ["CCAS — Épicerie sociale Mon Bertel", "Réseau Cocagne — jardin d'insertion"]
    assert "Aide alimentaire à l'épicerie sociale" in services(response)
    body = response.content.decode()
    assert "Épicerie sociale Mon Bertel" in body and "Sur rendez-vous" in body  # where, and how to reach it
    assert "2 organisations" in body


def test_walk_in_and_place_filters_in_creole(client):
    directory = DirectoryPage.objects.get(locale__language_code="rcf")
    response = client.get(directory.url, {"sans_rdv": "1", "lieu": "local-de-cyberun"})
    assert organisations(response) == ["Cyberun"]
    assert services(response) == ["Èd pou bann démarsh si internet"]
    page = soup(response)
    assert page.html["lang"] == "rcf"
    assert page.select_one("label[for=id_public]").get_text(strip=True)


def test_a_private_organisation_and_its_services_never_show(client, directory):
    hidden = Organisation.objects.create(name="Association discrète", public_profile=False)
    secret_place = Place.objects.create(name="Lieu discret", address="Trois-Bassins", organisation=hidden)
    service = Service.objects.create(organisation=hidden, name="Service discret", kind="digital", reach="walk_in")
    service.places.add(secret_place)
    service.audiences.add(Audience.objects.get(slug="familles", locale__language_code="fr"))
    for query in ({}, {"besoin": "digital"}, {"public": "familles"}):
        body = client.get(directory.url, query).content.decode()
        assert "discr" not in body
    assert "1 organisation" in client.get(directory.url, {"besoin": "digital"}).content.decode()
    assert client.get(f"{directory.url}{hidden.slug}/").status_code == 404
    assert "Service discret" not in client.get(f"{directory.url}lieux/{secret_place.slug}/").content.decode()


def test_organisation_page_shows_services_in_creole(client):
    directory = DirectoryPage.objects.get(locale__language_code="rcf")
    response = client.get(f"{directory.url}cyberun/")
    assert "Fablab : enprimant 3D é bann machine" in services(response)
    assert "Asosiasion fabrikasion nimérik" in response.content.decode()


def test_place_page_shows_what_is_offered_there(client, directory):
    response = client.get(f"{directory.url}lieux/pole-lena/")
    assert set(services(response)) == {
        "Espace test agricole",
        "Couveuse : test d'activité en contrat CAPE",
        "Pré-installation agricole en agroécologie",
    }
    assert client.get(f"{directory.url}lieux/nulle-part/").status_code == 404


def count_queries(client, url, query=None):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, query or {}).status_code == 200
    return len(queries)


def test_queries_stay_the_same_from_10_to_100_organisations(client, directory, django_assert_num_queries):
    cyberun = Organisation.objects.get(name="Cyberun")
    place = Place.objects.get(slug="local-de-cyberun")
    urls = [
        (directory.url, None),
        (directory.url, {"besoin": "digital", "page": "2"}),
        (f"{directory.url}cyberun/", None),
        (f"{directory.url}lieux/local-de-cyberun/", None),
    ]
    before = [count_queries(client, url, query) for url, query in urls]
    # The site's frame (menus, settings, language links) plus a fixed few for the list and its filters.
    assert before == [28, 28, 28, 23]
    for number in range(100):
        organisation = Organisation.objects.create(name=f"Association {number:03}", public_profile=True)
        for kind in ("digital", "food"):
            service = Service.objects.create(organisation=organisation, name=f"{kind} {number}", kind=kind)
            service.places.add(place)
        Service.objects.create(organisation=cyberun, name=f"Atelier {number}", kind="digital").places.add(place)
    after = [count_queries(client, url, query) for url, query in urls]
    assert after == before
    with django_assert_num_queries(before[0]):
        client.get(directory.url)
