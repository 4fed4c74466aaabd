"""Editors manage and translate funding calls, their deadlines and the partners' interests in the admin."""

import pytest
from django.urls import reverse

from appels.models import FundingCall
from tests.factories import UserFactory
from tests.helpers import sign_in_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    return sign_in_verified(client, UserFactory(username="editrice@caserurale.re", is_staff=True, is_superuser=True))


def test_editors_list_edit_and_translate_calls(editor_client):
    listing = editor_client.get(reverse("wagtailsnippets_appels_fundingcall:list"))
    assert listing.status_code == 200
    assert "Fonds LEADER — projets ruraux du GAL Ouest" in listing.content.decode()
    for call in FundingCall.objects.filter(
        title__in=["Fonds LEADER — projets ruraux du GAL Ouest", "Fon LEADER — bann prozè riral GAL Ouest"]
    ):
        response = editor_client.get(reverse("wagtailsnippets_appels_fundingcall:edit", args=[call.pk]))
        assert response.status_code == 200, call.title
    assert editor_client.get(reverse("funding_call_deadlines:index")).status_code == 200
    interests = editor_client.get(reverse("funding_call_interests:index"))
    assert interests.status_code == 200 and "membre@cocagne.re" in interests.content.decode()


def test_partners_do_not_reach_the_admin_of_calls(client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="membre@alambic.re"))
    response = client.get(reverse("wagtailsnippets_appels_fundingcall:list"))
    assert response.status_code == 302
