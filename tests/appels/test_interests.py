"""Partners follow a call, say they intend to apply or look for co-applicants; who sees whom follows the call."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from annuaire.access import Visibility
from appels.models import Interest
from tests.appels.conftest import detail_url, public_call_url

pytestmark = pytest.mark.django_db


def interest_url(call):
    return reverse("extranet:funding_call_interest", args=[call.pk])


def interested(client, call):
    document = BeautifulSoup(client.get(detail_url(call)).content, "html.parser")
    return document.select_one("#interest-title").parent.select(".people__item")


def test_follow_then_intend_to_apply_then_stop(world, login):
    call = world.funding_calls[Visibility.PARTNERS]
    client = login(world, "member_a")
    assert client.post(interest_url(call), {"intent": "following"}).status_code == 302
    interest = Interest.objects.get(call=call, user=world.users["member_a"])
    assert interest.intent == "following" and interest.organisation == world.org_a
    client.post(interest_url(call), {"intent": "seeking_partners", "note": "On cherche une ferme."})
    interest.refresh_from_db()
    assert (interest.intent, interest.note) == ("seeking_partners", "On cherche une ferme.")
    assert Interest.objects.filter(call=call).count() == 1  # changed, not added

    people = interested(login(world, "member_b"), call)
    assert len(people) == 1
    text = people[0].get_text(" ", strip=True)
    assert "Membre Test" in text and "Organisation A" in text and "On cherche une ferme." in text
    assert "membre@a.re" not in text  # names and organisations, never e-mail addresses

    client = login(world, "member_a")
    client.post(interest_url(call), {"stop": "1"})
    assert not Interest.objects.filter(call=call).exists()
    assert interested(login(world, "member_b"), call) == []


def test_a_wrong_intent_is_refused(world, login):
    call = world.funding_calls[Visibility.PARTNERS]
    response = login(world, "member_a").post(interest_url(call), {"intent": "spying"})
    assert response.status_code == 400
    assert not Interest.objects.filter(call=call).exists()


@pytest.mark.parametrize("role", ["member_b", "circle_member"])
def test_nobody_follows_or_reads_interests_in_a_call_they_may_not_see(world, login, role):
    call = world.funding_calls[Visibility.ORGANISATION]
    Interest.objects.create(call=call, user=world.users["member_a"], organisation=world.org_a, intent="applying")
    client = login(world, role)
    assert client.post(interest_url(call), {"intent": "following"}).status_code == 404
    assert client.get(detail_url(call)).status_code == 404
    assert not Interest.objects.filter(call=call, user=world.users[role]).exists()


def test_circle_members_see_who_applies_to_a_circle_call(world, login):
    call = world.funding_calls[Visibility.CIRCLE]
    Interest.objects.create(call=call, user=world.users["member_a"], organisation=world.org_a, intent="applying")
    assert len(interested(login(world, "circle_member"), call)) == 1


def test_the_public_page_points_to_partners_who_apply_when_their_profile_is_public(world, client, funding_page):
    call = world.funding_calls[Visibility.PUBLIC]
    call.funders.set([world.org_c])
    Interest.objects.create(call=call, user=world.users["member_a"], organisation=world.org_a, intent="applying")
    Interest.objects.create(call=call, user=world.users["member_b"], organisation=world.org_b, intent="following")
    url = public_call_url(funding_page, call)

    def helpers():
        section = BeautifulSoup(client.get(url).content, "html.parser").select_one(".help-apply")
        return {a.get_text(strip=True): a["href"] for a in section.select("a")}

    assert helpers() == {}  # no public profile yet: no link to a profile that does not exist
    for organisation in (world.org_a, world.org_b, world.org_c):
        organisation.public_profile = True
        organisation.save()
    links = helpers()
    # A only says it applies; B only follows, so it is not named; C funds it.
    assert set(links) == {"Organisation A", "Organisation C"}
    assert links["Organisation A"].endswith(f"/{world.org_a.slug}/")
    assert client.get(links["Organisation A"]).status_code == 200


def test_in_creole_the_partners_french_words_are_marked_as_french(world, login):
    from django.utils import translation

    call = world.funding_calls[Visibility.PARTNERS]
    with translation.override("rcf"):
        url = detail_url(call)
    document = BeautifulSoup(login(world, "member_a").get(url).content, "html.parser")
    assert document.select_one("html")["lang"] == "rcf"
    assert document.select_one("h1 span")["lang"] == "fr"
