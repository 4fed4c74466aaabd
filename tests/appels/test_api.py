"""The open-data API: its contract checked against its own OpenAPI description (schemathesis), public
data only, paging, filters, languages, headers, and a constant number of queries per page."""

from datetime import timedelta

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, settings

from agenda.models import Event
from annuaire import access
from annuaire.access import Visibility
from annuaire.models import Organisation
from appels.models import FundingCall
from tests.appels.conftest import make_call, translate

pytestmark = pytest.mark.usefixtures("without_demo_calls")

LIST = "/api/v1/funding-calls/"


def get(path, **params):
    response = Client().get(path, params)
    assert response["Content-Type"].startswith("application/json")
    return response


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


@pytest.fixture
def calls(people, in_days):
    """Organisation A's calls at every level of visibility, a public one of each kind of interest."""
    made = {}
    for level in Visibility.values:
        made[level] = make_call(people.org_a, f"Appel {level}", visibility=level, deadlines=[in_days(20)])
    made["grant"] = make_call(
        people.org_a,
        "Subvention agricole",
        kind=FundingCall.Kind.GRANT,
        perimeter=FundingCall.Perimeter.WEST,
        deadlines=[in_days(5), in_days(60)],
        themes=["agriculture-et-alimentation"],
        amount_min=1000,
        amount_max=15000,
        cofinancing_rate=80,
        url="https://example.re/appel",
    )
    made["closed"] = make_call(people.org_a, "Appel clos", deadlines=[in_days(-5)])
    return made


PUBLIC = ("public", "grant", "closed")


# The contract -----------------------------------------------------------------------------------


# Loaded when the tests are collected: producing the description reads no database. (schemathesis's
# from_fixture would load it inside a test, but does not support pytest 9 yet.)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def published(calls, people):
    """The data, and the test's database connection kept open across the WSGI requests.

    Django closes "old" connections when a request starts and finishes; on PostgreSQL that would
    end the test's transaction. Its test client disconnects those handlers; so do we.
    """
    Organisation.objects.filter(pk=people.org_a.pk).update(public_profile=True)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield calls
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_keeps_its_openapi_contract(case, published):
    """Status codes, content types, headers and bodies as the description says, for generated requests."""
    case.call_and_validate()


@pytest.mark.django_db
def test_the_description_and_its_docs_page_are_served():
    description = Client().get("/api/v1/openapi.json").json()
    assert set(description["paths"]) == {
        "/api/v1/funding-calls/",
        "/api/v1/funding-calls/{call_id}",
        "/api/v1/events/",
        "/api/v1/organisations/",
    }
    assert all(set(operations) == {"get"} for operations in description["paths"].values())
    docs = Client().get("/api/v1/docs")
    assert docs.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in docs.text  # our own copy, no CDN


# Public data only -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_only_public_calls_are_listed_and_shown(calls):
    listed = ids(get(LIST, limit=100))
    assert sorted(listed) == sorted(calls[name].pk for name in PUBLIC)
    for level in (Visibility.PARTNERS, Visibility.CIRCLE, Visibility.ORGANISATION):
        assert get(f"{LIST}{calls[level].pk}").status_code == 404
        for params in ({"q": f"Appel {level}"}, {"status": "open"}, {"closes_within": 30}, {"lang": "rcf"}):
            assert calls[level].pk not in ids(get(LIST, **params))
    assert get(f"{LIST}{calls['public'].pk}").json()["title"] == "Appel public"


@pytest.mark.django_db
def test_a_call_made_private_leaves_the_api(calls):
    access.share(calls["grant"], visibility=Visibility.PARTNERS)
    assert calls["grant"].pk not in ids(get(LIST))
    assert get(f"{LIST}{calls['grant'].pk}").status_code == 404


@pytest.mark.django_db
def test_an_item_says_what_the_public_page_says(calls, in_days):
    item = get(f"{LIST}{calls['grant'].pk}").json()
    assert item["kind"] == "grant" and item["perimeter"] == "ouest" and item["status"] == "closing_soon"
    assert item["next_deadline"] == in_days(5).isoformat()
    assert [deadline["date"] for deadline in item["deadlines"]] == [in_days(5).isoformat(), in_days(60).isoformat()]
    assert [theme["slug"] for theme in item["themes"]] == ["agriculture-et-alimentation"]
    assert (item["amount_min"], item["amount_max"], item["rate"]) == (1000, 15000, 80)
    assert item["url"] == "https://example.re/appel" and item["application_url"] is None
    assert item["language"] == "fr"


@pytest.mark.django_db
def test_lang_rcf_gives_the_creole_words_where_translated(calls):
    translate(calls["grant"], "Sibvansion pou lagrikiltir", "Pou bann plantèr")
    rcf = {item["id"]: item for item in get(LIST, lang="rcf", limit=100).json()["items"]}
    assert rcf[calls["grant"].pk]["title"] == "Sibvansion pou lagrikiltir"
    assert rcf[calls["grant"].pk]["language"] == "rcf"
    assert rcf[calls["public"].pk]["title"] == "Appel public"  # not translated: the original
    assert rcf[calls["public"].pk]["language"] == "fr"
    assert rcf[calls["grant"].pk]["themes"][0]["name"] == "Agrikiltir é manzé"
    assert len(rcf) == 3, "a translated call stays one item"


# Paging and filters -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_pages_cover_every_call_once_with_the_total(people, in_days):
    made = [make_call(people.org_a, f"Appel {n:02d}", deadlines=[in_days(n + 1)]) for n in range(25)]
    pages = [get(LIST, limit=10, offset=offset).json() for offset in (0, 10, 20, 30)]
    assert [page["count"] for page in pages] == [25] * 4
    assert [len(page["items"]) for page in pages] == [10, 10, 5, 0]
    seen = [item["id"] for page in pages for item in page["items"]]
    assert seen == [call.pk for call in made]  # the next deadline first
    assert get(LIST, limit=101).status_code == 422
    assert get(LIST, offset=-1).status_code == 422


@pytest.mark.django_db
def test_filters(calls):
    assert ids(get(LIST, kind="grant")) == [calls["grant"].pk]
    assert ids(get(LIST, theme="agriculture-et-alimentation")) == [calls["grant"].pk]
    assert ids(get(LIST, perimeter="ouest")) == [calls["grant"].pk]
    assert ids(get(LIST, status="closed")) == [calls["closed"].pk]
    assert ids(get(LIST, closes_within=10)) == [calls["grant"].pk]
    assert sorted(ids(get(LIST, status="open"))) == [calls["public"].pk]
    assert ids(get(LIST, theme="inconnu")) == []
    assert get(LIST, kind="subvention").status_code == 422
    assert get(LIST, lang="en").status_code == 422


@pytest.mark.django_db
@pytest.mark.parametrize("parameter", ["theme", "beneficiary", "q"])
def test_a_nul_character_is_refused_not_a_server_error(calls, parameter):
    # Found by the contract run: PostgreSQL cannot compare a text with a NUL in it.
    response = get(LIST, **{parameter: "agri\x00culture"})
    assert response.status_code == 422
    assert parameter in str(response.json()["detail"])


# Headers ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_open_to_other_sites_cacheable_and_without_cookies(client, calls, people):
    client.force_login(people.member_a)  # a partner's browser sends its session cookie to /api/ too
    response = client.get(LIST, HTTP_ORIGIN="https://data.example.org")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert not response.cookies
    assert "Vary" not in response
    assert calls[Visibility.PARTNERS].pk not in ids(response), "a signed-in partner sees public data only here"
    preflight = client.options(LIST, HTTP_ORIGIN="https://data.example.org")
    assert preflight.status_code == 204 and "GET" in preflight["Access-Control-Allow-Methods"]
    assert Client().post(LIST).status_code == 405


# Queries -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_calls(calls, people, in_days, django_assert_num_queries):
    translate(calls["grant"], "Sibvansion")

    def count_queries(lang):
        with django_assert_num_queries(QUERIES_PER_PAGE):
            assert get(LIST, limit=100, lang=lang).status_code == 200

    count_queries("fr")
    count_queries("rcf")
    for n in range(40):
        make_call(people.org_a, f"Appel {n}", deadlines=[in_days(n), in_days(n + 30)], themes=["numerique", "jeunesse"])
    count_queries("fr")
    count_queries("rcf")
    assert get(LIST, limit=100).json()["count"] == 43


# count, rows, deadlines, themes, beneficiaries, locales, translations, theme names, audience names
QUERIES_PER_PAGE = 9


# Events and organisations -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_events_are_the_published_public_ones_between_from_and_to(people):
    now = timezone.now()
    made = {}
    for level in (Visibility.PUBLIC, Visibility.PARTNERS):
        event = Event(owner=people.org_a, title=f"Rencontre {level}", start=now + timedelta(days=3))
        event.end = event.start + timedelta(hours=2)
        access.share(event, visibility=level)
        event.sync_occurrences()
        made[level] = event
    listed = ids(get("/api/v1/events/", limit=100))
    assert made[Visibility.PUBLIC].pk in listed and made[Visibility.PARTNERS].pk not in listed
    later = (now + timedelta(days=10)).date().isoformat()
    assert made[Visibility.PUBLIC].pk not in ids(get("/api/v1/events/", **{"from": later, "limit": 100}))
    item = next(i for i in get("/api/v1/events/", limit=100).json()["items"] if i["id"] == made["public"].pk)
    assert item["organiser"] == {"name": "Association Ti Zardin", "organisation_id": None}
    assert item["url"] and f"/{made['public'].pk}/" in item["url"]
    assert get("/api/v1/events/", **{"from": "0001-01-01", "to": "9999-12-31"}).status_code == 200
    assert get("/api/v1/events/", to="0").status_code == 422  # not read as a Unix time


@pytest.mark.django_db
def test_organisations_are_those_with_a_public_profile(people):
    Organisation.objects.filter(pk=people.org_a.pk).update(public_profile=True)
    listed = ids(get("/api/v1/organisations/", limit=100))
    assert people.org_a.pk in listed and people.org_b.pk not in listed
    assert set(listed) == set(Organisation.objects.filter(public_profile=True).values_list("pk", flat=True))
