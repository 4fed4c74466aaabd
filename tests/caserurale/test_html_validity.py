"""Every public and partner page type, in French and Creole, passes the Nu HTML Checker (vnu-jar from npm)."""

import json
import os
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from agenda.models import AgendaPage, Event
from extranet.models import Document, Resource
from reservations.models import Booking
from tests.factories import UserFactory
from tests.helpers import sign_in_verified

pytestmark = pytest.mark.django_db

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def public_paths(language="fr"):
    """The public pages, without the language prefix; an event has its own row in each language."""
    today = timezone.localdate()
    agenda = AgendaPage.objects.get(locale__language_code="fr").url
    event = Event.objects.get(title="Atelier fabrication de savon avec Nadine", locale__language_code="fr")
    event = Event.objects.filter(translation_key=event.translation_key, locale__language_code=language).first() or event
    return [
        "/",
        "/le-projet/",
        "/manifeste/",
        "/actualites/",
        "/contact/",
        "/qui-fait-quoi/",
        "/qui-fait-quoi/?public=familles&besoin=food&sans_rdv=1",
        "/qui-fait-quoi/cyberun/",
        "/qui-fait-quoi/lieux/pole-lena/",
        "/par-ou-commencer/",
        "/par-ou-commencer/s-installer-en-agriculture/",
        "/par-ou-commencer/questions/?public=porteurs-de-projet",
        "/par-ou-commencer/resultat/?public=porteurs-de-projet&besoin=agriculture&stade=idee",
        "/plan-du-site/",
        "/recherche/?q=atelier",
        agenda,
        f"{agenda}?theme=numerique&gratuit=1",
        f"{agenda}mois/{today.year}/{today.month}/",
        f"{agenda}evenement/{event.pk}/",
        f"{agenda}evenement/{event.pk}/inscription/",
    ]


def partner_paths(user):
    today = timezone.localdate()
    room = Resource.objects.editable_by(user).order_by("pk").first().pk
    next_week = (today + timedelta(days=7)).isoformat()
    return [
        "/extranet/",
        "/extranet/agenda/",
        f"/extranet/agenda/mois/{today.year}/{today.month}/",
        "/extranet/agenda/nouveau/",
        f"/extranet/agenda/{Event.objects.filter(locale__language_code='fr').first().pk}/",
        "/extranet/ressources/",
        f"/extranet/ressources/{Resource.objects.visible_to(user).first().pk}/",
        "/extranet/documents/",
        f"/extranet/documents/{Document.objects.visible_to(user).first().pk}/",
        "/extranet/organisations/",
        "/extranet/membres/",
        "/extranet/cercles/",
        "/extranet/agendas-importes/",
        "/extranet/recherche/?q=salle",
        "/extranet/compte/",
        # Bookings (the demo's are next week's, on the Alambic's meeting room)
        f"/extranet/ressources/{room}/reserver/",
        f"/extranet/ressources/{room}/semaine/?semaine={next_week}",
        f"/extranet/ressources/{room}/regles/",
        "/extranet/reservations/",
        f"/extranet/reservations/libre/?day={next_week}&starts=10:00&ends=11:00",
        f"/extranet/reservations/{Booking.objects.decided_by(user).order_by('pk').first().pk}/",
    ]


def vnu_errors(pages, tmp_path):
    if not VNU.exists() or shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("The Nu HTML Checker needs Java and `npm ci` (make test installs both).")
        pytest.skip("Java or vnu-jar missing")
    files = []
    for number, (path, html) in enumerate(pages):
        file = tmp_path / f"page{number}.html"
        file.write_bytes(html)
        files.append((str(file), path))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *[file for file, _path in files]],
        capture_output=True,
        text=True,
        timeout=300,
    )
    paths = {f"file:{file}": path for file, path in files}
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [f"{paths.get(m.get('url'), m.get('url'))}: {m['message']}" for m in messages if m["type"] == "error"]


def test_public_and_partner_pages_have_no_html_error(client, tmp_path):
    pages = []
    for prefix, language in (("", "fr"), ("/rcf", "rcf")):
        for path in public_paths(language):
            response = client.get(prefix + path)
            assert response.status_code == 200, prefix + path
            pages.append((prefix + path, response.content))
    partner = get_user_model().objects.get(username="admin@alambic.re")
    client.force_login(partner)
    for prefix in ("", "/rcf"):
        for path in partner_paths(partner):
            response = client.get(prefix + path)
            assert response.status_code == 200, prefix + path
            pages.append((prefix + path, response.content))
    assert vnu_errors(pages, tmp_path) == []


def test_the_editors_guide_has_no_html_error(client, tmp_path):
    editor = UserFactory(username="guide@caserurale.re", is_staff=True, is_superuser=True)
    sign_in_verified(client, editor)
    response = client.get(reverse("editors_guide"))
    assert response.status_code == 200
    assert vnu_errors([("/admin/bureau/guide/", response.content)], tmp_path) == []
