"""The personal calendar of deadlines: its page, its secret address, and the feed read back with icalendar."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from annuaire import access
from annuaire.access import Visibility
from appels.models import CalendarToken, Deadline
from tests.appels.conftest import follow, make_call, translate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_demo_calls")]


def feed_url(token):
    return reverse("extranet:funding_calendar_feed", args=[token.token])


def read(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def calendar_of_b(people, in_days):
    followed = make_call(
        people.org_a,
        "Fonds tiers-lieux",
        visibility=Visibility.PARTNERS,
        deadlines=[(in_days(10), Deadline.Kind.PRE_SUBMISSION, ""), (in_days(40), Deadline.Kind.SUBMISSION, "")],
    )
    not_followed = make_call(people.org_a, "Prix rural", deadlines=[in_days(12)])
    follow(people.member_b, followed)
    return CalendarToken.objects.create(user=people.member_b), followed, not_followed


def test_the_feed_has_one_all_day_event_per_deadline_of_the_followed_calls(calendar_of_b, in_days):
    token, followed, _not_followed = calendar_of_b
    response = Client().get(feed_url(token))
    calendar = read(response)
    found = events(calendar)
    pre, submission = followed.deadlines.order_by("due_on")
    assert set(found) == {f"deadline-{pre.pk}@caserurale.re", f"deadline-{submission.pk}@caserurale.re"}
    event = found[f"deadline-{pre.pk}@caserurale.re"]
    assert event.decoded("DTSTART") == in_days(10)  # a date: all day
    assert event.decoded("DTEND") == in_days(11)
    assert "Fonds tiers-lieux" in str(event["SUMMARY"])
    assert str(pre.get_kind_display()) in str(event["SUMMARY"])
    assert event["SEQUENCE"] == 0
    assert str(event["URL"]).startswith("http://testserver/extranet/")
    assert "Set-Cookie" not in response.headers and not response.cookies
    assert "private" in response["Cache-Control"]


def test_a_changed_date_bumps_the_sequence_under_the_same_uid(calendar_of_b, in_days):
    token, followed, _ = calendar_of_b
    deadline = followed.deadlines.order_by("due_on").first()
    deadline.due_on = in_days(15)
    deadline.save()
    deadline.label = "report"
    deadline.save()  # same date: same sequence
    event = events(read(Client().get(feed_url(token))))[f"deadline-{deadline.pk}@caserurale.re"]
    assert event.decoded("DTSTART") == in_days(15)
    assert event["SEQUENCE"] == 1


def test_a_call_no_longer_visible_or_followed_leaves_the_feed(calendar_of_b, people):
    token, followed, _ = calendar_of_b
    access.share(followed, visibility=Visibility.ORGANISATION)
    assert events(read(Client().get(feed_url(token)))) == {}
    access.share(followed, visibility=Visibility.PUBLIC)
    followed.interests.all().delete()
    assert events(read(Client().get(feed_url(token)))) == {}


def test_an_unknown_or_renewed_token_is_404(calendar_of_b):
    token, _followed, _ = calendar_of_b
    old = feed_url(token)
    token.renew()
    assert Client().get(old).status_code == 404
    assert Client().get(feed_url(token)).status_code == 200
    assert Client().get("/extranet/appels/calendrier/pas-un-jeton.ics").status_code == 404


def test_the_feed_of_an_inactive_account_is_404(calendar_of_b, people):
    token, _followed, _ = calendar_of_b
    people.member_b.is_active = False
    people.member_b.save()
    assert Client().get(feed_url(token)).status_code == 404


def test_the_creole_address_gives_creole_titles(calendar_of_b):
    token, followed, _ = calendar_of_b
    translate(followed, "Fon tièr-lié")
    with translation.override("rcf"):
        url = feed_url(token)
    summaries = [str(event["SUMMARY"]) for event in events(read(Client().get(url))).values()]
    assert summaries and all("Fon tièr-lié" in summary for summary in summaries)


def test_the_calendar_page_shows_both_addresses_and_renews_them(client, people):
    client.force_login(people.member_b)
    first = client.get(reverse("extranet:funding_calendar"))
    assert first.status_code == 200
    assert 'id="calendar-https"' not in first.text  # no address yet, only the button that makes one
    assert f'action="{reverse("extranet:funding_calendar_renew")}"' in first.text
    assert not CalendarToken.objects.filter(user=people.member_b).exists()  # a GET makes no address
    assert client.post(reverse("extranet:funding_calendar_renew")).status_code == 302
    page = client.get(reverse("extranet:funding_calendar"))
    token = CalendarToken.objects.get(user=people.member_b)
    assert f"https://testserver{feed_url(token)}" not in page.text  # the test server speaks http
    assert f"http://testserver{feed_url(token)}" in page.text
    assert f"webcal://testserver{feed_url(token)}" in page.text
    response = client.post(reverse("extranet:funding_calendar_renew"))
    assert response.status_code == 302
    renewed = CalendarToken.objects.get(user=people.member_b)
    assert renewed.token != token.token
    page = client.get(reverse("extranet:funding_calendar")).text
    assert renewed.token in page and token.token not in page


def test_a_past_deadline_stays_a_while_then_goes(people):
    call = make_call(
        people.org_a, "Appel clos", deadlines=[date.today() - timedelta(days=30), date.today() - timedelta(days=400)]
    )
    follow(people.member_b, call)
    token = CalendarToken.objects.create(user=people.member_b)
    assert len(events(read(Client().get(feed_url(token))))) == 1


def catalogue_has(msgid, language):
    with translation.override(language):
        return translation.gettext(msgid) != msgid


@pytest.mark.skipif(
    not catalogue_has("Deadline: %(title)s (%(step)s)", "fr"),
    reason="needs NEW_STRINGS.json merged into site/locale (fr, rcf)",
)
def test_the_summary_reads_date_limite_in_french_and_dat_limit_in_creole(calendar_of_b):
    token, _followed, _ = calendar_of_b
    french = [str(event["SUMMARY"]) for event in events(read(Client().get(feed_url(token)))).values()]
    assert all(summary.startswith("Date limite : Fonds tiers-lieux (") for summary in french)
    with translation.override("rcf"):
        url = feed_url(token)
    creole = [str(event["SUMMARY"]) for event in events(read(Client().get(url))).values()]
    assert all(summary.startswith("Dat limit : ") for summary in creole)
