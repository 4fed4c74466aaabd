"""Editors manage and translate funding calls, their deadlines and the partners' interests in the admin."""

import html

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


def call_form(owner, deadlines, initial=0, **fields):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    return nested_form_data(
        {
            "title": "Appel à projets Tiers-lieux 2027",
            "summary": "",
            "kind": "aap",
            "programme": "",
            "url": "",
            "application_url": "",
            "perimeter": "reunion",
            "opens_on": "2027-03-01",
            "recurrence": "one_off",
            "funder_names": "",
            "eligibility": "",
            "how_to_apply": "",
            "contact_name": "",
            "contact_email": "",
            "contact_phone": "",
            "owner": owner.pk,
            "visibility": "public",
            "deadlines": inline_formset(deadlines, initial=initial),
            **fields,
        }
    )


def test_editors_set_the_deadlines_inside_the_call_form(editor_client):
    from datetime import date

    from annuaire.models import Organisation

    owner = Organisation.objects.get(name__icontains="Alambic")
    create = reverse("wagtailsnippets_appels_fundingcall:add")
    page = editor_client.get(create).content.decode()
    assert 'id="id_deadlines-TOTAL_FORMS"' in page  # the deadlines are part of the form
    response = editor_client.post(
        create,
        call_form(
            owner,
            [
                {"due_on": "2027-03-20", "kind": "pre_submission", "label": "lettre d'intention"},
                {"due_on": "2027-04-30", "kind": "submission", "label": ""},
            ],
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    call = FundingCall.objects.get(title="Appel à projets Tiers-lieux 2027")
    assert [(d.due_on, d.kind) for d in call.schedule] == [
        (date(2027, 3, 20), "pre_submission"),
        (date(2027, 4, 30), "submission"),
    ]
    assert (call.first_deadline, call.last_deadline) == (date(2027, 3, 20), date(2027, 4, 30))

    # Moving the final deadline in the same form: the stored dates and the calendar SEQUENCE follow.
    first, final = call.schedule
    edit = reverse("wagtailsnippets_appels_fundingcall:edit", args=[call.pk])
    response = editor_client.post(
        edit,
        call_form(
            owner,
            [
                {"id": first.pk, "due_on": "2027-03-20", "kind": "pre_submission", "label": "lettre d'intention"},
                {"id": final.pk, "due_on": "2027-05-15", "kind": "submission", "label": ""},
            ],
            initial=2,
        ),
    )
    assert response.status_code == 302
    final.refresh_from_db()
    call.refresh_from_db()
    assert final.due_on == date(2027, 5, 15) and final.sequence == 1
    assert call.last_deadline == date(2027, 5, 15)


def test_the_admin_refuses_a_deadline_before_the_opening_and_keeps_what_was_typed(editor_client):
    from annuaire.models import Organisation

    owner = Organisation.objects.get(name__icontains="Alambic")
    response = editor_client.post(
        reverse("wagtailsnippets_appels_fundingcall:add"),
        call_form(owner, [{"due_on": "2027-02-01", "kind": "submission", "label": ""}], title="Appel mal daté"),
    )
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Cette date limite est avant la date d'ouverture (1 mars 2027)." in page
    assert 'value="Appel mal daté"' in page and 'value="2027-02-01"' in page
    assert not FundingCall.objects.filter(title="Appel mal daté").exists()

    response = editor_client.post(
        reverse("wagtailsnippets_appels_fundingcall:add"), call_form(owner, [], title="Appel sans date")
    )
    assert response.status_code == 200
    assert "Donnez au moins une date limite" in html.unescape(response.content.decode())
    assert not FundingCall.objects.filter(title="Appel sans date").exists()


def test_a_translation_does_not_copy_the_deadlines_of_its_original():
    from datetime import date

    from wagtail.models import Locale

    call = FundingCall.objects.get(title="Fonds LEADER — projets ruraux du GAL Ouest")
    dates = [d.due_on for d in call.schedule]
    translation = call.copy_for_translation(Locale.objects.get(language_code="rcf"), exclude_fields=[])
    translation.translation_key = call.translation_key
    FundingCall.objects.filter(translation_key=call.translation_key, locale=translation.locale).delete()
    translation.save()
    assert not translation.deadlines.exists()
    assert [d.due_on for d in translation.schedule] == dates
    assert translation.first_deadline == min(dates) and isinstance(translation.first_deadline, date)
