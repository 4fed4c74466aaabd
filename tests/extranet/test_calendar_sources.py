"""Imported calendars in the extranet: who may add, see, fetch, pause and delete them; what the form says."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from agenda import importer
from agenda.models import CalendarSource, Event
from annuaire.access import Visibility

pytestmark = pytest.mark.django_db

LIST = "extranet:calendar_source_list"
CREATE = "extranet:calendar_source_create"


def source_of(organisation, url="https://agenda.example.org/a.ics", **fields):
    return CalendarSource.objects.create(organisation=organisation, name="Agenda", url=url, **fields)


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def expected(message_code):
    """The message the form shows, in the language of the page (French until Creole is asked)."""
    with translation.override("fr"):
        return importer.error_message(message_code)


def test_an_admin_adds_a_calendar_and_its_first_import_is_queued(
    world, login, calendar_server, local_network, django_capture_on_commit_callbacks
):
    client = login(world, "admin_a")
    url = calendar_server.url("/calendars/google.ics")
    form = page(client.get(reverse(CREATE)))
    assert form.select_one("input[name=organisation][type=hidden]")["value"] == str(world.org_a.pk)
    assert form.select_one("input[name=publish_directly]") is None  # coordinators only
    assert not form.select("input[name=visibility][value=circle]")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(CREATE),
            {
                "organisation": world.org_a.pk,
                "name": "Agenda de A",
                "url": url,
                "visibility": Visibility.PUBLIC,
                "publish_directly": "on",
            },
        )
    assert response.status_code == 302 and response["Location"] == reverse(LIST)
    source = CalendarSource.objects.get(url=url)
    assert (source.organisation, source.created_by, source.publish_directly) == (
        world.org_a,
        world.users["admin_a"],
        False,  # the box was not offered: a forged "on" is ignored
    )
    # The task ran (eagerly, after the commit): the events wait as drafts for an editor.
    assert Event.objects.filter(source=source, locale__language_code="fr").count() == 4
    assert not Event.objects.filter(source=source, live=True).exists()

    listing = page(client.get(reverse(LIST)))
    item = listing.select_one(f"#calendar-{source.pk}").find_parent("li")
    assert "google.ics" in item.get_text()
    assert item.find("details") is None  # nothing was skipped
    assert "4" in item.select("dd")[-1].get_text()


def test_a_coordinator_adds_a_trusted_calendar_for_any_organisation(
    world, login, calendar_server, local_network, django_capture_on_commit_callbacks
):
    client = login(world, "coordinator")
    url = calendar_server.url("/calendars/nextcloud.ics")
    form = page(client.get(reverse(CREATE)))
    assert form.select_one("select[name=organisation]") is not None
    assert form.select_one("input[name=publish_directly][type=checkbox]") is not None
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse(CREATE),
            {
                "organisation": world.org_b.pk,
                "name": "Jardin",
                "url": url,
                "visibility": Visibility.PARTNERS,
                "publish_directly": "on",
            },
        )
    source = CalendarSource.objects.get(url=url)
    assert source.organisation == world.org_b and source.publish_directly
    events = Event.objects.filter(source=source, locale__language_code="fr")
    assert events.count() == 4 and all(event.live and event.visibility == Visibility.PARTNERS for event in events)


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("http://10.0.0.1/agenda.ics", "address"),
        ("http://169.254.169.254/latest/meta-data", "address"),
        ("http://localhost:8000/agenda.ics", "address"),
        ("ftp://ftp.example.org/agenda.ics", "scheme"),
    ],
)
def test_the_form_refuses_an_address_with_a_message_on_the_field(world, login, address, code):
    client = login(world, "admin_a")
    response = client.post(
        reverse(CREATE),
        {"organisation": world.org_a.pk, "name": "Agenda de A", "url": address, "visibility": Visibility.PUBLIC},
    )
    assert response.status_code == 400
    html = page(response)
    field = html.select_one("#id_url")
    assert field["value"] == address  # what was typed is kept
    assert field["aria-invalid"] == "true"
    assert "id_url-error" in field["aria-describedby"]
    assert html.select_one("#id_url-error").get_text(strip=True) == expected(code)
    assert html.select_one("#id_name")["value"] == "Agenda de A"
    assert not CalendarSource.objects.exists()


def test_a_calendar_cannot_be_added_twice_for_one_organisation(world, login, calendar_server, local_network):
    url = calendar_server.url("/calendars/google.ics")
    source_of(world.org_a, url)
    client = login(world, "admin_a")
    response = client.post(
        reverse(CREATE), {"organisation": world.org_a.pk, "name": "Encore", "url": url, "visibility": "public"}
    )
    assert response.status_code == 400
    assert world.org_a.name in page(response).select_one("#id_url-error").get_text()
    assert CalendarSource.objects.filter(url=url).count() == 1


def test_an_admin_cannot_add_a_calendar_for_another_organisation(world, login, calendar_server, local_network):
    client = login(world, "admin_a")
    url = calendar_server.url("/calendars/google.ics")
    response = client.post(
        reverse(CREATE), {"organisation": world.org_b.pk, "name": "B", "url": url, "visibility": "public"}
    )
    assert response.status_code == 400
    assert not CalendarSource.objects.exists()


def test_each_admin_sees_the_calendars_of_their_organisations_only(world, login):
    mine = source_of(world.org_a, "https://agenda.example.org/a.ics")
    theirs = source_of(world.org_b, "https://agenda.example.org/b.ics")
    listing = login(world, "admin_a").get(reverse(LIST))
    assert listing.status_code == 200
    assert page(listing).select_one(f"#calendar-{mine.pk}") is not None
    assert page(listing).select_one(f"#calendar-{theirs.pk}") is None


def test_the_list_says_the_last_error_in_plain_words_and_keeps_the_summary(world, login):
    source = source_of(
        world.org_a,
        last_error="http_status: 404",
        last_summary={
            "created": 3,
            "updated": 0,
            "deleted": 0,
            "unchanged": 0,
            "skipped_count": 1,
            "skipped": [["line:4", "unreadable_line"]],
            "warnings": [],
            "not_modified": False,
        },
    )
    client = login(world, "admin_a")
    item = page(client.get(reverse(LIST))).select_one(f"#calendar-{source.pk}").find_parent("li")
    text = item.get_text(" ", strip=True)
    with translation.override("fr"):
        assert importer.error_message("http_status: 404") in text
        assert importer.skip_reason("unreadable_line") in text
    assert "http_status" not in text


@pytest.mark.parametrize("role", ["member_a", "member_b", "circle_member"])
def test_others_cannot_fetch_pause_or_delete(world, login, role):
    source = source_of(world.org_a)
    client = login(world, role)
    for name in ("calendar_source_fetch", "calendar_source_pause", "calendar_source_delete"):
        assert client.post(reverse(f"extranet:{name}", args=[source.pk])).status_code == 404
    source.refresh_from_db()
    assert source.active


def test_fetch_now_queues_the_task_and_says_so(
    world, login, calendar_server, local_network, django_capture_on_commit_callbacks
):
    source = source_of(world.org_a, calendar_server.url("/calendars/outlook.ics"))
    client = login(world, "admin_a")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("extranet:calendar_source_fetch", args=[source.pk]), follow=True)
    assert len(callbacks) == 1  # queued after the commit, not run inside the request's transaction
    assert page(response).select_one(".messages").get_text(strip=True)
    callbacks[0]()
    assert Event.objects.filter(source=source, locale__language_code="fr").count() == 2


def test_pause_resume_and_delete_with_the_events(
    world, login, calendar_server, local_network, django_capture_on_commit_callbacks
):
    source = source_of(world.org_a, calendar_server.url("/calendars/google.ics"))
    with django_capture_on_commit_callbacks(execute=True):
        importer.import_source(source)
    client = login(world, "admin_a")
    client.post(reverse("extranet:calendar_source_pause", args=[source.pk]))
    source.refresh_from_db()
    assert not source.active
    client.post(reverse("extranet:calendar_source_pause", args=[source.pk]))
    source.refresh_from_db()
    assert source.active

    response = client.post(reverse("extranet:calendar_source_delete", args=[source.pk]))
    assert response.status_code == 302
    assert not CalendarSource.objects.filter(pk=source.pk).exists()
    assert not Event.objects.filter(uid="repair-cafe-20261205@google.com", owner=world.org_a).exists()


def test_the_dashboard_leads_admins_and_coordinators_to_imported_calendars(world, login):
    source_of(world.org_b, last_error="timeout: deadline")
    link = reverse(LIST)
    assert page(login(world, "admin_a").get(reverse("extranet:dashboard"))).select_one(f'a[href="{link}"]')
    assert not page(login(world, "member_a").get(reverse("extranet:dashboard"))).select_one(f'a[href="{link}"]')
    coordinator = page(login(world, "coordinator").get(reverse("extranet:dashboard")))
    assert coordinator.select_one("#section-calendars").find_next("ul").get_text(strip=True).startswith("Agenda")
