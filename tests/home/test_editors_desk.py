"""The admin's home page tells editors what waits for them, only what they may act on, in constant queries."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail_localize.synctree import synchronize_tree

from agenda.models import CalendarSource, Event
from annuaire import access
from annuaire.access import Visibility
from annuaire.models import Membership, Organisation
from home import editors_desk
from home.admin_panels import DESK_PANELS
from home.models import ContactSubmission, EditorPreference, StandardPage
from tests.appels.conftest import make_call
from tests.factories import UserFactory
from tests.helpers import sign_in_verified

pytestmark = pytest.mark.django_db

# The whole admin home page, Wagtail's own panels included, for a superuser who passed the second factor.
HOME_QUERIES = 35  # with the searches that found nothing this week (search/admin_panels.py)
# Each panel of the desk alone, its look-ups and its rows: a count and a short list, whatever waits.
PANEL_QUERIES = {"moderation": 2, "contact": 3, "creole": 4, "deadlines": 2, "events": 2}


@pytest.fixture
def alambic():
    return Organisation.objects.get(name="Médiathèque L'Alambic")


@pytest.fixture
def partner(alambic):
    user = UserFactory(username="paule.hoarau@alambic.re", first_name="Paule", last_name="Hoarau")
    Membership.objects.create(user=user, organisation=alambic)
    return user


def waiting_event(owner, partner, title, **fields):
    start = timezone.now() + timedelta(days=10)
    event = Event(title=title, owner=owner, start=start, end=start + timedelta(hours=2), live=False, **fields)
    event.save()
    access.share(event, visibility=fields.pop("visibility", Visibility.PUBLIC))
    event.save_revision(user=partner)
    return event


@pytest.fixture
def editor(client):
    user = UserFactory(username="editrice@caserurale.re", is_staff=True, is_superuser=True)
    sign_in_verified(client, user)
    return user


def message(name):
    return ContactSubmission.objects.create(name=name, email="h@ex.re", subject="Salle", message="?", language="fr")


def panel(html, name):
    match = re.search(rf'id="desk-{name}-section".*?</section>', html, re.S)
    return match.group(0) if match else ""


def home(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_home_page_lists_what_waits_oldest_first_with_who_and_when(client, editor, alambic, partner):
    waiting_event(alambic, partner, "Lecture de contes kréol")
    calendar = CalendarSource.objects.create(
        organisation=alambic, name="Agenda Google de L'Alambic", url="https://example.org/a.ics"
    )
    waiting_event(alambic, None, "Atelier numérique importé", source=calendar, visibility=Visibility.PARTNERS)
    ContactSubmission.objects.create(
        name="Josiane Grondin", email="j.grondin@example.re", subject="Salle", message="Réserver", language="rcf"
    )
    html = home(client)
    moderation = panel(html, "moderation")
    assert moderation.index("Lecture de contes kréol") < moderation.index("Atelier numérique importé")
    assert "Paule Hoarau" in moderation and "Agenda Google de L&#x27;Alambic" in moderation
    assert "Josiane Grondin" in panel(html, "contact")
    assert panel(html, "creole") and panel(html, "deadlines") and panel(html, "events")


def test_an_editor_without_rights_on_events_sees_no_moderation_panel(client, alambic, partner):
    waiting_event(alambic, partner, "Lecture de contes kréol")
    user = UserFactory(username="stagiaire@caserurale.re", is_staff=True)
    group = Group.objects.create(name="Messages seulement")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_contactsubmission")
    )
    user.groups.add(group)
    sign_in_verified(client, user)
    html = home(client)
    assert not panel(html, "moderation") and not panel(html, "events") and not panel(html, "deadlines")
    assert panel(html, "contact")


def test_contact_messages_are_new_until_the_editor_marks_them_read_and_a_get_writes_nothing(client, editor):
    message("Josiane Grondin")
    with CaptureQueriesContext(connection) as queries:
        html = home(client)
    writes = [q["sql"] for q in queries if re.match(r"\s*(INSERT|UPDATE|DELETE)", q["sql"], re.I)]
    # The session's expiry is refreshed by the middleware, not by the page: only django_session may be written.
    assert all("django_session" in sql for sql in writes), writes
    assert not EditorPreference.objects.exists()
    up_to = re.search(r'name="up_to" value="([^"]+)"', html).group(1)
    response = client.post(reverse("editors_desk_contact_seen"), {"up_to": up_to})
    assert response.status_code == 302
    assert "Josiane Grondin" not in panel(home(client), "contact")
    message("Mickaël Payet")
    assert "Mickaël Payet" in panel(home(client), "contact")


def test_the_home_page_makes_as_many_queries_for_one_waiting_event_as_for_twelve(
    client, editor, alambic, partner, django_assert_num_queries
):
    waiting_event(alambic, partner, "Événement 0")
    home(client)
    with CaptureQueriesContext(connection) as few:
        home(client)
    for number in range(1, 12):
        waiting_event(alambic, partner, f"Événement {number}")
        message(f"Habitant {number}")
    with django_assert_num_queries(len(few.captured_queries)):
        html = home(client)
    assert "data-desk-count>12<" in panel(html, "moderation")
    assert len(few.captured_queries) == HOME_QUERIES


def test_the_admin_home_asks_nothing_of_a_third_party(client, editor):
    html = home(client)
    # What the browser fetches by itself: images, scripts, styles, fonts, frames (links are not followed).
    hosts = re.findall(r'(?:src|srcset)="(?:https?:)?//([^"/]+)', html)
    hosts += re.findall(r'<link[^>]*href="(?:https?:)?//([^"/]+)', html)
    external = [host for host in hosts if host != "testserver"]
    assert not external, external
    assert "gravatar" not in html.lower()


def test_the_editors_guide_is_in_the_help_menu_and_in_french_with_its_creole_words(client, editor):
    html = home(client)
    assert reverse("editors_guide") in html
    guide = client.get(reverse("editors_guide")).content.decode()
    for heading in (
        "Publier une page",
        "Traduire en créole",
        "Modérer un événement",
        "appel à projets",
        "inscriptions",
    ):
        assert heading in guide
    assert '<span lang="rcf">lazanda</span>' in guide


def more_of_everything(alambic, partner, number):
    """``number`` more of what each panel lists: waiting events, messages, public deadlines and events,
    French pages not translated into Creole."""
    soon = timezone.localdate() + timedelta(days=20)
    parent = Page.objects.get(slug="le-projet", locale__language_code="fr")
    for _ in range(number):
        index = Event.objects.count()
        waiting_event(alambic, partner, f"Événement en attente {index}")
        message(f"Habitant {index}")
        make_call(alambic, f"Appel public {index}", deadlines=[soon])
        start = timezone.now() + timedelta(days=3, hours=index)
        event = Event.objects.create(title=f"Événement public {index}", owner=alambic, start=start, end=start)
        access.share(event, visibility=Visibility.PUBLIC)
        event.sync_occurrences()  # on commit otherwise, and this test does not commit
        parent.add_child(instance=StandardPage(title=f"Page à traduire {index}", slug=f"a-traduire-{index}"))
    synchronize_tree(Locale.objects.get(language_code="fr"), Locale.objects.get(language_code="rcf"))


def render_panel(panel_class, user):
    request = RequestFactory().get(reverse("wagtailadmin_home"))
    request.user = user
    return panel_class(request).render_html({"request": request})


@pytest.mark.parametrize("panel_class", DESK_PANELS, ids=lambda panel_class: panel_class.name)
def test_each_panel_makes_as_many_queries_for_twelve_items_as_for_one(
    panel_class, editor, alambic, partner, django_assert_num_queries
):
    more_of_everything(alambic, partner, 1)
    render_panel(panel_class, editor)  # content types and translations in their caches
    with CaptureQueriesContext(connection) as few:
        render_panel(panel_class, editor)
    more_of_everything(alambic, partner, 11)
    with django_assert_num_queries(len(few.captured_queries)):
        html = render_panel(panel_class, editor)
    assert html.count("<li>") >= editors_desk.SHOWN, f"{panel_class.name} lists its first rows"
    assert len(few.captured_queries) == PANEL_QUERIES[panel_class.name]
