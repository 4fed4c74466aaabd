"""Importing partners' iCalendar feeds, fetched for real from a local HTTP calendar_server.

The sample calendars in calendars/ imitate what Google Calendar, Outlook and Nextcloud publish.
"""

from datetime import datetime
from pathlib import Path

import pytest
from django.utils import timezone, translation

from agenda import importer
from agenda.models import AgendaPage, CalendarSource, Event
from agenda.recurrence import REUNION
from annuaire.access import Visibility
from annuaire.models import Organisation, Place
from caserurale import remote

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("local_network")]

CALENDARS = Path(__file__).resolve().parent / "calendars"
WORKSHOP_UID = "4k2v9p1q8s7r6t5u3w0x@google.com"
FETE_UID = "1a2b3c4d5e6f7g8h9i0j@google.com"
REPAIR_UID = "repair-cafe-20261205@google.com"


def local(*args):
    return datetime(*args, tzinfo=REUNION)


@pytest.fixture
def feed(calendar_server):
    """A feed whose content each test sets: ``feed.serve(text)``; no ETag, so it is parsed every time."""

    class Feed:
        url = calendar_server.url("/feed.ics")

        def serve(self, body, status=200, content_type="text/calendar; charset=utf-8"):
            data = body if isinstance(body, bytes) else body.encode()
            calendar_server.routes["/feed.ics"] = (status, {"Content-Type": content_type}, data)

        def serve_file(self, name):
            self.serve((CALENDARS / name).read_bytes())

    yield Feed()
    calendar_server.routes.clear()


@pytest.fixture
def cyberun():
    return Organisation.objects.get(name="Cyberun")


def make_source(organisation, url, **fields):
    return CalendarSource.objects.create(
        organisation=organisation, name="Agenda de Cyberun", url=url, visibility=Visibility.PUBLIC, **fields
    )


def run(source, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return importer.import_source(source, **kwargs)


def imported(source, **lookup):
    return Event.objects.get(source=source, locale__language_code="fr", **lookup)


def local_starts(event):
    return [timezone.localtime(o.start).strftime("%Y-%m-%d %H:%M") for o in event.occurrences.all()]


# --- Google ----------------------------------------------------------------------------------------


def test_a_google_calendar_is_imported_at_the_right_local_times(cyberun, feed, django_capture_on_commit_callbacks):
    feed.serve_file("google.ics")
    source = make_source(cyberun, feed.url, publish_directly=True)
    summary = run(source, django_capture_on_commit_callbacks)

    assert (summary.created, summary.updated, summary.deleted, summary.skipped) == (4, 0, 0, [])
    workshop = imported(source, uid=WORKSHOP_UID, recurrence_id=None)
    assert workshop.title == "Atelier numérique, accès aux droits"
    assert (timezone.localtime(workshop.start), timezone.localtime(workshop.end)) == (
        local(2026, 12, 2, 17),
        local(2026, 12, 2, 19),
    )
    assert workshop.recurrence_rule == "FREQ=WEEKLY;BYDAY=WE;UNTIL=20270127T130000Z"
    # The EXDATE and the date moved by the override are both out of the series.
    assert workshop.excluded_dates == ["2026-12-16T17:00:00+04:00", "2026-12-30T17:00:00+04:00"]
    assert local_starts(workshop) == [
        "2026-12-02 17:00",
        "2026-12-09 17:00",
        "2026-12-23 17:00",
        "2027-01-06 17:00",
        "2027-01-13 17:00",
        "2027-01-20 17:00",
        "2027-01-27 17:00",
    ]
    assert workshop.place == Place.objects.get(name="Médiathèque L'Alambic")
    # Escaped commas, \n and folded lines: two paragraphs, one line break.
    assert workshop.description == (
        "<p>Venez avec vos identifiants (CAF, Ameli, impots.gouv).<br>Apportez votre téléphone, si possible.</p>"
        "<p>Inscription conseillée auprès de l'accueil : 0262 00 00 00.</p>"
    )

    moved = imported(source, uid=WORKSHOP_UID, recurrence_id=local(2026, 12, 16, 17))
    assert local_starts(moved) == ["2026-12-16 14:00"]
    assert moved.title.endswith("(exceptionnellement à 14 h)")

    fete = imported(source, uid=FETE_UID)
    assert fete.all_day and fete.place.name == "Local de Cyberun"
    assert (fete.start, fete.end) == (local(2026, 12, 20), local(2026, 12, 21))
    assert [o.start for o in fete.occurrences.all()] == [local(2026, 12, 20)]
    # Remote HTML is text, never markup: no script, no javascript: link; the URL is kept as a link.
    assert "<script" not in fete.description and "javascript:" not in fete.description
    assert "<b>" not in fete.description and "Programme : démonstrations d" in fete.description
    assert '<a href="https://cyberun.example/fet-kaf-2026">' in fete.description

    repair = imported(source, uid=REPAIR_UID)
    assert timezone.localtime(repair.start) == local(2026, 12, 5, 9)  # floating, read in X-WR-TIMEZONE
    assert repair.place is None
    assert "<p>Lieu : 12 chemin des Fleurs, Trois-Bassins</p>" in repair.description

    source.refresh_from_db()
    assert source.last_error == "" and source.last_success_at is not None
    assert source.last_summary["created"] == 4


def test_trusted_imports_are_public_and_untrusted_ones_wait_as_drafts(
    client, cyberun, feed, django_capture_on_commit_callbacks
):
    feed.serve_file("google.ics")
    trusted = make_source(cyberun, feed.url, publish_directly=True)
    run(trusted, django_capture_on_commit_callbacks)
    agenda = AgendaPage.objects.get(locale__language_code="fr").url
    event = imported(trusted, uid=REPAIR_UID)
    assert event.live and event in Event.objects.for_public_site()
    assert client.get(f"{agenda}evenement/{event.pk}/").status_code == 200

    other = Organisation.objects.get(name="Médiathèque L'Alambic")
    untrusted = make_source(other, feed.url)
    run(untrusted, django_capture_on_commit_callbacks)
    draft = imported(untrusted, uid=REPAIR_UID)
    assert not draft.live and draft.has_unpublished_changes
    assert draft.latest_revision is not None and draft.owner == other
    assert draft not in Event.objects.for_public_site()
    assert client.get(f"{agenda}evenement/{draft.pk}/").status_code == 404


def test_a_second_import_of_the_same_feed_changes_nothing(cyberun, feed, django_capture_on_commit_callbacks):
    from wagtail.models import Revision

    feed.serve_file("google.ics")
    source = make_source(cyberun, feed.url, publish_directly=True)
    run(source, django_capture_on_commit_callbacks)
    revisions = Revision.objects.count()
    sequences = dict(Event.objects.filter(source=source).values_list("pk", "sequence"))

    summary = run(source, django_capture_on_commit_callbacks)
    assert (summary.created, summary.updated, summary.deleted, summary.unchanged) == (0, 0, 0, 4)
    assert Revision.objects.count() == revisions
    assert dict(Event.objects.filter(source=source).values_list("pk", "sequence")) == sequences


def test_an_unchanged_file_answers_not_modified(cyberun, calendar_server, django_capture_on_commit_callbacks):
    source = make_source(cyberun, calendar_server.url("/calendars/google.ics"), publish_directly=True)
    run(source, django_capture_on_commit_callbacks)
    assert source.etag
    summary = run(source, django_capture_on_commit_callbacks)
    assert summary.not_modified and summary.unchanged == 4
    assert calendar_server.requests[-1][1]["If-None-Match"] == source.etag


def test_an_updated_feed_updates_deletes_and_bumps_the_sequence(cyberun, feed, django_capture_on_commit_callbacks):
    google = (CALENDARS / "google.ics").read_bytes().decode()
    feed.serve(google)
    source = make_source(cyberun, feed.url, publish_directly=True)
    run(source, django_capture_on_commit_callbacks)
    fete_pk = imported(source, uid=FETE_UID).pk

    # The repair café moves to 14:00, the workshop is renamed, the party is removed from the calendar.
    changed = google.replace("DTSTART:20261205T090000", "DTSTART:20261205T140000").replace(
        "DTEND:20261205T120000", "DTEND:20261205T170000"
    )
    changed = changed.replace("SUMMARY:Atelier numérique\\, accès aux droits\r\n", "SUMMARY:Atelier numérique\r\n")
    start = changed.index("BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261220")
    changed = changed[:start] + changed[changed.index("END:VEVENT\r\n", start) + len("END:VEVENT\r\n") :]
    feed.serve(changed)
    summary = run(source, django_capture_on_commit_callbacks)

    assert (summary.created, summary.updated, summary.deleted, summary.unchanged) == (0, 2, 1, 1)
    repair = imported(source, uid=REPAIR_UID)
    assert local_starts(repair) == ["2026-12-05 14:00"]
    assert repair.sequence == 1  # the schedule changed: calendar applications must replace their copy
    workshop = imported(source, uid=WORKSHOP_UID, recurrence_id=None)
    assert (workshop.title, workshop.sequence) == ("Atelier numérique", 0)  # words only: same sequence
    assert not Event.objects.filter(pk=fete_pk).exists()


def test_events_of_other_sources_and_organisations_are_never_deleted(cyberun, feed, django_capture_on_commit_callbacks):
    feed.serve_file("google.ics")
    first = make_source(cyberun, feed.url, publish_directly=True)
    run(first, django_capture_on_commit_callbacks)
    second = make_source(cyberun, feed.url + "?other", publish_directly=True)
    feed.serve_file("nextcloud.ics")
    run(second, django_capture_on_commit_callbacks)
    hand_made = Event.objects.filter(owner=cyberun, source=None).count()
    assert hand_made > 0  # the demo's Fablab

    feed.serve("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
    summary = run(second, django_capture_on_commit_callbacks)
    assert summary.deleted == 4
    assert Event.objects.filter(source=second).count() == 0
    assert Event.objects.filter(source=first, locale__language_code="fr").count() == 4
    assert Event.objects.filter(owner=cyberun, source=None).count() == hand_made


@pytest.mark.parametrize(
    ("serve", "code"),
    [
        (lambda feed: feed.serve_file("not-a-calendar.html"), "not_calendar"),
        (lambda feed: feed.serve("Service indisponible", status=503), "http_status: 503"),
        (lambda feed: feed.serve(b"\x89PNG\r\n\x1a\n\x00\x00binary"), "not_calendar"),
        (lambda feed: feed.serve("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n"), "unreadable"),
    ],
)
def test_a_broken_feed_keeps_the_events_and_records_the_error(
    cyberun, feed, django_capture_on_commit_callbacks, serve, code
):
    feed.serve_file("google.ics")
    source = make_source(cyberun, feed.url, publish_directly=True)
    run(source, django_capture_on_commit_callbacks)
    source.refresh_from_db()
    succeeded = source.last_success_at

    serve(feed)
    with pytest.raises((remote.FetchError, importer.FeedError)):
        run(source, django_capture_on_commit_callbacks)
    source.refresh_from_db()
    assert source.last_error.startswith(code)
    assert source.last_success_at == succeeded and source.last_attempt_at > succeeded
    assert Event.objects.filter(source=source, locale__language_code="fr").count() == 4
    assert source.last_summary["created"] == 4  # the summary of the last import that worked


def test_the_error_is_said_in_plain_words():
    with translation.override("en"):
        assert importer.error_message("http_status: 404") == (
            "The site answered with an error (HTTP 404): check that the calendar is public."
        )
        assert importer.error_message("address: 10.0.0.1").startswith("This address points to a private")
        assert importer.error_message("something new") == "something new"
    assert importer.error_message("") == ""


def test_an_address_inside_our_network_is_refused_and_recorded(cyberun, settings):
    settings.REMOTE_FETCH_ALLOWED_NETWORKS = []
    source = make_source(cyberun, "http://169.254.169.254/latest/meta-data")
    with pytest.raises(remote.FetchError):
        importer.import_source(source)
    source.refresh_from_db()
    assert source.last_error.startswith("address") and source.last_success_at is None


def test_an_untrusted_update_leaves_the_published_version_until_an_editor_approves(
    cyberun, feed, django_capture_on_commit_callbacks
):
    google = (CALENDARS / "google.ics").read_bytes().decode()
    feed.serve(google)
    source = make_source(cyberun, feed.url)
    run(source, django_capture_on_commit_callbacks)
    repair = imported(source, uid=REPAIR_UID)
    with django_capture_on_commit_callbacks(execute=True):
        repair.latest_revision.publish()  # an editor approves it
    repair.refresh_from_db()
    assert repair.live and local_starts(repair) == ["2026-12-05 09:00"]

    feed.serve(google.replace("DTSTART:20261205T090000", "DTSTART:20261205T100000"))
    summary = run(source, django_capture_on_commit_callbacks)
    assert summary.updated == 1
    repair.refresh_from_db()
    # The public keeps the approved time; the new one waits in a draft revision.
    assert repair.live and repair.has_unpublished_changes
    assert timezone.localtime(repair.start) == local(2026, 12, 5, 9) and repair.sequence == 0
    assert local_starts(repair) == ["2026-12-05 09:00"]
    assert timezone.localtime(repair.get_latest_revision_as_object().start) == local(2026, 12, 5, 10)

    # Imported again, the same draft is not written twice.
    summary = run(source, django_capture_on_commit_callbacks)
    assert (summary.updated, summary.unchanged) == (0, 4)

    with django_capture_on_commit_callbacks(execute=True):
        repair.latest_revision.publish()
    repair.refresh_from_db()
    assert local_starts(repair) == ["2026-12-05 10:00"] and repair.sequence == 1


def test_the_visibility_of_the_source_applies_to_its_events(cyberun, feed, django_capture_on_commit_callbacks):
    from django.contrib.auth import get_user_model

    feed.serve_file("google.ics")
    source = make_source(cyberun, feed.url, publish_directly=True)
    source.visibility = Visibility.ORGANISATION
    source.save()
    run(source, django_capture_on_commit_callbacks)
    insider = get_user_model().objects.get(username="membre@cyberun.re")
    outsider = get_user_model().objects.get(username="membre@alambic.re")
    events = Event.objects.filter(source=source)
    assert events.visible_to(insider).count() == 4
    assert events.visible_to(outsider).count() == 0
    assert not Event.objects.for_public_site().filter(source=source).exists()


# --- Outlook, Nextcloud, broken files --------------------------------------------------------------


def test_an_outlook_calendar_with_windows_time_zones(cyberun, feed, django_capture_on_commit_callbacks):
    feed.serve_file("outlook.ics")
    source = make_source(cyberun, feed.url, publish_directly=True)
    summary = run(source, django_capture_on_commit_callbacks)
    assert (summary.created, summary.skipped) == (2, [])

    baskets = imported(source, title="Distribution de paniers solidaires")
    assert local_starts(baskets) == [f"{day} 09:30" for day in ("2026-12-04", "2026-12-11", "2026-12-18")] + [
        f"{day} 09:30" for day in ("2026-12-25", "2027-01-01", "2027-01-08")
    ]
    assert baskets.place.name == "Épicerie sociale Mon Bertel"
    assert baskets.description == "<p>Distribution des paniers solidaires.<br>Merci d'apporter vos sacs.</p>"
    # 10:00 in Paris in January (UTC+1) is 13:00 in Réunion (UTC+4).
    meeting = imported(source, title="Réunion fédération (heure de Paris)")
    assert timezone.localtime(meeting.start) == local(2027, 1, 12, 13)
    assert "Lieu : Microsoft Teams" in meeting.description


def test_a_nextcloud_calendar(cyberun, feed, django_capture_on_commit_callbacks):
    feed.serve_file("nextcloud.ics")
    source = make_source(cyberun, feed.url, publish_directly=True)
    summary = run(source, django_capture_on_commit_callbacks)
    assert (summary.created, summary.skipped) == (4, [])

    garden = imported(source, uid="8a7d6c5b-4e3f-4a2b-9c1d-0e1f2a3b4c5d")
    assert timezone.localtime(garden.end) == local(2026, 12, 7, 10, 30)  # DURATION:PT2H30M
    # The cancelled Monday is only an excluded date, not an event of its own.
    assert garden.excluded_dates == ["2026-12-21T08:00:00+04:00"]
    assert local_starts(garden) == [
        f"{day} 08:00" for day in ("2026-12-07", "2026-12-14", "2026-12-28", "2027-01-04", "2027-01-11")
    ]
    assert not Event.objects.filter(source=source, recurrence_id__isnull=False).exists()

    sale = imported(source, uid="c0ffee00-1111-4222-8333-944455556666")
    assert sale.status == Event.Status.CANCELLED and sale.place.name == "La Case Rurale"
    seedlings = imported(source, uid="d1e2f3a4-5b6c-4d7e-8f90-a1b2c3d4e5f6")
    assert timezone.localtime(seedlings.start) == local(2026, 12, 10, 14)  # floating: Réunion time
    open_day = imported(source, uid="e5f6a7b8-9c0d-4e1f-a2b3-c4d5e6f7a8b9")
    assert open_day.all_day and (open_day.start, open_day.end) == (local(2026, 12, 18), local(2026, 12, 19))


def test_a_malformed_calendar_imports_what_it_can_and_says_why_not_the_rest(
    cyberun, feed, django_capture_on_commit_callbacks
):
    feed.serve_file("malformed.ics")
    source = make_source(cyberun, feed.url, publish_directly=True)
    summary = run(source, django_capture_on_commit_callbacks)
    assert summary.created == 1
    assert imported(source).title == "Le seul événement valable"
    reasons = dict(summary.skipped)
    assert reasons["sans-debut@exemple.re"] == "no_start"
    assert reasons["toutes-les-heures@exemple.re"] == "too_frequent"
    assert reasons["fin-avant-debut@exemple.re"] == "end_before_start"
    assert reasons["date-impossible@exemple.re"] == "bad_date"
    assert [reference for reference, code in summary.skipped if code == "unreadable_line"] == [
        "line:4",
        "line:5",
        "line:32",
        "line:40",
    ]
    with translation.override("en"):
        assert importer.skip_reference("line:4") == "line 4"
        assert importer.skip_reason("too_frequent") == "repeats more often than once a day"


def test_floating_times_follow_the_x_wr_timezone_of_the_feed(cyberun, django_capture_on_commit_callbacks):
    paris = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-TIMEZONE:Europe/Paris\r\n"
        "BEGIN:VEVENT\r\nUID:visio@exemple.fr\r\nDTSTART:20270112T100000\r\nDTEND:20270112T110000\r\n"
        "SUMMARY:Visio avec Paris\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        summary = importer.import_calendar(paris, organisation=cyberun, publish=True)
    assert summary.created == 1
    event = Event.objects.get(uid="visio@exemple.fr")
    assert timezone.localtime(event.start) == local(2027, 1, 12, 13)


def test_a_sub_daily_rule_is_refused_but_the_rest_of_the_feed_is_imported(cyberun):
    feed = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        "BEGIN:VEVENT\r\nUID:a@x\r\nDTSTART:20261203T090000Z\r\nRRULE:FREQ=MINUTELY\r\nSUMMARY:A\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:b@x\r\nDTSTART:20261203T090000Z\r\nRRULE:FREQ=DAILY;COUNT=3\r\n"
        "RDATE:20261210T090000Z\r\nSUMMARY:B\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )
    summary = importer.import_calendar(feed, organisation=cyberun, publish=True)
    assert summary.skipped == [["a@x", "too_frequent"]]
    assert summary.warnings == [["b@x", "rdate_ignored"]]
    assert Event.objects.get(uid="b@x").recurrence_rule == "FREQ=DAILY;COUNT=3"


def test_a_feed_with_too_many_events_is_refused_whole(cyberun, feed, django_capture_on_commit_callbacks):
    feed.serve_file("google.ics")
    source = make_source(cyberun, feed.url, publish_directly=True)
    run(source, django_capture_on_commit_callbacks)
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:{n}@x\r\nDTSTART:20261203T090000Z\r\nSUMMARY:E{n}\r\nEND:VEVENT\r\n"
        for n in range(importer.MAX_EVENTS + 1)
    )
    feed.serve(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n")
    with pytest.raises(importer.FeedError):
        run(source, django_capture_on_commit_callbacks)
    source.refresh_from_db()
    assert source.last_error == f"too_many_events: {importer.MAX_EVENTS + 1}"
    assert Event.objects.filter(source=source, locale__language_code="fr").count() == 4


def test_a_file_import_updates_by_uid_and_never_deletes(cyberun, django_capture_on_commit_callbacks):
    google = (CALENDARS / "google.ics").read_bytes().decode()
    first = importer.import_calendar(google, organisation=cyberun, publish=True)
    assert first.created == 4
    renamed = google.replace("Repair café", "Repair café du samedi")
    second = importer.import_calendar(renamed, organisation=cyberun, publish=True)
    assert (second.created, second.updated, second.unchanged, second.deleted) == (0, 1, 3, 0)
    assert Event.objects.get(owner=cyberun, uid=REPAIR_UID).title == "Repair café du samedi"


# --- Celery ---------------------------------------------------------------------------------------


def test_the_hourly_task_imports_every_active_source(
    cyberun, feed, calendar_server, django_capture_on_commit_callbacks
):
    from django.conf import settings

    from agenda.tasks import import_active_calendars, import_calendar_source

    feed.serve_file("google.ics")
    active = make_source(cyberun, feed.url, publish_directly=True)
    paused = make_source(cyberun, calendar_server.url("/calendars/nextcloud.ics"), active=False)
    broken = make_source(cyberun, calendar_server.url("/calendars/missing.ics"))
    with django_capture_on_commit_callbacks(execute=True):
        assert import_active_calendars.delay().get() == 2  # eager in the tests: run at once
    assert Event.objects.filter(source=active).count() == 4
    assert not Event.objects.filter(source=paused).exists()
    broken.refresh_from_db()
    assert broken.last_error == "http_status: 404"
    assert import_calendar_source.delay(broken.pk).get() == {"error": "http_status: 404"}
    assert import_calendar_source.delay(999999).get() is None
    schedule = settings.CELERY_BEAT_SCHEDULE["import-active-calendars"]
    assert schedule["task"] == import_active_calendars.name
