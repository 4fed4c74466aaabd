"""The directory's map: the places where the listed services are offered, filtered like the list, private ones never."""

import json

import pytest
from bs4 import BeautifulSoup

from annuaire.models import DirectoryPage, Organisation, Place, Service

pytestmark = pytest.mark.django_db


def directory(language="fr"):
    return DirectoryPage.objects.get(locale__language_code=language)


def page(client, query=None, language="fr"):
    response = client.get(directory(language).url, query or {})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def map_data(html):
    return json.loads(html.select_one("#network-map-data").string)


def test_the_map_shows_the_places_of_the_listed_services_with_links_to_them(client):
    html = page(client)
    places = {place["name"]: place for place in map_data(html)}
    assert "Pôle LENA" in places and "Local de Cyberun" in places
    lena = places["Pôle LENA"]
    assert lena["url"] == directory().url + "lieux/pole-lena/"
    assert float(lena["lat"]) < -20.8 and float(lena["lon"]) > 55.2  # on the island, written with a point
    assert lena["services"] and lena["count"] >= len(lena["services"])
    # Without JavaScript: the island drawn offline, and the same places as plain links.
    assert html.select_one(".network-map svg title").get_text().startswith("Carte de La Réunion")
    assert [a.get_text(strip=True) for a in html.select(".network-map__places a")] == list(places)
    assert len(html.select(".network-map svg .place-map__marker")) == len(places)
    # The button and its privacy sentence wait for the script, which shows them.
    assert html.select_one("[data-network-map-controls]").has_attr("hidden")
    assert "OpenStreetMap" in html.select_one("#network-map-privacy").get_text()


def test_the_filters_apply_to_the_map(client):
    digital = [place["name"] for place in map_data(page(client, {"besoin": "digital"}))]
    assert digital == ["Local de Cyberun"]
    everything = map_data(page(client, {"lieu": "pole-lena"}))
    assert [place["name"] for place in everything] == ["Pôle LENA"]


def test_the_map_speaks_creole_in_creole(client):
    places = {place["name"]: place for place in map_data(page(client, {"besoin": "digital"}, language="rcf"))}
    cyberun = places["Local de Cyberun"]
    assert cyberun["url"].startswith("/rcf/qui-fait-quoi/lieux/")
    assert "Èd pou bann démarsh si internet" in [service["name"] for service in cyberun["services"]]


def test_private_places_and_organisations_never_reach_the_map(client):
    hidden = Organisation.objects.create(name="Association discrète", public_profile=False)
    public = Organisation.objects.get(name="Cyberun")
    # A private organisation's service at a public place; a public service at a private organisation's place.
    secret_place = Place.objects.create(
        name="Lieu discret", address="Trois-Bassins", organisation=hidden, latitude="-21.1", longitude="55.3"
    )
    lena = Place.objects.get(slug="pole-lena")
    Service.objects.create(organisation=hidden, name="Service discret", kind="digital").places.add(lena)
    Service.objects.create(organisation=public, name="Atelier au lieu discret", kind="digital").places.add(secret_place)
    for query in ({}, {"besoin": "digital"}, {"lieu": "pole-lena"}):
        html = page(client, query)
        raw = html.select_one("#network-map-data").string
        assert "discr" not in raw.lower(), query
        assert "discr" not in html.select_one(".network-map").get_text().lower(), query
    assert "Pôle LENA" not in [place["name"] for place in map_data(page(client, {"besoin": "digital"}))]


def test_a_place_without_a_point_is_listed_but_not_drawn(client):
    Place.objects.filter(slug="pole-lena").update(latitude=None, longitude=None)
    assert "Pôle LENA" not in [place["name"] for place in map_data(page(client))]


def test_the_policy_lets_openstreetmap_tiles_in_as_images_only(client):
    response = client.get(directory().url)
    directives = dict(
        [*part.strip().split(" ", 1), ""][:2] for part in response["Content-Security-Policy"].split(";") if part.strip()
    )
    assert "https://tile.openstreetmap.org" in directives["img-src"].split()
    assert [name for name, sources in directives.items() if "openstreetmap" in sources] == ["img-src"]
    # Leaflet comes from this site: no other origin may run a script or a style here.
    assert "http" not in directives["script-src"] and "http" not in directives["style-src"]
