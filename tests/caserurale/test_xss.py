"""Hostile text through the residents' forms and the public parameters: stored as typed, never run."""

import pytest

from agenda.models import AgendaPage
from caserurale.sanitize import clean_rich_text
from home.models import ContactSubmission
from tests.xss import PAYLOADS, assert_clean

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("payload", PAYLOADS)
def test_search_and_agenda_filters_reflect_nothing_runnable(client, payload):
    for url in ("/recherche/", "/rcf/recherche/"):
        assert_clean(client.get(url, {"q": payload}))
    agenda = AgendaPage.objects.get(locale__language_code="fr").url
    response = client.get(agenda, {"theme": payload, "du": payload, "lieu": payload, "page": payload})
    assert response.status_code == 200
    assert_clean(response)
    assert_clean(client.get(agenda + "mois/2026/12/", {"public": payload, "accessible": payload}))


@pytest.mark.parametrize("payload", PAYLOADS[:3])
def test_residents_forms_store_text_and_show_text(client, payload, django_capture_on_commit_callbacks):
    response = client.post(
        "/contact/", {"name": payload, "email": "x@example.re", "subject": payload, "message": payload}
    )
    assert response.status_code == 302
    assert ContactSubmission.objects.filter(name=payload, subject=payload, message=payload).exists()  # as typed
    shown_again = client.post("/contact/", {"name": payload, "email": "not-an-address", "subject": payload})
    assert shown_again.status_code == 400
    assert_clean(shown_again)


def test_rich_text_from_outside_the_editor_keeps_only_allowed_markup():
    dirty = (
        '<p onclick="steal()">Bonjour <script>alert(1)</script><a href="javascript:alert(1)">ici</a>'
        '<a linktype="page" id="3">page</a><iframe src="https://evil.example"></iframe>'
        '<img src=x onerror="alert(1)"><strong>fort</strong></p>'
    )
    assert clean_rich_text(dirty) == '<p>Bonjour <a>ici</a><a linktype="page" id="3">page</a><strong>fort</strong></p>'
