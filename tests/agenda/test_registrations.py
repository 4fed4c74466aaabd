"""Registering for a workshop with a capacity: the form, the count per date, the e-mail, the cancel link."""

import email
import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from agenda import registrations
from agenda.models import AgendaPage, Event, Registration
from annuaire import access
from annuaire.access import Visibility
from annuaire.models import Organisation, Place

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(django_capture_on_commit_callbacks):
    start = (timezone.localtime() + timedelta(days=3)).replace(hour=17, minute=0, second=0, microsecond=0)
    event = Event(
        title="Atelier compost",
        owner=Organisation.objects.get(name="Médiathèque L'Alambic"),
        place=Place.objects.get(name="La Case Rurale"),
        start=start,
        end=start + timedelta(hours=2),
        recurrence_rule="FREQ=WEEKLY;COUNT=3",
        registration=Event.Registration.FORM,
        capacity=3,
        live=True,
    )
    event.full_clean()
    with django_capture_on_commit_callbacks(execute=True):
        access.share(event, visibility=Visibility.PUBLIC)
    return event


def register_url(event, language="fr"):
    page = AgendaPage.objects.get(locale__language_code=language)
    return page.url + page.reverse_subpage("register", args=(event.pk,))


def first_date(client, event):
    document = BeautifulSoup(client.get(register_url(event)).content, "html.parser")
    return [radio["value"] for radio in document.select("input[name=date]")]


def post(client, event, django_capture_on_commit_callbacks, language="fr", **fields):
    data = {"date": first_date(client, event)[0], "name": "Marie Payet", "email": "marie@example.re", "seats": "1"}
    data.update(fields)
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(register_url(event, language), data)


def test_a_resident_books_a_place_and_gets_a_confirmation_by_email(
    client, workshop, smtp_inbox, django_capture_on_commit_callbacks
):
    event_page = client.get(AgendaPage.objects.get(locale__language_code="fr").url + f"evenement/{workshop.pk}/")
    assert "3 places restantes" in event_page.content.decode()
    response = post(client, workshop, django_capture_on_commit_callbacks, seats="2")
    assert response.status_code == 302
    assert "Votre place est réservée" in client.get(response["Location"]).content.decode()
    registration = Registration.objects.get()
    assert (registration.seats, registration.email, registration.language) == (2, "marie@example.re", "fr")

    message = email.message_from_bytes(smtp_inbox.wait_for(1, timeout=5)[0].content)
    body = message.get_payload(decode=True).decode()
    assert "Atelier compost" in message["Subject"] and message["To"] == "marie@example.re"
    assert "pour 2 personnes" in body and "La Case Rurale" in body and "17:00" in body

    # The cancel link in the e-mail frees the places.
    cancel_url = re.search(r"https?://\S+/inscription/annuler/\d+/\w+/", body).group(0)
    path = cancel_url.split("testserver", 1)[-1]
    assert "Oui, annuler mon inscription" in client.get(path).content.decode()
    client.post(path)
    assert not Registration.objects.exists()
    assert "ne correspond à aucune inscription" in client.get(path).content.decode()


def test_the_last_places_cannot_be_overbooked(client, workshop, django_capture_on_commit_callbacks):
    post(client, workshop, django_capture_on_commit_callbacks, seats="2")
    response = post(client, workshop, django_capture_on_commit_callbacks, seats="2", email="paul@example.re")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Il ne reste que 1 place à cette date." in body
    # What was typed is kept.
    assert 'value="paul@example.re"' in body
    post(client, workshop, django_capture_on_commit_callbacks, seats="1", email="paul@example.re")
    assert sum(Registration.objects.values_list("seats", flat=True)) == 3
    # The full date is no longer offered; the next dates still are.
    dates = first_date(client, workshop)
    assert len(dates) == 2


def test_the_same_address_cannot_register_twice_for_one_date(client, workshop, django_capture_on_commit_callbacks):
    post(client, workshop, django_capture_on_commit_callbacks)
    response = post(client, workshop, django_capture_on_commit_callbacks, email="MARIE@example.re")
    assert response.status_code == 400
    assert "Cette adresse est déjà inscrite à cette date." in response.content.decode()
    assert Registration.objects.count() == 1


def test_bad_input_is_explained_in_creole_and_nothing_is_stored(client, workshop, django_capture_on_commit_callbacks):
    response = post(client, workshop, django_capture_on_commit_callbacks, "rcf", email="pa-in-imèl", seats="40")
    assert response.status_code == 400
    document = BeautifulSoup(response.content, "html.parser")
    assert document.select_one("#id_email")["aria-invalid"] == "true"
    assert document.select_one("#id_seats")["value"] == "40"
    assert not Registration.objects.exists()


def test_a_registration_counts_across_translations(workshop, django_capture_on_commit_callbacks):
    from wagtail.models import Locale

    with django_capture_on_commit_callbacks(execute=True):
        creole = workshop.copy_for_translation(Locale.objects.get(language_code="rcf"))
        creole.title = "Latélié kompos"
        creole.save()
    start = workshop.occurrences.first().start
    registrations.register(workshop, occurrence_start=start, name="A", email="a@example.re", seats=2, language="fr")
    with pytest.raises(registrations.RegistrationRefused) as refusal:
        registrations.register(creole, occurrence_start=start, name="B", email="b@example.re", seats=2, language="rcf")
    assert (refusal.value.reason, refusal.value.remaining) == (registrations.FULL, 1)


def test_no_registration_form_for_cancelled_or_unregistered_events(client, workshop):
    workshop.status = Event.Status.CANCELLED
    workshop.save()
    assert client.get(register_url(workshop)).status_code == 404
    fablab = Event.objects.get(title="Fablab ouvert", locale__language_code="fr")
    assert client.get(register_url(fablab)).status_code == 404


def test_a_bot_filling_the_honeypot_books_nothing(client, workshop, django_capture_on_commit_callbacks):
    response = post(client, workshop, django_capture_on_commit_callbacks, website="http://spam.example")
    assert response.status_code == 302
    assert not Registration.objects.exists()
