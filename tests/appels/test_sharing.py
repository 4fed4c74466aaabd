"""A partner shares a call with its deadlines and documents; bad input is refused on the field, nothing half-written
stays; a recurring call gets its next edition."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils import translation as i18n

from annuaire.access import Visibility
from annuaire.models import Audience, Theme
from appels.models import Attachment, Deadline, FundingCall
from extranet.models import DOCUMENT_MAX_SIZE

pytestmark = pytest.mark.django_db


def form_data(world, deadlines=(), **overrides):
    today = timezone.localdate()
    data = {
        "owner": world.org_a.pk,
        "title": "Appel à projets jardins partagés",
        "kind": "aap",
        "url": "https://www.example.re/appel",
        "beneficiaries": [Audience.objects.get(locale__language_code="fr", slug="associations").pk],
        "themes": [Theme.objects.get(locale__language_code="fr", slug="agriculture-et-alimentation").pk],
        "summary": "Des subventions pour les jardins partagés.",
        "opens_on": today.isoformat(),
        "recurrence": "recurring",
        "perimeter": "reunion",
        "deadlines-TOTAL_FORMS": "3",
        "deadlines-INITIAL_FORMS": "0",
        "deadlines-MIN_NUM_FORMS": "0",
        "deadlines-MAX_NUM_FORMS": "1000",
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    for number in range(3):  # a browser sends the step of the empty rows too: it is a drop-down
        data[f"deadlines-{number}-kind"] = "submission"
    for number, (days, kind, label) in enumerate(deadlines or [(40, "submission", "")]):
        data[f"deadlines-{number}-due_on"] = (today + timedelta(days=days)).isoformat()
        data[f"deadlines-{number}-kind"] = kind
        data[f"deadlines-{number}-label"] = label
    data.update(overrides)
    return data


def counts():
    return FundingCall.objects.count(), Deadline.objects.count(), Attachment.objects.count()


def test_a_partner_shares_a_call_with_its_deadlines_and_rules(world, login, django_capture_on_commit_callbacks):
    client = login(world, "member_a")
    rules = SimpleUploadedFile("reglement.pdf", b"%PDF-1.4 le reglement", content_type="application/pdf")
    data = form_data(
        world,
        deadlines=[(10, "pre_submission", "lettre d'intention"), (40, "submission", "")],
        **{"attachments-0-title": "Règlement", "attachments-0-file": rules},
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("extranet:funding_call_create"), data)
    call = FundingCall.objects.get(title="Appel à projets jardins partagés")
    assert response.status_code == 302 and response["Location"] == reverse(
        "extranet:funding_call_share", args=[call.pk]
    )
    assert call.visibility == Visibility.ORGANISATION and call.created_by == world.users["member_a"]
    assert [(d.kind, d.label) for d in call.deadlines.all()] == [
        ("pre_submission", "lettre d'intention"),
        ("submission", ""),
    ]
    assert [theme.slug for theme in call.themes.all()] == ["agriculture-et-alimentation"]
    attachment = call.attachments.get()
    assert attachment.title == "Règlement" and attachment.size == len(b"%PDF-1.4 le reglement")
    page = client.get(reverse("extranet:funding_call_detail", args=[call.pk])).content.decode()
    assert "lettre d&#x27;intention" in page or "lettre d'intention" in page
    # Until its organisation widens it, nobody else sees it.
    assert login(world, "member_b").get(reverse("extranet:funding_call_detail", args=[call.pk])).status_code == 404


def test_the_form_shows_the_essentials_first_and_empty_deadline_rows(world, login):
    body = login(world, "member_a").get(reverse("extranet:funding_call_create")).content.decode()
    document = BeautifulSoup(body, "html.parser")
    legends = [legend.get_text(strip=True) for legend in document.select("form > fieldset > legend")]
    assert len(legends) >= 7  # essentials, deadlines, dates, money, funders, eligibility, contact, documents
    first = document.select("form > fieldset")[0]
    assert first.select_one("#id_title") and first.select_one("#id_url") and first.select_one("#id_kind")
    assert len(document.select("input[type=date][name^=deadlines-]")) == 3
    for name in ("title", "url", "summary", "amount_min", "contact_email"):
        field = document.select_one(f"#id_{name}")
        assert document.select_one(f"label[for=id_{name}]"), name
        assert field is not None, name


BAD_INPUT = [
    ({"deadlines": [(-5, "submission", "")]}, "deadlines-0-due_on", "Cette date limite est avant la date d'ouverture"),
    ({"amount_min": "5000", "amount_max": "1000"}, "amount_max", "Le montant maximum ne peut pas être inférieur"),
    ({"cofinancing_rate": "150"}, "cofinancing_rate", "Un taux de financement ne peut pas dépasser 100 %"),
    ({"url": "pas une adresse"}, "url", "Saisissez une URL valide."),
    ({"recurrence": "one_off", "deadlines": [(-9999, "", "")]}, "recurrence", "Donnez au moins une date limite"),
]


@pytest.mark.parametrize("changes, field, message", BAD_INPUT)
def test_bad_input_is_refused_on_the_field_and_what_was_typed_is_kept(world, login, changes, field, message):
    client = login(world, "member_a")
    deadlines = changes.pop("deadlines", None)
    data = form_data(world, deadlines=deadlines, **changes)
    if deadlines and deadlines[0][0] == -9999:  # no deadline at all
        data = {key: value for key, value in data.items() if not key.startswith("deadlines-0-")}
        data["deadlines-0-kind"] = "submission"
    before = counts()
    response = client.post(reverse("extranet:funding_call_create"), data)
    assert response.status_code == 400
    assert counts() == before
    document = BeautifulSoup(response.content, "html.parser")
    error = document.select_one(f"#id_{field}-error")
    assert error is not None and message in error.get_text(), document.select_one("#form-errors")
    assert document.select_one(f"#id_{field}")["aria-invalid"] == "true"
    assert "aria-describedby" in document.select_one(f"#id_{field}").attrs
    assert document.select_one(f"#form-errors a[href='#id_{field}']") is not None
    # What was typed is still there.
    assert document.select_one("#id_title")["value"] == "Appel à projets jardins partagés"
    assert "Des subventions pour les jardins partagés." in document.select_one("#id_summary").get_text()


def test_an_oversized_or_forbidden_document_refuses_the_whole_call(world, login):
    client = login(world, "member_a")
    before = counts()
    big = SimpleUploadedFile("gros.pdf", b"0" * (DOCUMENT_MAX_SIZE + 1), content_type="application/pdf")
    response = client.post(
        reverse("extranet:funding_call_create"),
        form_data(world, **{"attachments-0-title": "Trop gros", "attachments-0-file": big}),
    )
    assert response.status_code == 400
    assert "Ce fichier est trop volumineux" in response.content.decode()
    script = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(
        reverse("extranet:funding_call_create"),
        form_data(world, **{"attachments-0-title": "Virus", "attachments-0-file": script}),
    )
    assert response.status_code == 400
    assert "extension" in response.content.decode().lower()
    assert counts() == before  # the call, its deadlines, its documents: all or nothing


def test_bad_input_in_creole(world, login):
    client = login(world, "member_a")
    with i18n.override("rcf"):
        url = reverse("extranet:funding_call_create")
    assert url.startswith("/rcf/")
    response = client.post(url, form_data(world, url="pa in adrès"))
    assert response.status_code == 400
    error = BeautifulSoup(response.content, "html.parser").select_one("#id_url-error")
    assert error.get_text(strip=True) == "Mark in bon adrès intèrnèt."


def test_editing_moves_and_removes_deadlines(world, login):
    client = login(world, "admin_a")
    call = world.funding_calls[Visibility.PARTNERS]
    first = call.deadlines.get()
    second = Deadline.objects.create(call=call, due_on=first.due_on + timedelta(days=10))
    data = form_data(world, title=call.title, url="https://a.re/nouveau")
    data.update(
        {
            "deadlines-TOTAL_FORMS": "5",
            "deadlines-INITIAL_FORMS": "2",
            "deadlines-0-id": first.pk,
            "deadlines-0-due_on": (first.due_on + timedelta(days=5)).isoformat(),
            "deadlines-0-kind": "submission",
            "deadlines-1-id": second.pk,
            "deadlines-1-due_on": second.due_on.isoformat(),
            "deadlines-1-kind": "submission",
            "deadlines-1-DELETE": "on",
            "attachments-TOTAL_FORMS": "2",
            "attachments-INITIAL_FORMS": "1",
            "attachments-0-id": call.attachment.pk,
            "attachments-0-title": "Règlement 2027",
            "deadlines-3-kind": "submission",
            "deadlines-4-kind": "submission",
        }
    )
    response = client.post(reverse("extranet:funding_call_edit", args=[call.pk]), data)
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select_one("#form-errors")
    call.refresh_from_db()
    assert call.url == "https://a.re/nouveau"
    assert list(call.deadlines.values_list("due_on", flat=True)) == [first.due_on + timedelta(days=5)]
    assert call.attachments.get().title == "Règlement 2027"


def test_the_next_edition_of_a_recurring_call(world, login):
    client = login(world, "admin_a")
    call = world.funding_calls[Visibility.PUBLIC]
    call.recurrence, call.opens_on = FundingCall.Recurrence.RECURRING, timezone.localdate()
    call.save()
    call.themes.set(Theme.objects.filter(locale__language_code="fr", slug="numerique"))
    call.funders.set([world.org_b])
    due_on = call.deadlines.get().due_on
    response = client.post(reverse("extranet:funding_call_duplicate", args=[call.pk]))
    edition = FundingCall.objects.get(previous_edition=call)
    assert response["Location"] == reverse("extranet:funding_call_edit", args=[edition.pk])
    assert edition.title == call.title and edition.url == call.url and edition.owner == call.owner
    assert edition.translation_key != call.translation_key
    assert edition.opens_on.year == call.opens_on.year + 1
    assert [d.due_on for d in edition.deadlines.all()] == [due_on.replace(year=due_on.year + 1)]
    # …and the lists sort it by that date, not by its original's.
    assert FundingCall.objects.with_status().get(pk=edition.pk).next_deadline == due_on.replace(year=due_on.year + 1)
    assert [t.slug for t in edition.themes.all()] == ["numerique"] and list(edition.funders.all()) == [world.org_b]
    assert edition.visibility == Visibility.ORGANISATION  # like any new call, until its owner widens it
    assert client.get(response["Location"]).status_code == 200
    detail = client.get(reverse("extranet:funding_call_detail", args=[call.pk])).content.decode()
    assert reverse("extranet:funding_call_detail", args=[edition.pk]) in detail


@pytest.mark.parametrize("role", ["member_a", "member_b"])
def test_only_editors_prepare_the_next_edition(world, login, role):
    call = world.funding_calls[Visibility.PUBLIC]
    response = login(world, role).post(reverse("extranet:funding_call_duplicate", args=[call.pk]))
    assert response.status_code == 404
    assert not FundingCall.objects.filter(previous_edition=call).exists()
