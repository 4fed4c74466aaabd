"""Events: validation, stored occurrences over a bounded horizon, and who sees them."""

from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from agenda.models import Event, Occurrence
from agenda.recurrence import REUNION
from annuaire import access
from annuaire.access import Visibility
from annuaire.models import Organisation, Place

pytestmark = pytest.mark.django_db


@pytest.fixture
def alambic():
    return Organisation.objects.get(name="Médiathèque L'Alambic")


def make_event(owner, django_capture_on_commit_callbacks, **fields):
    values = {
        "title": "Atelier fabrication de savon",
        "start": datetime(2026, 12, 2, 17, 0, tzinfo=REUNION),
        "end": datetime(2026, 12, 2, 19, 0, tzinfo=REUNION),
        "owner": owner,
        "live": True,
        **fields,
    }
    event = Event(**values)
    event.full_clean()
    with django_capture_on_commit_callbacks(execute=True):
        access.share(event, visibility=fields.get("visibility", Visibility.PUBLIC))
    return event


def test_a_weekly_workshop_is_stored_as_occurrences_at_local_time(alambic, django_capture_on_commit_callbacks):
    event = make_event(alambic, django_capture_on_commit_callbacks, recurrence_rule="freq=weekly;byday=we;count=10")
    assert event.recurrence_rule == "FREQ=WEEKLY;BYDAY=WE;COUNT=10"
    occurrences = list(event.occurrences.all())
    assert len(occurrences) == 10
    assert all(
        o.start.astimezone(REUNION).hour == 17 and o.start.astimezone(REUNION).weekday() == 2 for o in occurrences
    )
    assert all(o.end - o.start == timedelta(hours=2) for o in occurrences)


def test_changing_the_rule_rewrites_the_occurrences(alambic, django_capture_on_commit_callbacks):
    event = make_event(alambic, django_capture_on_commit_callbacks, recurrence_rule="FREQ=WEEKLY;COUNT=4")
    event.recurrence_rule = "FREQ=WEEKLY;COUNT=2"
    event.excluded_dates = ["2026-12-09"]
    with django_capture_on_commit_callbacks(execute=True):
        event.save()
    assert [o.start.astimezone(REUNION).date().isoformat() for o in event.occurrences.all()] == ["2026-12-02"]


def test_a_rule_without_end_stops_at_the_horizon(alambic, django_capture_on_commit_callbacks):
    event = make_event(alambic, django_capture_on_commit_callbacks, recurrence_rule="FREQ=DAILY")
    last = event.occurrences.order_by("-start").first()
    assert event.occurrences.count() <= 500
    assert last.start <= event.start + timedelta(days=400)


def test_range_queries_find_what_happens_this_week(alambic, django_capture_on_commit_callbacks):
    event = make_event(alambic, django_capture_on_commit_callbacks, recurrence_rule="FREQ=WEEKLY;BYDAY=WE,SA;COUNT=8")
    week = datetime(2026, 12, 7, tzinfo=REUNION)
    this_week = Occurrence.objects.filter(event=event).between(week, week + timedelta(days=7))
    assert [o.start.astimezone(REUNION).day for o in this_week] == [9, 12]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"end": datetime(2026, 12, 2, 16, 0, tzinfo=REUNION)}, "end"),
        ({"recurrence_rule": "FREQ=SOMETIMES"}, "recurrence_rule"),
        ({"registration": "link"}, "registration_url"),
        ({"registration": "form"}, "capacity"),
        ({"is_free": False}, "price"),
    ],
)
def test_bad_input_is_refused_with_a_message_on_the_field(alambic, fields, field):
    values = {
        "title": "Marché éphémère",
        "start": datetime(2026, 12, 2, 18, 0, tzinfo=REUNION),
        "end": datetime(2026, 12, 2, 21, 0, tzinfo=REUNION),
        "owner": alambic,
    }
    event = Event(**{**values, **fields})
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert field in error.value.message_dict


def test_only_published_public_events_reach_the_public_site(alambic, django_capture_on_commit_callbacks):
    public = make_event(alambic, django_capture_on_commit_callbacks, title="Marché")
    draft = make_event(alambic, django_capture_on_commit_callbacks, title="Brouillon", live=False)
    partners = make_event(alambic, django_capture_on_commit_callbacks, title="Réunion", visibility=Visibility.PARTNERS)
    shown = set(Event.objects.for_public_site())
    assert public in shown and draft not in shown and partners not in shown
    assert partners not in set(Event.objects.visible_to(AnonymousUser()))


def test_events_follow_the_visibility_model(alambic, django_capture_on_commit_callbacks):
    from django.contrib.auth import get_user_model

    private = make_event(
        alambic, django_capture_on_commit_callbacks, title="Réunion interne", visibility=Visibility.ORGANISATION
    )
    insider = get_user_model().objects.get(username="membre@alambic.re")
    outsider = get_user_model().objects.get(username="membre@cyberun.re")
    assert Event.objects.visible_to(insider).filter(pk=private.pk).exists()
    assert not Event.objects.visible_to(outsider).filter(pk=private.pk).exists()


def test_all_day_events_start_at_local_midnight(alambic, django_capture_on_commit_callbacks):
    event = make_event(
        alambic,
        django_capture_on_commit_callbacks,
        title="Fête de la Case",
        all_day=True,
        start=datetime(2026, 12, 19, 0, 0, tzinfo=REUNION),
        end=datetime(2026, 12, 20, 0, 0, tzinfo=REUNION),
        place=Place.objects.get(name="La Case Rurale"),
    )
    occurrence = event.occurrences.get()
    assert occurrence.start == datetime(2026, 12, 19, tzinfo=REUNION)


def test_editors_create_events_in_the_admin(client):
    from django.urls import reverse

    from tests.factories import UserFactory
    from tests.helpers import sign_in_verified

    sign_in_verified(client, UserFactory(username="agenda@caserurale.re", is_staff=True, is_superuser=True))
    assert client.get(reverse("wagtailsnippets_agenda_event:add")).status_code == 200
    assert client.get(reverse("wagtailsnippets_agenda_event:list")).status_code == 200


def test_a_translation_shares_the_rights_and_themes_of_the_original(alambic, django_capture_on_commit_callbacks):
    """A partners-only event translated into Creole is seen by the same partners, in both languages."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Locale

    from annuaire.models import Theme

    event = make_event(alambic, django_capture_on_commit_callbacks, title="Réunion", visibility=Visibility.PARTNERS)
    with django_capture_on_commit_callbacks(execute=True):
        event.themes.set(Theme.objects.filter(locale=event.locale, slug="numerique"))
        translation = event.copy_for_translation(Locale.objects.get(language_code="rcf"))
        translation.title = "Rényon"
        translation.save()
    partner = get_user_model().objects.get(username="membre@cyberun.re")
    visible = set(Event.objects.visible_to(partner).filter(translation_key=event.translation_key))
    assert visible == {event, translation}
    assert not Event.objects.visible_to(AnonymousUser()).filter(pk=translation.pk).exists()
    assert [theme.slug for theme in translation.themes.all()] == ["numerique"]
    assert translation.uid == event.uid

    # Narrowing the original to its organisation narrows the translation too.
    with django_capture_on_commit_callbacks(execute=True):
        access.share(event, visibility=Visibility.ORGANISATION)
    assert not Event.objects.visible_to(partner).filter(pk=translation.pk).exists()


def test_a_change_of_schedule_bumps_the_sequence_and_keeps_the_uid(alambic, django_capture_on_commit_callbacks):
    event = make_event(alambic, django_capture_on_commit_callbacks)
    uid = event.uid
    event.summary = "Un mot de plus"
    event.save()
    assert event.sequence == 0
    event.start += timedelta(hours=1)
    event.end += timedelta(hours=1)
    event.save()
    event.status = Event.Status.CANCELLED
    event.save()
    event.refresh_from_db()
    assert (event.uid, event.sequence) == (uid, 2)
