"""The editors' report of what residents search for: counts over 7 or 30 days, the queries that
found nothing, and the admin home panel of the week's empty searches; only for editors allowed to
read the statistics, in constant queries."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from search.models import QueryStat
from tests.factories import UserFactory
from tests.helpers import sign_in_verified

pytestmark = pytest.mark.django_db

REPORT_QUERIES = 15  # session, user, second factor, permissions, the two aggregates, then the admin chrome


@pytest.fixture
def stats():
    today = timezone.localdate()
    rows = [
        ("epicerie sociale", 0, 9, 0),
        ("epicerie sociale", 10, 4, 0),  # only in the 30 days
        ("alambik", 1, 5, 0),
        ("piscine", 2, 3, 3),
        ("piscine", 20, 6, 6),
        ("kaz", 40, 50, 0),  # too old for both periods
    ]
    for query, ago, searches, without in rows:
        QueryStat.objects.create(
            query=query, day=today - timedelta(days=ago), searches=searches, without_results=without
        )


def table(html, name):
    match = re.search(rf'data-report="{name}".*?</table>', html, re.S)
    assert match, name
    return re.findall(r"<tr><td>(.*?)</td><td>(\d+)</td><td>(\d+)</td></tr>", match.group(0))


def editor_with(client, *codenames):
    group = Group.objects.create(name="Lecteurs des statistiques")
    group.permissions.set(Permission.objects.filter(codename__in=["access_admin", *codenames]))
    user = UserFactory(username="communication@caserurale.re", is_staff=True)
    user.groups.add(group)
    sign_in_verified(client, user)
    return user


def test_the_report_counts_queries_over_seven_and_thirty_days(client, stats, django_assert_num_queries):
    editor_with(client, "view_querystat")
    with django_assert_num_queries(REPORT_QUERIES):
        html = client.get(reverse("search_report")).content.decode()
    assert table(html, "frequent") == [("epicerie sociale", "9", "0"), ("alambik", "5", "0"), ("piscine", "3", "3")]
    assert table(html, "nothing-found") == [("piscine", "3", "3")]

    html = client.get(reverse("search_report"), {"days": 30}).content.decode()
    assert table(html, "frequent") == [
        ("epicerie sociale", "13", "0"),
        ("piscine", "9", "9"),
        ("alambik", "5", "0"),
    ]
    assert table(html, "nothing-found") == [("piscine", "9", "9")]
    assert "kaz" not in html


def test_the_report_and_its_menu_item_only_for_those_allowed(client, stats):
    editor_with(client)
    # Wagtail sends an editor without the permission back to the admin home.
    response = client.get(reverse("search_report"))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("search_report") not in home
    assert "desk-search-nothing-found" not in home

    client.logout()
    response = client.get(reverse("search_report"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_admin_home_shows_the_weeks_searches_that_found_nothing(client, stats):
    editor_with(client, "view_querystat")
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = re.search(r'id="desk-search-nothing-found-section".*?</section>', html, re.S).group(0)
    assert "piscine" in panel and "alambik" not in panel and "epicerie" not in panel
    assert reverse("search_report") in panel
    # The reports menu leads to the report.
    assert reverse("search_report") in html


def test_the_report_page_costs_the_same_with_many_queries(client, django_assert_num_queries):
    editor_with(client, "view_querystat")
    today = timezone.localdate()
    QueryStat.objects.bulk_create(
        QueryStat(query=f"requete {n}", day=today - timedelta(days=n % 30), searches=n, without_results=n % 3)
        for n in range(200)
    )
    with django_assert_num_queries(REPORT_QUERIES):
        response = client.get(reverse("search_report"), {"days": 30})
    assert len(table(response.content.decode(), "frequent")) == 50
