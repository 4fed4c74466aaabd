"""Hostile text from partners, in every shared object: stored as typed, never run."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from agenda.models import AgendaPage, Event
from annuaire.access import Visibility
from extranet.models import Resource
from tests.xss import PAYLOADS, assert_clean

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("payload", PAYLOADS[:3])
def test_a_partner_cannot_inject_markup_in_shared_objects(
    world, login, client, payload, django_capture_on_commit_callbacks
):
    client = login(world, "coordinator")
    client.post(
        reverse("extranet:resource_create"),
        {"owner": world.org_a.pk, "name": payload, "kind": "equipment", "description": payload, "conditions": payload},
    )
    resource = Resource.objects.get(name=payload)
    assert_clean(client.get(resource.get_absolute_url()))
    assert_clean(client.get(reverse("extranet:resource_list"), {"q": payload}))

    start = (timezone.localtime() + timedelta(days=2)).replace(minute=0, second=0, microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("extranet:event_create"),
            {
                "owner": world.org_a.pk,
                "title": payload,
                "summary": payload,
                "description_text": payload,
                "start": start.strftime("%Y-%m-%dT%H:%M"),
                "end": (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
                "is_free": "on",
                "registration": "none",
                "status": "scheduled",
            },
        )
        event = Event.objects.get(title=payload)
        client.post(reverse("extranet:event_share", args=[event.pk]), {"visibility": Visibility.PUBLIC})
    assert_clean(client.get(event.get_absolute_url()))
    page = AgendaPage.objects.get(locale__language_code="fr")
    public = client.get(page.url + f"evenement/{event.pk}/")
    assert public.status_code == 200
    assert_clean(public)
    assert_clean(client.get(page.url))
    assert_clean(client.get(page.url + f"mois/{start.year}/{start.month}/"))


def test_an_event_description_is_cleaned_when_saved(world):
    start = timezone.now() + timedelta(days=1)
    event = Event(
        owner=world.org_a,
        title="Atelier",
        description='<p>Venez <img src=x onerror="alert(1)"><script>alert(2)</script></p>',
        start=start,
        end=start + timedelta(hours=1),
    )
    event.save()
    event.refresh_from_db()
    assert event.description == "<p>Venez </p>"
