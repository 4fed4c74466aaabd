"""The agenda's exports: iCalendar calendars read back with icalendar, RSS and Atom read as XML.

What a calendar application or a feed reader gets: the events' own fields, at Réunion time, with a
stable UID in every language; and never an event the public may not see.
"""

import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta

import pytest
from dateutil.rrule import rruleset, rrulestr
from django.utils import timezone
from icalendar import vRecur
from wagtail.models import Locale

from agenda.models import Event
from agenda.recurrence import REUNION
from annuaire.access import Visibility
from annuaire.models import Organisation, Place, Theme
from tests.agenda.feeds_fixtures import add_events, agenda_url, calendar_of, html, in_days, make_event, vevents

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def cyberun():
    return Organisation.objects.get(name="Cyberun")


@pytest.fixture
def fablab_place():
    return Place.objects.get(name="Local de Cyberun")


@pytest.fixture
def workshop(django_capture_on_commit_callbacks, cyberun, fablab_place):
    """A weekly workshop with two dates off, one given as a day and one as the exact start."""
    start = in_days(2, hour=17, minute=30)
    return make_event(
        django_capture_on_commit_callbacks,
        owner=cyberun,
        title="Atelier réparation",
        summary="On répare ensemble vélos et grille-pain.",
        description='<p data-block-key="a">Apportez <b>vos objets</b> &amp; vos outils.</p><ul><li>vélos</li></ul>',
        place=fablab_place,
        start=start,
        end=start + timedelta(hours=2),
        recurrence_rule="FREQ=WEEKLY;COUNT=6",
        excluded_dates=[(start + timedelta(days=7)).date().isoformat(), (start + timedelta(days=14)).isoformat()],
        themes=Theme.objects.filter(locale__language_code="fr", slug="numerique"),
    )


def test_the_agenda_calendar_gives_an_event_back_field_by_field(client, workshop, fablab_place):
    response = client.get(agenda_url() + "ical/")
    calendar = calendar_of(response)
    assert calendar["PRODID"] == "-//La Case Rurale//Agenda//FR"
    assert calendar["VERSION"] == "2.0" and calendar["CALSCALE"] == "GREGORIAN" and calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-CALNAME"] == "Agenda — La Case Rurale"
    assert calendar["X-WR-TIMEZONE"] == "Indian/Reunion"
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Indian/Reunion"
    assert zone.walk("STANDARD")[0]["TZOFFSETTO"].td == timedelta(hours=4)
    assert b"TZOFFSETTO:+0400" in response.content

    event = vevents(calendar)[workshop.uid]
    assert workshop.uid.endswith("@caserurale.re")
    assert event["SEQUENCE"] == 0
    assert event["SUMMARY"] == "Atelier réparation"
    start = event["DTSTART"]
    assert start.params["TZID"] == "Indian/Reunion"
    assert start.dt == workshop.start and start.dt.strftime("%H:%M") == "17:30"
    assert event["DTEND"].params["TZID"] == "Indian/Reunion" and event["DTEND"].dt == workshop.end
    # The rule is kept, not expanded: one VEVENT for six dates.
    assert list(vevents(calendar)).count(workshop.uid) == 1
    assert event["RRULE"] == vRecur.from_ical("FREQ=WEEKLY;COUNT=6")
    excluded = [value.dt for value in event["EXDATE"].dts]
    assert excluded == [workshop.start + timedelta(days=7), workshop.start + timedelta(days=14)]
    assert event["EXDATE"].params["TZID"] == "Indian/Reunion"
    # The stored occurrences and the calendar agree on the dates that remain.
    assert workshop.occurrences.count() == 4

    description = event["DESCRIPTION"]
    assert description.startswith("On répare ensemble vélos et grille-pain.\n\nApportez vos objets & vos outils.")
    assert "<" not in description and "- vélos" in description
    assert event["LOCATION"] == "Local de Cyberun, 97426 Trois-Bassins"
    assert (event["GEO"].latitude, event["GEO"].longitude) == (
        float(fablab_place.latitude),
        float(fablab_place.longitude),
    )
    assert event["URL"] == f"http://testserver{agenda_url()}evenement/{workshop.pk}/"
    assert description.endswith(event["URL"])
    assert event["STATUS"] == "CONFIRMED"
    assert event["CATEGORIES"].cats == ["Numérique"]
    assert event["X-CASERURALE-ORGANISER"] == "Cyberun"
    assert event["CREATED"].dt == workshop.created_at.replace(microsecond=0)
    assert event["LAST-MODIFIED"].dt == workshop.updated_at.replace(microsecond=0)
    assert abs(event["DTSTAMP"].dt - timezone.now()) < timedelta(minutes=1)


def expand(vevent):
    """The dates a calendar application computes from an exported VEVENT (dateutil, as many do)."""
    dates = rruleset()
    dates.rrule(rrulestr(vevent["RRULE"].to_ical().decode(), dtstart=vevent["DTSTART"].dt))
    for value in vevent["EXDATE"].dts if "EXDATE" in vevent else ():
        dates.exdate(value.dt)
    return list(dates)


def test_a_calendar_application_finds_the_dates_the_agenda_shows(client, workshop, django_capture_on_commit_callbacks):
    until = make_event(
        django_capture_on_commit_callbacks,
        owner=workshop.owner,
        start=workshop.start,
        end=workshop.end,
        recurrence_rule=f"FREQ=DAILY;INTERVAL=3;UNTIL={(workshop.start + timedelta(days=20)):%Y%m%d}",
        excluded_dates=[(workshop.start + timedelta(days=9)).date().isoformat()],
    )
    exported = vevents(calendar_of(client.get(agenda_url() + "ical/")))
    for event in (workshop, until):
        assert expand(exported[event.uid]) == [occurrence.start for occurrence in event.occurrences.all()]
    assert until.occurrences.count() == 6  # days 0, 3, 6, 12, 15, 18: day 9 is off, day 21 is past UNTIL


def test_an_all_day_event_is_dated_by_days_with_an_exclusive_end(client, django_capture_on_commit_callbacks, cyberun):
    first = in_days(5, hour=0)
    fair = make_event(
        django_capture_on_commit_callbacks,
        owner=cyberun,
        title="Fête du fablab",
        all_day=True,
        start=first,
        end=first + timedelta(days=1, hours=23, minutes=59),  # two whole days
        recurrence_rule="FREQ=YEARLY;UNTIL=20301231",
        excluded_dates=[(first.date() + timedelta(days=365)).isoformat()],
    )
    event = vevents(calendar_of(client.get(agenda_url() + "ical/")))[fair.uid]
    assert event["DTSTART"].to_ical() == first.strftime("%Y%m%d").encode()
    assert event["DTSTART"].params["VALUE"] == "DATE" and "TZID" not in event["DTSTART"].params
    assert event["DTEND"].dt == first.date() + timedelta(days=2)
    assert event["RRULE"]["UNTIL"] == [date(2030, 12, 31)]
    assert [value.dt for value in event["EXDATE"].dts] == [first.date() + timedelta(days=365)]
    assert event["EXDATE"].params["VALUE"] == "DATE"


def test_an_until_day_becomes_the_utc_end_of_that_day_for_a_timed_event(
    client, django_capture_on_commit_callbacks, cyberun
):
    event = make_event(django_capture_on_commit_callbacks, owner=cyberun, recurrence_rule="FREQ=WEEKLY;UNTIL=20301231")
    exported = vevents(calendar_of(client.get(agenda_url() + "ical/")))[event.uid]
    # RFC 5545: with a DTSTART in a time zone, UNTIL is a UTC time. 23:59:59 in Réunion is 19:59:59 UTC.
    assert exported["RRULE"]["UNTIL"][0] == datetime(2030, 12, 31, 23, 59, 59, tzinfo=REUNION)
    assert exported["RRULE"].to_ical().endswith(b"UNTIL=20301231T195959Z")


def test_a_schedule_change_raises_the_sequence_and_a_cancellation_says_so(client, workshop):
    url = agenda_url() + "ical/"
    workshop.title = "Atelier réparation (nouveau titre)"
    workshop.save()
    assert vevents(calendar_of(client.get(url)))[workshop.uid]["SEQUENCE"] == 0  # words are not the schedule

    workshop.start += timedelta(hours=1)
    workshop.end += timedelta(hours=1)
    workshop.save()
    event = vevents(calendar_of(client.get(url)))[workshop.uid]
    assert event["SEQUENCE"] == 1 and event["DTSTART"].dt.strftime("%H:%M") == "18:30"

    workshop.status = Event.Status.CANCELLED
    workshop.save()
    event = vevents(calendar_of(client.get(url)))[workshop.uid]
    assert (event["SEQUENCE"], event["STATUS"]) == (2, "CANCELLED")

    workshop.status = Event.Status.POSTPONED
    workshop.save()
    assert vevents(calendar_of(client.get(url)))[workshop.uid]["STATUS"] == "TENTATIVE"


def test_the_creole_calendar_has_the_same_uids_and_creole_words(client, django_capture_on_commit_callbacks, cyberun):
    untranslated = make_event(django_capture_on_commit_callbacks, owner=cyberun, title="Réparation de vélos")
    french = calendar_of(client.get(agenda_url() + "ical/"))
    creole = calendar_of(client.get(agenda_url("rcf") + "ical/"))
    workshop_fr = Event.objects.get(title="Atelier numérique : déposer un dossier en ligne")
    uid = workshop_fr.uid
    assert vevents(french)[uid]["SUMMARY"] == "Atelier numérique : déposer un dossier en ligne"
    assert vevents(creole)[uid]["SUMMARY"] == "Latélié nimérik : dépoz in dosié an lign"
    assert vevents(creole)[uid]["URL"].startswith("http://testserver/rcf/")
    creole_theme = Theme.names(Locale.objects.get(language_code="rcf"))["numerique"]
    assert vevents(creole)[uid]["CATEGORIES"].cats == [creole_theme]
    assert set(vevents(french)) == set(vevents(creole))  # each event once, in both
    assert vevents(creole)[untranslated.uid]["SUMMARY"] == "Réparation de vélos"  # not translated yet: French
    assert creole["X-WR-CALNAME"].startswith("Azanda")


@pytest.fixture
def hidden_events(django_capture_on_commit_callbacks, cyberun, fablab_place):
    """Events the public must never see, at a public event's place and by its organiser."""
    common = {"owner": cyberun, "place": fablab_place, "start": in_days(1, hour=10)}
    return [
        make_event(django_capture_on_commit_callbacks, title="Brouillon caché", live=False, **common),
        make_event(
            django_capture_on_commit_callbacks, title="Réunion partenaires", visibility=Visibility.PARTNERS, **common
        ),
        make_event(
            django_capture_on_commit_callbacks, title="Réunion interne", visibility=Visibility.ORGANISATION, **common
        ),
    ]


EXPORTS = [
    "ical/",
    "ical/?lieu=local-de-cyberun",
    "ical/?organisateur=cyberun",
    "ical/lieu/local-de-cyberun/",
    "ical/organisateur/cyberun/",
    "rss/",
    "atom/",
]


@pytest.mark.parametrize("language", ["fr", "rcf"])
@pytest.mark.parametrize("export", EXPORTS)
def test_drafts_partner_and_internal_events_never_leave_the_site(client, hidden_events, export, language):
    response = client.get(agenda_url(language) + export)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Fablab ouvert" in body or "Fablab ouvèr" in body  # the public event of that place and organiser
    for event in hidden_events:
        assert event.title not in body and event.uid not in body


def test_the_ics_of_a_hidden_event_is_not_found(client, hidden_events):
    for event in hidden_events:
        assert client.get(f"{agenda_url()}evenement/{event.pk}/ical/").status_code == 404
    assert client.get(f"{agenda_url()}evenement/999999/ical/").status_code == 404


def test_one_event_downloads_as_a_file_of_its_own(client):
    fablab = Event.objects.get(title="Fablab ouvert")
    response = client.get(f"{agenda_url()}evenement/{fablab.pk}/ical/")
    assert response["Content-Disposition"] == f'attachment; filename="evenement-{fablab.pk}.ics"'
    assert list(vevents(calendar_of(response))) == [fablab.uid]


def test_place_and_organiser_calendars_hold_only_their_events(client, workshop):
    place = {str(e["SUMMARY"]) for e in calendar_of(client.get(agenda_url() + "ical/lieu/pole-lena/")).walk("VEVENT")}
    at_alambic = Event.objects.for_public_site().filter(place__slug="mediatheque-lalambic", locale__language_code="fr")
    by_query = calendar_of(client.get(agenda_url() + "ical/?lieu=mediatheque-lalambic"))
    assert {str(e["SUMMARY"]) for e in by_query.walk("VEVENT")} == {event.title for event in at_alambic}
    assert by_query["X-WR-CALNAME"] == "Agenda — Médiathèque L'Alambic"
    assert place == set()  # nothing public happens at Pôle LENA
    organiser = calendar_of(client.get(agenda_url() + "ical/organisateur/cyberun/"))
    assert {str(e["SUMMARY"]) for e in organiser.walk("VEVENT")} == {"Fablab ouvert", "Atelier réparation"}
    assert client.get(agenda_url() + "ical/lieu/nulle-part/").status_code == 404
    assert client.get(agenda_url() + "ical/?organisateur=personne").status_code == 404


def test_an_organisation_without_public_profile_or_public_event_has_no_calendar(client):
    hidden = Organisation.objects.create(name="Association discrète")
    assert client.get(agenda_url() + f"ical/organisateur/{hidden.slug}/").status_code == 404


def rss_items(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own output)
    return channel, channel.findall("item")


def test_rss_lists_the_upcoming_dates_in_the_page_language(client, django_capture_on_commit_callbacks, cyberun):
    soon = make_event(django_capture_on_commit_callbacks, owner=cyberun, title="Bientôt", start=in_days(1))
    make_event(django_capture_on_commit_callbacks, owner=cyberun, title="Trop loin", start=in_days(60))
    make_event(django_capture_on_commit_callbacks, owner=cyberun, title="Déjà passé", start=in_days(-3))
    channel, items = rss_items(client.get(agenda_url() + "rss/"))
    assert channel.findtext("language") == "fr"
    titles = [item.findtext("title") for item in items]
    assert any(title.endswith("— Bientôt") for title in titles)
    assert not any("Trop loin" in title or "Déjà passé" in title for title in titles)
    # A weekly event is one item per date, each with its own identifier.
    fablab = [item for item in items if item.findtext("title").endswith("— Fablab ouvert")]
    assert len(fablab) >= 5 and len({item.findtext("guid") for item in fablab}) == len(fablab)
    item = next(item for item in items if item.findtext("title").endswith("— Bientôt"))
    assert item.findtext("link") == f"http://testserver{agenda_url()}evenement/{soon.pk}/"
    assert item.findtext("guid").startswith(soon.uid)
    starts = [item.findtext("guid").rsplit("/", 1)[1] for item in items]
    assert starts == sorted(starts)

    channel, items = rss_items(client.get(agenda_url("rcf") + "rss/"))
    assert channel.findtext("language") == "rcf"
    assert any(item.findtext("title").endswith("— Latélié nimérik : dépoz in dosié an lign") for item in items)
    assert not any("Atelier numérique" in item.findtext("title") for item in items)


def test_atom_lists_the_same_dates(client):
    response = client.get(agenda_url() + "atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own output)
    entries = feed.findall(f"{ATOM}entry")
    _, items = rss_items(client.get(agenda_url() + "rss/"))
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [item.findtext("title") for item in items]
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"http://testserver{agenda_url()}atom/"


def test_the_agenda_page_points_to_its_feeds(client):
    agenda = f"http://testserver{agenda_url('rcf')}"
    document = html(client.get(agenda_url("rcf")))
    alternates = {link["type"]: link["href"] for link in document.select("head link[rel=alternate][type]")}
    assert alternates == {
        "application/rss+xml": f"{agenda}rss/",
        "application/atom+xml": f"{agenda}atom/",
        "text/calendar": f"{agenda}ical/",
    }
    subscribe = document.select_one(".subscribe")
    links = [a["href"] for a in subscribe.select("a")]
    assert links == [agenda.replace("http://", "webcal://") + "ical/", f"{agenda}ical/", f"{agenda}rss/"]
    assert subscribe.select_one("h2")


@pytest.mark.parametrize("export", ["ical/", "ical/lieu/local-de-cyberun/", "rss/", "atom/"])
def test_exports_cost_the_same_queries_with_30_more_events(
    client, django_assert_num_queries, django_capture_on_commit_callbacks, cyberun, fablab_place, export
):
    url = agenda_url() + export
    client.get(url)  # the site's root paths are cached after the first request
    # 7 are Wagtail finding the page (site, locale, pages, view restrictions); then the page's locale,
    # the events (occurrences for RSS and Atom), their themes, the themes' names (and the place).
    expected = {"ical/": 11, "ical/lieu/local-de-cyberun/": 12, "rss/": 11, "atom/": 11}[export]
    with django_assert_num_queries(expected):
        before = client.get(url).content
    add_events(django_capture_on_commit_callbacks, cyberun, fablab_place)
    with django_assert_num_queries(expected):
        after = client.get(url).content
    assert after.count(b"Atelier 2") > before.count(b"Atelier 2")


def test_the_subscribed_calendar_keeps_the_last_month_and_what_is_to_come(
    client, django_capture_on_commit_callbacks, cyberun
):
    recent = make_event(django_capture_on_commit_callbacks, owner=cyberun, start=in_days(-20))
    old = make_event(django_capture_on_commit_callbacks, owner=cyberun, start=in_days(-60))
    weekly = make_event(
        django_capture_on_commit_callbacks, owner=cyberun, start=in_days(-70), recurrence_rule="FREQ=WEEKLY;COUNT=20"
    )
    exported = vevents(calendar_of(client.get(agenda_url() + "ical/")))
    assert recent.uid in exported and weekly.uid in exported  # the weekly one still has dates to come
    assert old.uid not in exported
    # The event's own file stays available, for a link someone kept.
    assert client.get(f"{agenda_url()}evenement/{old.pk}/ical/").status_code == 200


def test_the_subscription_follows_the_agenda_filters(client):
    """Someone who filtered the agenda subscribes to what they see, and only that."""
    from bs4 import BeautifulSoup

    filtered = calendar_of(client.get(agenda_url() + "ical/?theme=artisanat&public=familles"))
    assert {str(e["SUMMARY"]) for e in filtered.walk("VEVENT")} == {"Atelier fabrication de savon avec Nadine"}
    page = BeautifulSoup(client.get(agenda_url() + "?theme=artisanat&public=familles").content, "html.parser")
    link = page.select_one(".subscribe__address")["href"]
    assert link.endswith("ical/?theme=artisanat&public=familles")
    assert client.get(agenda_url() + "ical/?theme=inconnu").status_code == 404
