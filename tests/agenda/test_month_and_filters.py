"""The month grid and the filters of the public agenda."""

from datetime import date, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agenda.models import AgendaPage, Event
from agenda.recurrence import REUNION
from annuaire import access
from annuaire.access import Visibility
from annuaire.models import Organisation, Place, Theme

pytestmark = pytest.mark.django_db


def agenda(language="fr"):
    return AgendaPage.objects.get(locale__language_code=language)


def month_url(year, month, language="fr", query=""):
    page = agenda(language)
    return page.url + page.reverse_subpage("month", args=(year, month)) + (f"?{query}" if query else "")


def make_event(captured, title, start, **fields):
    event = Event(
        title=title,
        owner=fields.pop("owner", Organisation.objects.get(name="Cyberun")),
        start=start,
        end=start + timedelta(hours=2),
        live=True,
        **fields,
    )
    with captured(execute=True):
        access.share(event, visibility=fields.get("visibility", Visibility.PUBLIC))
    return event


def cell(document, day):
    return document.find("time", attrs={"datetime": day.isoformat()}).find_parent("td")


def list_titles(response):
    return [a.get_text(strip=True) for a in BeautifulSoup(response.content, "html.parser").select(".agenda__title a")]


def test_the_month_grid_shows_each_event_on_its_day(client, django_capture_on_commit_callbacks):
    make_event(django_capture_on_commit_callbacks, "Troc de graines", datetime(2027, 3, 10, 9, tzinfo=REUNION))
    make_event(
        django_capture_on_commit_callbacks,
        "Conseil interne",
        datetime(2027, 3, 10, 14, tzinfo=REUNION),
        visibility=Visibility.ORGANISATION,
    )
    response = client.get(month_url(2027, 3))
    assert response.status_code == 200
    document = BeautifulSoup(response.content, "html.parser")
    assert document.select_one("#month-title").get_text() == "Mars 2027"
    assert [th.get_text() for th in document.select(".month-grid th")] == [
        "Lun",
        "Mar",
        "Mer",
        "Jeu",
        "Ven",
        "Sam",
        "Dim",
    ]
    tenth = cell(document, date(2027, 3, 10))
    assert "09:00 Troc de graines" in tenth.get_text(" ", strip=True)
    assert "Conseil interne" not in response.content.decode()
    # Previous and next months are links, so the grid works without JavaScript.
    assert document.select_one("a[rel=prev]")["href"].endswith("/mois/2027/2/")
    assert document.select_one("a[rel=next]")["href"].endswith("/mois/2027/4/")


def test_the_month_grid_in_creole(client):
    document = BeautifulSoup(client.get(month_url(2027, 1, "rcf")).content, "html.parser")
    assert document.select_one("#month-title").get_text() == "Zanvié 2027"
    assert document.html["lang"] == "rcf"


def test_a_busy_day_shows_its_first_events_and_links_to_the_rest(client, django_capture_on_commit_callbacks):
    for hour in range(8, 15):
        make_event(
            django_capture_on_commit_callbacks, f"Atelier de {hour} h", datetime(2027, 5, 4, hour, tzinfo=REUNION)
        )
    document = BeautifulSoup(client.get(month_url(2027, 5)).content, "html.parser")
    fourth = cell(document, date(2027, 5, 4))
    assert len(fourth.select(".month-grid__events li")) == 4
    more = fourth.select_one(".month-grid__more")
    assert more.get_text(strip=True) == "3 autres événements le 4 mai"
    listed = list_titles(client.get(more["href"]))
    assert listed == [f"Atelier de {hour} h" for hour in range(8, 15)]


def test_month_pages_outside_the_calendar_are_not_found(client):
    assert client.get(month_url(2027, 13)).status_code == 404
    assert client.get(agenda().url + "mois/1999/12/").status_code == 404
    this_month = client.get(agenda().url + "mois/?gratuit=1")
    today = timezone.localdate()
    assert this_month["Location"].endswith(f"/mois/{today.year}/{today.month}/?gratuit=1")


def test_filters_narrow_the_list_and_the_month(client, django_capture_on_commit_callbacks):
    start = (timezone.localtime() + timedelta(days=2)).replace(hour=10, minute=0, second=0, microsecond=0)
    digital = make_event(django_capture_on_commit_callbacks, "Initiation tablette", start, is_free=True)
    digital.themes.set(Theme.objects.filter(locale=digital.locale, slug="numerique"))
    make_event(
        django_capture_on_commit_callbacks,
        "Visite de ferme",
        start,
        is_free=False,
        price="5 €",
        accessible_motor=True,
        place=Place.objects.get(name="La Case Rurale"),
    )
    url = agenda().url
    by_theme = list_titles(client.get(url + "?theme=numerique"))
    assert "Initiation tablette" in by_theme and "Visite de ferme" not in by_theme
    paying = list_titles(client.get(url + "?gratuit=1"))
    assert "Initiation tablette" in paying and "Visite de ferme" not in paying
    accessible = list_titles(client.get(url + "?accessible=motor&lieu=la-case-rurale"))
    assert "Visite de ferme" in accessible and "Initiation tablette" not in accessible
    month = client.get(month_url(start.year, start.month, query="theme=numerique")).content.decode()
    assert "Initiation tablette" in month and "Visite de ferme" not in month
    # The filters travel with the links between the two views.
    document = BeautifulSoup(client.get(url + "?theme=numerique").content, "html.parser")
    assert "theme=numerique" in document.select(".view-switch a")[1]["href"]


def test_a_period_can_be_chosen_and_a_wrong_one_is_explained(client, django_capture_on_commit_callbacks):
    make_event(django_capture_on_commit_callbacks, "Fête des Hauts", datetime(2027, 2, 14, 10, tzinfo=REUNION))
    url = agenda().url
    assert "Fête des Hauts" in list_titles(client.get(url + "?du=2027-02-01&au=2027-02-28"))
    assert "Fête des Hauts" not in list_titles(client.get(url + "?du=2027-03-01&au=2027-03-31"))
    wrong = BeautifulSoup(client.get(url + "?du=2027-02-28&au=2027-02-01").content, "html.parser")
    assert "La fin de la période ne peut pas être avant son début." in wrong.select_one(".form__error").get_text()
    assert wrong.select_one("#id_du")["value"] == "2027-02-28"
    creole = BeautifulSoup(client.get(agenda("rcf").url + "?du=2027-02-28&au=2027-02-01").content, "html.parser")
    assert creole.select_one(".form__error").get_text() != wrong.select_one(".form__error").get_text()


@pytest.mark.parametrize("view", ["list", "month"])
def test_agenda_queries_stay_the_same_as_events_grow(client, django_capture_on_commit_callbacks, view):
    today = timezone.localdate()
    url = agenda().url if view == "list" else month_url(today.year, today.month)
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url + ("&" if "?" in url else "?") + "gratuit=1").status_code == 200
        return len(queries)

    before = count()
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    for number in range(40):
        make_event(django_capture_on_commit_callbacks, f"Atelier {number}", start + timedelta(days=number % 25))
    assert count() == before
