"""filter_calls: the list's filters, shared by the extranet list, saved searches and the API."""

import pytest
from django.http import QueryDict

from annuaire.access import Visibility
from appels.models import FundingCall
from appels.search import canonical_query, filter_calls, originals
from tests.appels.conftest import make_call, translate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("without_demo_calls")]


def titles(calls):
    return sorted(call.title for call in calls)


@pytest.fixture
def calls(people, in_days):
    a = people.org_a
    a.slug = "ti-zardin"
    a.save()
    grant = make_call(
        a,
        "Jardins partagés",
        kind=FundingCall.Kind.GRANT,
        perimeter=FundingCall.Perimeter.WEST,
        deadlines=[in_days(5)],
        themes=["agriculture-et-alimentation"],
    )
    grant.funders.add(a)
    aap = make_call(
        a,
        "Tiers-lieux numériques",
        summary="Médiation numérique dans les Hauts",
        deadlines=[in_days(40)],
        themes=["numerique"],
    )
    closed = make_call(a, "Ancien appel", deadlines=[in_days(-3)])
    upcoming = make_call(a, "Prochain appel", opens_on=in_days(10), deadlines=[in_days(60)])
    return {"grant": grant, "aap": aap, "closed": closed, "upcoming": upcoming}


def run(params, people, today):
    return titles(filter_calls(FundingCall.objects.filter(owner=people.org_a), params, today))


def test_each_filter_keeps_what_it_names(calls, people, in_days):
    today = in_days(0)
    assert run("type=grant", people, today) == ["Jardins partagés"]
    assert run("theme=numerique", people, today) == ["Tiers-lieux numériques"]
    assert run("perimetre=ouest", people, today) == ["Jardins partagés"]
    assert run("financeur=ti-zardin", people, today) == ["Jardins partagés"]
    assert run("statut=closing_soon", people, today) == ["Jardins partagés"]
    assert run("statut=closed", people, today) == ["Ancien appel"]
    assert run("statut=upcoming", people, today) == ["Prochain appel"]
    assert run("statut=open&statut=closing_soon", people, today) == ["Jardins partagés", "Tiers-lieux numériques"]
    assert run("cloture_sous=7", people, today) == ["Jardins partagés"]
    assert run("q=numérique+hauts", people, today) == ["Tiers-lieux numériques"]
    assert run("theme=numerique&type=grant", people, today) == []
    assert run("", people, today) == ["Ancien appel", "Jardins partagés", "Prochain appel", "Tiers-lieux numériques"]


def test_an_unknown_value_keeps_nothing_rather_than_everything(calls, people, in_days):
    for params in ("type=subvention", "statut=ouvert", "cloture_sous=bientot", "cloture_sous=-1", "theme=inconnu"):
        assert run(params, people, in_days(0)) == [], params


def test_params_may_be_a_querydict_a_string_or_a_dict(calls, people, in_days):
    today = in_days(0)
    assert run(QueryDict("type=grant"), people, today) == run({"type": "grant", "theme": None}, people, today)
    assert canonical_query("page=2&type=grant&tri=date&theme=") == "type=grant"


def test_originals_lists_a_translated_call_once(calls, people):
    translate(calls["grant"], "Zardin partazé")
    mine = FundingCall.objects.filter(owner=people.org_a)
    assert mine.count() == 5
    assert titles(originals(mine)) == ["Ancien appel", "Jardins partagés", "Prochain appel", "Tiers-lieux numériques"]


def test_status_follows_the_day_it_is_computed_for(calls, people, in_days):
    assert run("statut=closing_soon", people, in_days(30)) == ["Tiers-lieux numériques"]


def test_visibility_is_the_callers_queryset(people, in_days):
    make_call(people.org_a, "Réservé", visibility=Visibility.ORGANISATION)
    visible = FundingCall.objects.visible_to(people.member_b)
    assert titles(filter_calls(visible, "", in_days(0))) == []
