"""The contact form: stored, e-mailed to the team, errors that keep what was typed, a honeypot for bots."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from home.models import ContactPage, ContactSubmission

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Marie-Claude Payet",
    "email": "mc.payet@example.re",
    "subject": "Un projet de jardin partagé",
    "message": "Bonjour, je voudrais créer un jardin partagé dans mon quartier. Qui peut m’aider ?",
}


@pytest.fixture
def contact_url():
    return ContactPage.objects.get(locale__language_code="fr").url


def test_valid_message_is_stored_and_sent_to_the_team(
    client, contact_url, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(contact_url, VALID)

    assert response.status_code == 302
    assert response["Location"] == contact_url + "merci/"
    submission = ContactSubmission.objects.get()
    assert submission.email == VALID["email"]
    assert submission.language == "fr"
    assert submission.notified_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [settings.CONTACT_EMAIL]
    assert VALID["message"] in mail.outbox[0].body
    assert "Un projet de jardin partagé" in mail.outbox[0].subject
    thanks = client.get(response["Location"])
    assert "Merci, votre message a bien été envoyé." in thanks.content.decode()


def test_invalid_message_keeps_what_was_typed_and_says_what_to_fix(client, contact_url):
    response = client.post(contact_url, {**VALID, "email": "pas-une-adresse", "subject": ""})

    assert response.status_code == 400
    document = BeautifulSoup(response.content, "html.parser")
    assert document.select_one("#id_name")["value"] == VALID["name"]
    # HTML ignores the newline Django writes right after <textarea>.
    assert document.select_one("#id_message").get_text().removeprefix("\n") == VALID["message"]
    assert document.select_one("#id_email")["value"] == "pas-une-adresse"
    summary = document.select_one("#form-errors").get_text()
    assert "Saisissez une adresse e-mail valide." in summary or "Saisissez une adresse électronique valide." in summary
    assert "Ce champ est obligatoire." in summary
    assert document.select_one("#id_email")["aria-invalid"] == "true"
    assert "id_email-error" in document.select_one("#id_email")["aria-describedby"]
    assert ContactSubmission.objects.count() == 0
    assert mail.outbox == []


def test_errors_are_in_creole_on_the_creole_page(client):
    url = ContactPage.objects.get(locale__language_code="rcf").url
    response = client.post(url, {**VALID, "email": "pa-bon", "subject": ""})

    assert response.status_code == 400
    summary = BeautifulSoup(response.content, "html.parser").select_one("#form-errors").get_text()
    assert "obligatoire" not in summary and "required" not in summary
    assert "Saisissez" not in summary and "Enter a valid" not in summary


def test_honeypot_silently_drops_bots(client, contact_url):
    response = client.post(contact_url, {**VALID, "website": "http://spam.example"})

    assert response.status_code == 302
    assert ContactSubmission.objects.count() == 0
    assert mail.outbox == []


def test_honeypot_is_hidden_from_people(client, contact_url):
    document = BeautifulSoup(client.get(contact_url).content, "html.parser")
    honeypot = document.select_one("#id_website")
    assert honeypot["tabindex"] == "-1"
    assert honeypot.find_parent(class_="honeypot")["aria-hidden"] == "true"
    for field in ("name", "email", "subject", "message"):
        assert document.select_one(f'label[for="id_{field}"]'), f"{field} has no label"
