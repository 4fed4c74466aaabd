"""An event's page: schema.org data for search engines, "add to my calendar", a map that needs no
tile server, and related events; never a hidden event, at a fixed cost in queries."""

import itertools
import json
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from wagtail.models import Locale

from agenda.models import Event
from annuaire import island
from annuaire.access import Visibility
from annuaire.models import Organisation, Place, Theme
from tests.agenda.feeds_fixtures import add_events, agenda_url, html, in_days, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def cyberun():
    return Organisation.objects.get(name="Cyberun")


def page_of(client, event, language="fr"):
    response = client.get(f"{agenda_url(language)}evenement/{event.pk}/")
    assert response.status_code == 200
    return html(response)


def json_ld(document):
    (script,) = document.select('script[type="application/ld+json"]')
    return json.loads(script.string)


def test_the_event_page_describes_the_next_date_to_search_engines(client):
    fablab = Event.objects.get(title="Fablab ouvert")
    data = json_ld(page_of(client, fablab))
    following = fablab.occurrences.upcoming().first()
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == "Fablab ouvert"
    assert data["description"].startswith("Imprimantes 3D et découpe")
    assert data["startDate"] == timezone.localtime(following.start).isoformat()
    assert data["startDate"].endswith("+04:00") and data["endDate"].endswith("+04:00")
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place" and data["location"]["name"] == "Local de Cyberun"
    assert data["location"]["address"] == {
        "@type": "PostalAddress",
        "postalCode": "97426",
        "addressLocality": "Trois-Bassins",
        "addressRegion": "La Réunion",
        "addressCountry": "FR",
    }
    assert data["location"]["geo"] == {"@type": "GeoCoordinates", "latitude": -21.1051, "longitude": 55.2937}
    assert data["organizer"]["name"] == "Cyberun"
    assert data["organizer"].get("url", "").endswith("/cyberun/") == fablab.owner.public_profile
    assert data["isAccessibleForFree"] is True
    assert data["offers"]["price"] == "0" and data["offers"]["availability"] == "https://schema.org/InStock"
    assert data["url"] == data["offers"]["url"] == f"http://testserver{agenda_url()}evenement/{fablab.pk}/"
    assert data["inLanguage"] == "fr"
    assert data["eventSchedule"] == {
        "@type": "Schedule",
        "repeatFrequency": "P1W",
        "byDay": "https://schema.org/Saturday",
        "startDate": timezone.localtime(fablab.start).date().isoformat(),
        "startTime": "14:00:00",
        "endTime": "17:00:00",
        "scheduleTimezone": "Indian/Reunion",
        "repeatCount": 12,
    }
    creole = json_ld(page_of(client, fablab.get_translation(Locale.objects.get(language_code="rcf")), "rcf"))
    assert (creole["name"], creole["inLanguage"]) == ("Fablab ouvèr", "rcf")


def test_status_place_price_and_first_friday_in_schema_org(client, django_capture_on_commit_callbacks, cyberun):
    place = Place.objects.get(name="La Case Rurale")
    common = {"owner": cyberun, "place": place, "online_url": "https://visio.example.org/atelier"}
    full = make_event(
        django_capture_on_commit_callbacks,
        title="Atelier complet",
        status=Event.Status.FULL,
        is_free=False,
        price="5 € l'atelier, 2 € pour les adhérents",
        recurrence_rule="FREQ=MONTHLY;BYDAY=1FR;COUNT=3",
        **common,
    )
    data = json_ld(page_of(client, full))
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["offers"]["availability"] == "https://schema.org/SoldOut"
    assert data["offers"]["price"] == "5" and data["offers"]["priceCurrency"] == "EUR"
    assert data["offers"]["description"] == "5 € l'atelier, 2 € pour les adhérents"
    assert data["isAccessibleForFree"] is False
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [location["@type"] for location in data["location"]] == ["Place", "VirtualLocation"]
    assert data["location"][0]["address"]["streetAddress"] == "À la médiathèque L'Alambic, Route Hubert-Delisle"
    assert data["location"][1]["url"] == "https://visio.example.org/atelier"
    assert data["eventSchedule"]["byDay"] == "https://schema.org/Friday"
    assert data["eventSchedule"]["byMonthWeek"] == 1 and data["eventSchedule"]["repeatFrequency"] == "P1M"

    for status, expected in ((Event.Status.CANCELLED, "EventCancelled"), (Event.Status.POSTPONED, "EventPostponed")):
        full.status = status
        full.save()
        assert json_ld(page_of(client, full))["eventStatus"] == f"https://schema.org/{expected}"

    online = make_event(django_capture_on_commit_callbacks, owner=cyberun, online_url="https://visio.example.org/")
    data = json_ld(page_of(client, online))
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://visio.example.org/"}


def test_an_all_day_event_has_dates_without_times(client, django_capture_on_commit_callbacks, cyberun):
    first = in_days(4, hour=0)
    fair = make_event(
        django_capture_on_commit_callbacks, owner=cyberun, all_day=True, start=first, end=first + timedelta(hours=23)
    )
    data = json_ld(page_of(client, fair))
    assert data["startDate"] == data["endDate"] == first.date().isoformat()
    google = parse_qs(urlsplit(page_of(client, fair).select_one("a[href*='calendar.google.com']")["href"]).query)
    assert google["dates"] == [f"{first:%Y%m%d}/{first + timedelta(days=1):%Y%m%d}"]


def test_a_title_cannot_close_the_script(client, django_capture_on_commit_callbacks, cyberun):
    title = "Atelier </script><script>alert(1)</script> & <b>"
    event = make_event(django_capture_on_commit_callbacks, owner=cyberun, title=title)
    response = client.get(f"{agenda_url()}evenement/{event.pk}/")
    assert b"<script>alert(1)" not in response.content
    assert json_ld(html(response))["name"] == title


def test_add_to_my_calendar_links(client):
    fablab = Event.objects.get(title="Fablab ouvert")
    document = page_of(client, fablab)
    section = document.select_one("#add-to-calendar-title").parent
    ics, google, outlook = [a["href"] for a in section.select("a")]
    assert ics == f"{agenda_url()}evenement/{fablab.pk}/ical/"
    assert client.get(ics)["Content-Disposition"].startswith("attachment;")
    following = timezone.localtime(fablab.occurrences.upcoming().first().start)
    google = parse_qs(urlsplit(google).query)
    assert google["text"] == ["Fablab ouvert"] and google["ctz"] == ["Indian/Reunion"]
    assert google["dates"] == [f"{following:%Y%m%dT140000}/{following:%Y%m%dT170000}"]
    assert google["location"] == ["Local de Cyberun, 97426 Trois-Bassins"]
    assert outlook.startswith("https://outlook.live.com/calendar/0/action/compose?")
    outlook = parse_qs(urlsplit(outlook).query)
    assert outlook["startdt"] == [f"{following:%Y-%m-%d}T14:00:00+04:00"] and outlook["subject"] == ["Fablab ouvert"]
    assert all(a.get_text(strip=True) for a in section.select("a"))


def inside(point, polygon):
    """Even-odd rule: whether ``point`` lies inside ``polygon`` (lists of (x, y))."""
    x, y = point
    result = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            result = not result
    return result


def test_the_map_marks_the_place_on_the_island_without_any_tile_server(client):
    fablab = Event.objects.get(title="Fablab ouvert")
    document = page_of(client, fablab)
    section = document.select_one("#place-map-title").parent
    svg = section.select_one("svg")
    assert svg["role"] == "img" and svg.select_one("title").get_text(strip=True)
    assert not section.select("img, iframe, script")  # drawn inline: nothing to fetch
    transform = svg.select_one(".place-map__marker")["transform"]
    marker = tuple(float(n) for n in transform.removeprefix("translate(").removesuffix(")").split())
    coast = [tuple(map(float, point.split(","))) for point in svg.select_one("path")["d"][1:-2].split(" L")]
    assert 40 <= len(coast) <= 60
    assert inside(marker, coast)
    assert "97426 Trois-Bassins" in section.select_one("figcaption").get_text()
    osm = section.select_one("a[href^='https://www.openstreetmap.org/']")["href"]
    assert osm == "https://www.openstreetmap.org/?mlat=-21.10510&mlon=55.29370#map=16/-21.10510/55.29370"


def test_every_place_of_the_network_is_on_land_and_the_sea_is_not():
    for place in Place.objects.filter(latitude__isnull=False):
        assert inside(island.project(place.latitude, place.longitude), coast_points()), place.name
    assert not inside(island.project(-21.10, 55.20), coast_points())  # off Trois-Bassins, at sea
    assert inside(island.project(-21.12, 55.48), coast_points())  # Cilaos, in the middle


def coast_points():
    return [island.project(*point) for point in island.COAST]


def test_no_map_for_an_online_event(client, django_capture_on_commit_callbacks, cyberun):
    online = make_event(django_capture_on_commit_callbacks, owner=cyberun, online_url="https://visio.example.org/")
    assert page_of(client, online).select_one("#place-map-title") is None


@pytest.fixture
def neighbours(django_capture_on_commit_callbacks, cyberun):
    """Around a Cyberun workshop: what shares its theme, its organiser or its place, and what does not."""
    numerique = Theme.objects.filter(locale__language_code="fr", slug="numerique")
    lena = Place.objects.get(name="Pôle LENA")
    elsewhere = Organisation.objects.get(name="Pôle LENA")

    def make(title, days, **fields):
        fields.setdefault("owner", elsewhere)
        return make_event(django_capture_on_commit_callbacks, title=title, start=in_days(days), **fields)

    return {
        "event": make("Atelier soudure", 2, owner=cyberun, place=lena, themes=numerique),
        "hidden": [
            make("Brouillon voisin", 1, owner=cyberun, live=False),
            make("Réunion partenaires voisine", 1, owner=cyberun, visibility=Visibility.PARTNERS),
            make("Réunion interne voisine", 1, owner=cyberun, visibility=Visibility.ORGANISATION),
        ],
        "unrelated": make("Sans rapport", 1),
        "past": make("Déjà passé", -2, place=lena),
        "same_place": make("Même lieu", 1, place=lena),
    }


def related_titles(document):
    section = document.select_one("#related-events-title")
    return [a.get_text(strip=True) for a in section.parent.select("h3 a")] if section else []


def test_related_events_share_a_theme_an_organiser_or_a_place(client, neighbours):
    titles = related_titles(page_of(client, neighbours["event"]))
    # The nearest dates first: the new "Même lieu" (tomorrow), then Cyberun's own and the digital workshops.
    assert titles[0] == "Même lieu" and len(titles) == 3
    assert set(titles[1:]) <= {"Fablab ouvert", "Atelier numérique : déposer un dossier en ligne"}
    for title in ("Atelier soudure", "Sans rapport", "Déjà passé", *(e.title for e in neighbours["hidden"])):
        assert title not in titles


def test_related_events_are_in_the_visitor_language(client):
    fablab = Event.objects.get(title="Fablab ouvert")
    creole = fablab.get_translation(Locale.objects.get(language_code="rcf"))
    titles = related_titles(page_of(client, creole, "rcf"))
    assert "Latélié nimérik : dépoz in dosié an lign" in titles
    assert "Atelier numérique : déposer un dossier en ligne" not in titles


def test_hidden_events_have_no_page(client, neighbours):
    for event in neighbours["hidden"]:
        assert client.get(f"{agenda_url()}evenement/{event.pk}/").status_code == 404


def test_the_event_page_has_one_h1_then_h2_sections_then_h3_items(client):
    document = page_of(client, Event.objects.get(title="Fablab ouvert"))
    levels = [int(heading.name[1]) for heading in document.select("main h1, main h2, main h3")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels))
    for section in document.select("main section[aria-labelledby]"):
        assert document.find(id=section["aria-labelledby"]) is not None


def test_the_event_page_costs_the_same_queries_with_30_more_events(
    client, django_assert_num_queries, django_capture_on_commit_callbacks, cyberun
):
    fablab = Event.objects.get(title="Fablab ouvert")
    url = f"{agenda_url()}evenement/{fablab.pk}/"
    client.get(url)
    with django_assert_num_queries(EVENT_PAGE_QUERIES):
        before = related_titles(html(client.get(url)))
    add_events(django_capture_on_commit_callbacks, cyberun, fablab.place)
    with django_assert_num_queries(EVENT_PAGE_QUERIES):
        after = related_titles(html(client.get(url)))
    assert before != after and len(after) == 3


# 7 for Wagtail to find the page, 7 for the header and footer; the event, its next dates, the page's
# locale, the agenda page's address, the directory page (organiser's profile), the related events.
EVENT_PAGE_QUERIES = 22  # one of them: the rows of its family, for one address per language


def test_the_event_image_is_given_to_search_engines_as_an_absolute_address(
    client, django_capture_on_commit_callbacks, cyberun
):
    from wagtail.images import get_image_model

    image = get_image_model().objects.first()
    event = make_event(django_capture_on_commit_callbacks, owner=cyberun, image=image)
    (address,) = json_ld(page_of(client, event))["image"]
    assert address.startswith("http://testserver/") and address.endswith(".jpg")
    rendition = image.renditions.get()
    assert (rendition.width, rendition.height) == (1200, 675)
    assert address.endswith(rendition.url)
