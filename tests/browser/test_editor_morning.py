"""An editor's morning in the admin: second factor, the desk's panels, one event approved and one
sent back with a comment, a new French page translated into Creole and published, then the editors'
guide. Real browser, real server, the demo site."""

import importlib
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource
from wagtail_localize.synctree import synchronize_tree

from agenda import moderation
from agenda.models import Event, ModerationNotice
from annuaire import access
from annuaire.access import Visibility
from annuaire.models import Organisation
from home.demo.seed import DEMO_ADMIN
from home.models import StandardPage

pytestmark = pytest.mark.django_db
workflow_migration = importlib.import_module("agenda.migrations.0006_partner_events_workflow")
TITLES = ("Matinée compost au jardin partagé", "Veillée contes créoles à la médiathèque")
COMMENT = "Merci de préciser l'heure de fin et l'accès pour les fauteuils."
# The page the editor translates, and the words they type into wagtail-localize's editor.
FRENCH = {"title": "Horaires d’été de la Case Rurale", "intro": "Nous fermons le lundi en janvier."}
CREOLE = {"Titre": "Lèr lété la Kaz Riral", "Introduction": "Nou ferm lo lindi an zanvié."}
# Set to a folder to keep screenshots of the pages at 1280 and 375 px (looked at by hand).
SHOTS = os.environ.get("EDITORS_SHOTS")


@pytest.fixture(scope="module")
def waiting(live_site, django_db_blocker):
    """Two partners' public events submitted to the workflow, committed for the live server."""
    with django_db_blocker.unblock():
        workflow_migration.create_workflow(apps, None)
        organisation = Organisation.objects.get(name="Médiathèque L'Alambic")
        partner = organisation.memberships.select_related("user").first().user
        start = timezone.now() + timedelta(days=12)
        events = []
        for title in TITLES:
            event = Event(title=title, owner=organisation, start=start, end=start + timedelta(hours=2), live=False)
            event.save()
            access.share(event, visibility=Visibility.PUBLIC)
            moderation.submit(event, partner)
            events.append(event)
        yield events
        ModerationNotice.objects.filter(revision__object_id__in=[str(event.pk) for event in events]).delete()
        for event in events:
            event.refresh_from_db()
            if event.current_workflow_state:
                event.current_workflow_state.delete()
            event.delete()


@pytest.fixture(scope="module")
def untranslated(live_site, django_db_blocker):
    """A new French page, still a Creole alias of itself (what the Creole panel lists), committed."""
    with django_db_blocker.unblock():
        parent = Page.objects.get(slug="le-projet", locale__language_code="fr")
        page = StandardPage(slug="horaires-ete", **FRENCH)
        parent.add_child(instance=page)
        page.save_revision().publish()
        synchronize_tree(Locale.objects.get(language_code="fr"), Locale.objects.get(language_code="rcf"))
        yield page
        TranslationSource.objects.filter(object_id=page.translation_key).delete()
        for translated in Page.objects.filter(translation_key=page.translation_key).order_by("-locale__pk"):
            translated.delete()


def shoot(browser, state, url, name):
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (1280, 375):
        context = browser.new_context(viewport={"width": width, "height": 900}, storage_state=state)
        page = context.new_page()
        page.goto(url)
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
        context.close()


def open_actions(page):
    """The footer's menu of actions, where the workflow's decisions are."""
    page.locator("footer button.w-dropdown__toggle[data-w-dropdown-target='toggle']").click()


def test_an_editors_morning(live_site, waiting, untranslated, page, browser):
    base = live_site.url
    approved, sent_back = waiting
    page.goto(f"{base}/admin/login/")
    page.fill('input[name="username"]', DEMO_ADMIN["username"])
    page.fill('input[name="password"]', DEMO_ADMIN["password"])
    with page.expect_navigation():
        page.locator("form button[type=submit]").first.click()
    device = TOTPDevice.objects.get(user__username=DEMO_ADMIN["username"], confirmed=True)
    page.fill('input[name="code"]', f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}")
    with page.expect_navigation():
        page.locator("form.form button[type=submit]").click()

    with page.expect_navigation():
        page.goto(f"{base}/admin/")
    moderation_panel = page.locator("#desk-moderation-section")
    for title in TITLES:
        assert moderation_panel.get_by_text(title).count() == 1
    assert page.locator("#desk-contact-section, #desk-creole-section").count() >= 1
    shoot(browser, page.context.storage_state(), f"{base}/admin/", "admin-home")

    # Approve the first from its edit view.
    with page.expect_navigation():
        moderation_panel.get_by_role("link", name=TITLES[0]).click()
    open_actions(page)
    with page.expect_navigation():
        page.locator("footer button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])").click()
    approved.refresh_from_db()
    assert approved.live

    # Send the second back with a comment.
    with page.expect_navigation():
        page.goto(f"{base}/admin/")
    with page.expect_navigation():
        page.locator("#desk-moderation-section").get_by_role("link", name=TITLES[1]).click()
    open_actions(page)
    page.locator("footer button[data-workflow-action-name='reject']").click()
    page.locator("textarea[name='comment']").fill(COMMENT)
    with page.expect_navigation():
        page.locator(".modal button[type=submit], .modal input[type=submit]").first.click()
    sent_back.refresh_from_db()
    assert not sent_back.live
    notice = ModerationNotice.objects.get(outcome=ModerationNotice.Outcome.SENT_BACK, comment=COMMENT)
    assert notice.revision.object_id == str(sent_back.pk)

    with page.expect_navigation():
        page.goto(f"{base}/admin/")
    assert page.locator("#desk-moderation-section").get_by_text(TITLES[0]).count() == 0

    translate_into_creole(page, base, untranslated)

    with page.expect_navigation():
        page.goto(f"{base}/admin/bureau/guide/")
    assert page.locator("main h1, main h2").first.is_visible()
    assert page.get_by_text("Modérer").count() >= 1
    shoot(browser, page.context.storage_state(), f"{base}/admin/bureau/guide/", "guide")
    assert page.failed_requests == []


def translate_into_creole(page, base, french):
    """From the Creole panel to the translation published under /rcf/, with wagtail-localize's editor."""
    with page.expect_navigation():
        page.goto(f"{base}/admin/")
    creole_panel = page.locator("#desk-creole-section")
    with page.expect_navigation():
        creole_panel.get_by_role("link", name=FRENCH["title"]).click()
    with page.expect_navigation():
        page.get_by_role("link", name="Traduire cette page").click()
    assert page.get_by_label("Kréol rényoné").is_checked()
    with page.expect_navigation():
        page.get_by_role("button", name="Soumettre").click()
    for field, words in CREOLE.items():
        segment = page.locator("li", has=page.get_by_role("heading", name=field, exact=True))
        segment.get_by_role("button", name="Traduire").click()
        page.keyboard.type(words)
        page.keyboard.press("Enter")  # saves the segment, as its Save button does
        segment.get_by_role("button", name="Modifier").wait_for()  # saved: it may be edited again
    with page.expect_navigation():
        page.get_by_role("button", name="Publier dans").click()
    creole = Page.objects.get(translation_key=french.translation_key, locale__language_code="rcf")
    assert creole.alias_of_id is None and creole.live

    with page.expect_navigation():
        page.goto(f"{base}/rcf/le-projet/horaires-ete/")
    main = page.locator("main")
    assert main.get_attribute("lang") != "fr", "a translation, no longer the French text"
    for words in CREOLE.values():
        assert main.get_by_text(words).count() >= 1, words

    with page.expect_navigation():
        page.goto(f"{base}/admin/")
    assert page.locator("#desk-creole-section").get_by_text(FRENCH["title"]).count() == 0
