"""`manage.py import_calendar`: a file or an address, a progress bar, a summary, clear refusals."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from agenda.models import CalendarSource, Event
from annuaire.models import Organisation
from tests import local_server

pytestmark = pytest.mark.django_db

CALENDARS = Path(__file__).resolve().parent / "calendars"


@pytest.fixture(scope="module")
def server():
    running = local_server.start(CALENDARS)
    yield running
    running.shutdown()
    running.server_close()


@pytest.fixture
def cyberun():
    return Organisation.objects.get(name="Cyberun")


def command(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_calendar", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_file_is_imported_with_a_progress_bar_and_a_summary(cyberun):
    out, err = command(str(CALENDARS / "malformed.ics"), "--organisation", cyberun.slug, "--publish")
    assert "[##############################]    1/1 events" in err
    assert "created        1" in out and "skipped        8" in out
    assert "    - ligne 4: ligne illisible, ignorée" in out
    assert "    - toutes-les-heures@exemple.re: se répète plus d'une fois par jour" in out
    event = Event.objects.get(uid="valide@exemple.re")
    assert event.owner == cyberun and event.live and event.source is None

    out, _err = command(str(CALENDARS / "malformed.ics"), "--organisation", cyberun.slug, "--publish")
    assert "created        0" in out and "unchanged      1" in out


def test_an_address_becomes_an_imported_calendar(cyberun, server, settings):
    settings.REMOTE_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    url = server.url("/calendars/nextcloud.ics")
    out, err = command(url, "--organisation", cyberun.slug, "--source-name", "Jardin")
    assert "New imported calendar “Jardin” for Cyberun." in out
    assert "created        4" in out
    assert err.count("events") >= 1
    source = CalendarSource.objects.get(url=url)
    assert (source.name, source.publish_directly) == ("Jardin", False)
    assert not Event.objects.get(source=source, uid="e5f6a7b8-9c0d-4e1f-a2b3-c4d5e6f7a8b9").live

    out, _err = command(url, "--organisation", cyberun.slug, "--publish")
    source.refresh_from_db()
    assert source.publish_directly and "updated        4" in out  # the drafts are published now


@pytest.mark.parametrize(
    ("location", "message"),
    [
        ("http://169.254.169.254/latest/meta-data", "mène à un réseau privé ou local"),
        ("http://localhost:8000/agenda.ics", "mène à un réseau privé ou local"),
        ("file:///etc/passwd", "Seules les adresses qui commencent par http:// ou https://"),
        ("/nowhere/agenda.ics", "Cannot read /nowhere/agenda.ics: No such file or directory"),
        (str(CALENDARS / "not-a-calendar.html"), "ne donne pas un calendrier iCalendar"),
    ],
)
def test_refusals_stop_with_a_clear_message(cyberun, location, message):
    with pytest.raises(CommandError) as error:
        command(location, "--organisation", cyberun.slug)
    assert message in str(error.value)
    assert not CalendarSource.objects.filter(url=location).exists()


def test_an_unknown_organisation_is_refused():
    with pytest.raises(CommandError, match="No organisation has the short name “nobody”"):
        command(str(CALENDARS / "google.ics"), "--organisation", "nobody")
