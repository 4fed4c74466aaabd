"""The public agenda: published public events only, in the visitor's language, at a fixed cost in queries."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agenda.models import AgendaPage, Event
from annuaire import access
from annuaire.access import Visibility
from annuaire.models import Organisation

pytestmark = pytest.mark.django_db


def titles(response):
    return [a.get_text(strip=True) for a in BeautifulSoup(response.content, "html.parser").select(".agenda__title a")]


def agenda_url(language="fr"):
    return AgendaPage.objects.get(locale__language_code=language).url


def test_the_agenda_lists_public_events_by_day_in_french_and_creole(client):
    french = titles(client.get(agenda_url()))
    creole = titles(client.get(agenda_url("rcf")))
    assert "Atelier numérique : déposer un dossier en ligne" in french
    assert "Latélié nimérik : dépoz in dosié an lign" in creole
    assert "Atelier numérique : déposer un dossier en ligne" not in creole
    # Partners-only meetings never reach the public site.
    assert "Réunion du groupe pilote" not in french


def test_drafts_and_private_events_stay_off_the_public_agenda(client, django_capture_on_commit_callbacks):
    owner = Organisation.objects.get(name="Cyberun")
    start = timezone.now() + timedelta(days=2)
    for title, live, visibility in (
        ("Brouillon secret", False, Visibility.PUBLIC),
        ("Interne", True, Visibility.ORGANISATION),
    ):
        event = Event(title=title, owner=owner, start=start, end=start + timedelta(hours=1), live=live)
        with django_capture_on_commit_callbacks(execute=True):
            access.share(event, visibility=visibility)
    listed = titles(client.get(agenda_url()))
    assert "Brouillon secret" not in listed and "Interne" not in listed
    hidden = Event.objects.get(title="Interne")
    assert client.get(f"{agenda_url()}evenement/{hidden.pk}/").status_code == 404


def test_an_untranslated_event_shows_in_french_on_the_creole_agenda(client, django_capture_on_commit_callbacks):
    owner = Organisation.objects.get(name="Cyberun")
    start = timezone.now() + timedelta(days=1)
    event = Event(title="Réparation de vélos", owner=owner, start=start, end=start + timedelta(hours=2), live=True)
    with django_capture_on_commit_callbacks(execute=True):
        access.share(event, visibility=Visibility.PUBLIC)
    document = BeautifulSoup(client.get(agenda_url("rcf")).content, "html.parser")
    item = next(li for li in document.select(".agenda__event") if "Réparation de vélos" in li.get_text())
    assert item["lang"] == "fr"


def test_event_page_and_home_page(client):
    event = Event.objects.get(title="Fablab ouvert", locale__language_code="fr")
    response = client.get(f"{agenda_url()}evenement/{event.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Local de Cyberun" in body and "Chaque samedi" in body
    home = BeautifulSoup(client.get("/").content, "html.parser")
    assert home.select(".agenda__event"), "the home page shows the next events"


def test_agenda_queries_do_not_grow_with_events(client, django_capture_on_commit_callbacks):
    client.get(agenda_url())

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(agenda_url()).status_code == 200
        return len(queries)

    before = count()
    owner = Organisation.objects.get(name="Cyberun")
    for number in range(30):
        start = timezone.now() + timedelta(days=number % 20, hours=1)
        event = Event(title=f"Atelier {number}", owner=owner, start=start, end=start + timedelta(hours=1), live=True)
        with django_capture_on_commit_callbacks(execute=True):
            access.share(event, visibility=Visibility.PUBLIC)
    assert count() == before
