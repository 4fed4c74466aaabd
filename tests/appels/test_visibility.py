"""Each role sees exactly the calls it may see, on every surface: extranet list, detail, export, calendar,
dashboard, documents, and the public page with its detail pages."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from annuaire.access import Visibility
from appels.models import Deadline, FundingCall
from tests.appels.conftest import detail_url, public_call_url
from tests.extranet.conftest import ROLES, SEES

pytestmark = pytest.mark.django_db

PARTNER_ROLES = [role for role in ROLES if role != "anonymous"]


def title(level):
    return f"Appel {level} de A"


@pytest.mark.parametrize("role", PARTNER_ROLES)
def test_extranet_surfaces_show_only_what_the_role_may_see(world, login, role):
    client = login(world, role)
    due_on = timezone.localdate() + timedelta(days=1)
    Deadline.objects.filter(call__in=world.funding_calls.values()).update(due_on=due_on)
    FundingCall.objects.refresh_deadline_dates()  # a bulk update skips the signals that keep them
    surfaces = {
        "list": client.get(reverse("extranet:funding_call_list")).content.decode(),
        "words": client.get(reverse("extranet:funding_call_list"), {"q": "de A"}).content.decode(),
        "export": client.get(reverse("extranet:funding_call_export")).content.decode("utf-8-sig"),
        "calendar": client.get(
            reverse("extranet:funding_call_month", args=[due_on.year, due_on.month])
        ).content.decode(),
        "dashboard": client.get(reverse("extranet:dashboard")).content.decode(),
    }
    for level in Visibility.values:
        for surface, body in surfaces.items():
            assert (title(level) in body) == (role in SEES[level]), f"{role} / {level} / {surface}"
        call = world.funding_calls[level]
        expected = 200 if role in SEES[level] else 404
        assert client.get(detail_url(call)).status_code == expected, f"{role} / {level} / detail"
        download = client.get(reverse("extranet:funding_call_attachment", args=[call.pk, call.attachment.pk]))
        assert download.status_code == expected, f"{role} / {level} / document"
        if expected == 200:
            assert b"".join(download.streaming_content) == f"règlement {level}".encode()
            assert download["Cache-Control"] == "private, no-store"


def test_the_export_says_status_and_next_deadline(world, login):
    client = login(world, "member_a")
    due_on = timezone.localdate() + timedelta(days=30)
    body = client.get(reverse("extranet:funding_call_export"), {"q": "Appel partners de A"}).content.decode("utf-8-sig")
    lines = body.splitlines()
    assert len(lines) == 2  # the header and the one call
    assert "Appel partners de A" in lines[1] and due_on.isoformat() in lines[1]


def test_the_public_page_lists_public_calls_only(world, client, funding_page):
    body = client.get(funding_page.url).content.decode()
    assert title(Visibility.PUBLIC) in body
    for level in (Visibility.PARTNERS, Visibility.CIRCLE, Visibility.ORGANISATION):
        assert title(level) not in body
        assert f"appel-secret-{level}" not in body


@pytest.mark.parametrize("role", ["anonymous", "member_a", "coordinator"])
def test_public_detail_pages_exist_for_public_calls_only(world, login, funding_page, role):
    client = login(world, role)
    for level in Visibility.values:
        call = world.funding_calls[level]
        expected = 200 if level == Visibility.PUBLIC else 404
        assert client.get(public_call_url(funding_page, call)).status_code == expected, level
        document = funding_page.url + funding_page.reverse_subpage("attachment", args=[call.pk, call.attachment.pk])
        assert client.get(document).status_code == expected, level


def test_a_document_is_served_only_with_its_own_call(world, login):
    client = login(world, "member_b")
    public, secret = world.funding_calls[Visibility.PUBLIC], world.funding_calls[Visibility.ORGANISATION]
    mixed = reverse("extranet:funding_call_attachment", args=[public.pk, secret.attachment.pk])
    assert client.get(mixed).status_code == 404


def test_documents_are_not_reachable_by_a_media_url(world, client, settings):
    attachment = world.funding_calls[Visibility.PUBLIC].attachment
    assert not attachment.file.path.startswith(str(settings.MEDIA_ROOT))
    assert client.get(settings.MEDIA_URL + attachment.file.name).status_code == 404


def test_the_dashboard_puts_the_calls_i_follow_first(world, login):
    from appels.models import Interest

    client = login(world, "member_b")
    later = world.funding_calls[Visibility.PARTNERS]
    Deadline.objects.filter(call=later).update(due_on=timezone.localdate() + timedelta(days=300))
    FundingCall.objects.refresh_deadline_dates()
    Interest.objects.create(call=later, user=world.users["member_b"], organisation=world.org_b)
    body = client.get(reverse("extranet:dashboard")).content.decode()
    section = BeautifulSoup(body, "html.parser").find(id="section-deadlines").parent
    first = section.select("li")[0]
    assert "Appel partners de A" in first.get_text()
    assert first.select_one(".badge") is not None  # "you follow it"
