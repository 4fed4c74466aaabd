"""Partners share events in the partners' space: at once for partners, after moderation for the public."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from agenda.models import AgendaPage, Event
from annuaire.access import Visibility
from annuaire.models import Theme

pytestmark = pytest.mark.django_db


def form_data(world, **overrides):
    start = (timezone.localtime() + timedelta(days=2)).replace(hour=14, minute=0, second=0, microsecond=0)
    data = {
        "owner": world.org_a.pk,
        "title": "Atelier réparation",
        "summary": "On répare ensemble.",
        "description_text": "Apportez vos objets.\n\n<script>alert(1)</script>",
        "start": start.strftime("%Y-%m-%dT%H:%M"),
        "end": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "repeat": "weekly",
        "repeat_until": (start + timedelta(days=21)).date().isoformat(),
        "themes": [Theme.objects.get(locale__language_code="fr", slug="artisanat").pk],
        "is_free": "on",
        "registration": "none",
        "status": "scheduled",
    }
    data.update(overrides)
    return data


def create(client, world, django_capture_on_commit_callbacks, **overrides):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("extranet:event_create"), form_data(world, **overrides))
    return response


def public_agenda_titles(client):
    page = AgendaPage.objects.get(locale__language_code="fr")
    document = BeautifulSoup(client.get(page.url).content, "html.parser")
    return [a.get_text(strip=True) for a in document.select(".agenda__title a")]


def test_a_partner_shares_a_weekly_workshop_with_the_network(world, login, client, django_capture_on_commit_callbacks):
    login(world, "member_a")
    response = create(client, world, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    event = Event.objects.get(title="Atelier réparation")
    assert event.recurrence_rule.startswith("FREQ=WEEKLY;BYDAY=")
    assert event.occurrences.count() == 4
    assert [theme.slug for theme in event.themes.all()] == ["artisanat"]
    # What partners type is shown as text, never run as markup.
    assert "<script>" not in event.description and "&lt;script&gt;" in event.description
    # New events start visible to their organisation only.
    assert event.visibility == Visibility.ORGANISATION and event.live

    login(world, "admin_a")
    client.post(reverse("extranet:event_share", args=[event.pk]), {"visibility": Visibility.PARTNERS})
    login(world, "member_b")
    assert client.get(reverse("extranet:event_detail", args=[event.pk])).status_code == 200
    today = timezone.localdate()
    month = client.get(reverse("extranet:event_month", args=[today.year, today.month])).content.decode()
    next_month = today.replace(day=28) + timedelta(days=4)
    month += client.get(reverse("extranet:event_month", args=[next_month.year, next_month.month])).content.decode()
    assert "Atelier réparation" in month
    assert "Rencontre organisation de A" not in month  # A's internal meeting stays A's


def test_the_new_event_form_needs_no_field_it_does_not_show(world, login, client, django_capture_on_commit_callbacks):
    login(world, "member_a")
    form = BeautifulSoup(client.get(reverse("extranet:event_create")).content, "html.parser").select_one("form.form")
    assert form.select('[name="status"]') == []
    data = form_data(world)
    del data["status"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("extranet:event_create"), data)
    assert response.status_code == 302
    assert Event.objects.get(title="Atelier réparation").status == Event.Status.SCHEDULED


def test_a_public_event_from_a_partner_waits_for_an_editor(world, login, client, django_capture_on_commit_callbacks):
    login(world, "admin_a")
    create(client, world, django_capture_on_commit_callbacks)
    event = Event.objects.get(title="Atelier réparation")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("extranet:event_share", args=[event.pk]), {"visibility": Visibility.PUBLIC}, follow=True
        )
    assert "vérifiera cet événement" in response.content.decode()
    event.refresh_from_db()
    assert not event.live and event.latest_revision is not None
    assert "Atelier réparation" not in public_agenda_titles(client)

    # An editor publishes the draft: the event reaches the public agenda.
    with django_capture_on_commit_callbacks(execute=True):
        event.latest_revision.publish()
    assert "Atelier réparation" in public_agenda_titles(client)

    # Later changes by the partner wait as a draft; the public keeps the published version.
    login(world, "admin_a")
    client.post(reverse("extranet:event_edit", args=[event.pk]), form_data(world, title="Atelier réparation modifié"))
    event.refresh_from_db()
    assert event.title == "Atelier réparation" and event.has_unpublished_changes
    assert "Atelier réparation modifié" not in public_agenda_titles(client)


def test_a_coordinator_publishes_for_the_public_at_once(world, login, client, django_capture_on_commit_callbacks):
    login(world, "coordinator")
    create(client, world, django_capture_on_commit_callbacks)
    event = Event.objects.get(title="Atelier réparation")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("extranet:event_share", args=[event.pk]), {"visibility": Visibility.PUBLIC})
    assert "Atelier réparation" in public_agenda_titles(client)


def test_bad_dates_are_explained_and_what_was_typed_is_kept(world, login, client, django_capture_on_commit_callbacks):
    login(world, "member_a")
    data = form_data(world)
    response = create(client, world, django_capture_on_commit_callbacks, end=data["start"], start=data["end"])
    assert response.status_code == 400
    document = BeautifulSoup(response.content, "html.parser")
    assert "ne peut pas finir avant de commencer" in document.get_text()
    assert document.select_one("#id_title")["value"] == "Atelier réparation"
    until = (timezone.localdate() - timedelta(days=3)).isoformat()
    response = create(client, world, django_capture_on_commit_callbacks, repeat_until=until)
    assert "ne peut pas s'arrêter avant la première date" in BeautifulSoup(response.content, "html.parser").get_text()
    assert not Event.objects.filter(title="Atelier réparation").exists()


def test_the_dashboard_shows_what_is_coming_up(world, login, client):
    Event.objects.exclude(owner=world.org_a).delete()  # a quiet fortnight: A's meetings only
    login(world, "member_b")
    section = BeautifulSoup(client.get(reverse("extranet:dashboard")).content, "html.parser").select_one(
        "#section-calendar"
    )
    text = section.find_parent("section").get_text()
    assert "Rencontre partners de A" in text and "Rencontre organisation de A" not in text
