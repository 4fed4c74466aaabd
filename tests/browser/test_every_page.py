"""Every public and partner page type, in French and Creole, in headless Chromium.

For each page: axe-core finds no violation at all (every rule it runs by default, best practices
included), the console shows no error, no request fails or answers 400 or more (apart from the
document of the pages that answer 404 on purpose), and on a 320 px wide screen nothing is wider than
the screen. The Nu HTML Checker reads the same pages in tests/caserurale/test_html_validity.py.

The demo site is seeded once for this module and the pages only read it, so the tests do not use
pytest-django's ``live_server`` (it would empty the database after each test): the module starts a
live server of its own, and keeps one browser context per screen width and per visitor.
"""

import io
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from pytest_django.live_server_helper import LiveServer

from agenda.models import Event
from appels.models import FundingCall, SavedSearch
from extranet.models import Document, Resource
from tests.browser.conftest import run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PASSWORD = "Partenaire-demo-2030"
PARTNER = "admin@alambic.re"
LANGUAGES = {"fr": "", "rcf": "/rcf"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 320, "height": 640}
SAVED_SEARCH = "Numérique"


@dataclass(frozen=True)
class PageType:
    name: str
    path: str  # may name the objects of ``objects()``: {event}, {resource}…
    status: int = 200
    partner: bool = False


def objects(partner):
    """What the pages are about: a public event and call, the month, and what the partner may edit."""
    today = timezone.localdate()

    def editable(model):
        found = model.objects.filter(locale__language_code="fr") if hasattr(model, "locale") else model.objects
        return found.editable_by(partner).order_by("pk").values_list("pk", flat=True).first()

    return {
        "month": f"{today.year}/{today.month}",
        "event": Event.objects.get(title="Atelier fabrication de savon avec Nadine", locale__language_code="fr").pk,
        "call": FundingCall.objects.for_public_site().filter(locale__language_code="fr").order_by("pk").first().pk,
        "own_resource": editable(Resource),
        "own_document": editable(Document),
        "own_event": editable(Event),
        "own_call": editable(FundingCall),
        "unsubscribe": SavedSearch.objects.get(user=partner, name=SAVED_SEARCH).unsubscribe_token,
    }


PUBLIC = [
    PageType("home", "/"),
    PageType("standard page", "/le-projet/"),
    PageType("manifesto", "/manifeste/"),
    PageType("news", "/actualites/"),
    PageType("article", "/actualites/fabrique-1-les-fondations/"),
    PageType("site map", "/plan-du-site/"),
    PageType("contact form", "/contact/"),
    PageType("contact thanks", "/contact/merci/"),
    PageType("directory", "/qui-fait-quoi/"),
    PageType("directory filtered", "/qui-fait-quoi/?type=association"),
    PageType("organisation", "/qui-fait-quoi/mediatheque-lalambic/"),
    PageType("agenda", "/agenda/"),
    PageType("agenda filtered", "/agenda/?theme=numerique&gratuit=1"),
    PageType("agenda month", "/agenda/mois/{month}/"),
    PageType("event", "/agenda/evenement/{event}/"),
    PageType("registration form", "/agenda/evenement/{event}/inscription/"),
    PageType("registration cancel, expired link", "/agenda/inscription/annuler/1/expired/"),
    PageType("funding calls", "/financer-mon-projet/"),
    PageType("funding calls filtered", "/financer-mon-projet/?theme=numerique&ouverts=1"),
    PageType("funding call", "/financer-mon-projet/appel/{call}/"),
    PageType("search", "/recherche/"),
    PageType("search results", "/recherche/?q=atelier"),
    PageType("search without results", "/recherche/?q=zzzyxw"),
    PageType("page not found", "/cette-page-n-existe-pas/", status=404),
    PageType("login", "/extranet/connexion/"),
    PageType("password reset", "/extranet/mot-de-passe/oublie/"),
    PageType("password reset sent", "/extranet/mot-de-passe/oublie/envoye/"),
    PageType("password reset, expired link", "/extranet/mot-de-passe/nouveau/MQ/expired-token/"),
    PageType("password reset done", "/extranet/mot-de-passe/nouveau/termine/"),
    PageType("invitation, expired link", "/extranet/invitation/expired/", status=404),
    PageType("alert unsubscribe", "/extranet/appels/alertes/desabonnement/{unsubscribe}/"),
]

# Pages that only answer POST (delete, leave, duplicate, change a member's role) have no page of their own.
EXTRANET = [
    PageType("dashboard", "/extranet/"),
    PageType("organisations", "/extranet/organisations/"),
    PageType("organisation", "/extranet/organisations/mediatheque-lalambic/"),
    PageType("invite", "/extranet/organisations/mediatheque-lalambic/inviter/"),
    PageType("members", "/extranet/membres/"),
    PageType("circles", "/extranet/cercles/"),
    PageType("circle", "/extranet/cercles/partenaires-du-pat/"),
    PageType("resources", "/extranet/ressources/"),
    PageType("resources filtered", "/extranet/ressources/?q=salle"),
    PageType("resource", "/extranet/ressources/{own_resource}/"),
    PageType("resource form", "/extranet/ressources/nouvelle/"),
    PageType("resource edit", "/extranet/ressources/{own_resource}/modifier/"),
    PageType("resource sharing", "/extranet/ressources/{own_resource}/partage/"),
    PageType("documents", "/extranet/documents/"),
    PageType("document", "/extranet/documents/{own_document}/"),
    PageType("document form", "/extranet/documents/nouveau/"),
    PageType("document edit", "/extranet/documents/{own_document}/modifier/"),
    PageType("document sharing", "/extranet/documents/{own_document}/partage/"),
    PageType("events", "/extranet/agenda/"),
    PageType("events month", "/extranet/agenda/mois/{month}/"),
    PageType("event", "/extranet/agenda/{own_event}/"),
    PageType("event form", "/extranet/agenda/nouveau/"),
    PageType("event edit", "/extranet/agenda/{own_event}/modifier/"),
    PageType("event sharing", "/extranet/agenda/{own_event}/partage/"),
    PageType("funding calls", "/extranet/appels/"),
    PageType("funding calls filtered", "/extranet/appels/?q=tiers&statut=open"),
    PageType("funding deadlines", "/extranet/appels/echeances/{month}/"),
    PageType("funding call", "/extranet/appels/{own_call}/"),
    PageType("funding call form", "/extranet/appels/nouveau/"),
    PageType("funding call edit", "/extranet/appels/{own_call}/modifier/"),
    PageType("funding call sharing", "/extranet/appels/{own_call}/partage/"),
    PageType("funding alerts", "/extranet/appels/alertes/"),
    PageType("funding alert form", "/extranet/appels/alertes/nouvelle/"),
    PageType("deadline calendar", "/extranet/appels/calendrier/"),
    PageType("imported calendars", "/extranet/agendas-importes/"),
    PageType("imported calendar form", "/extranet/agendas-importes/nouveau/"),
    PageType("search", "/extranet/recherche/?q=salle"),
    PageType("search without results", "/extranet/recherche/?q=zzzyxw"),
    PageType("profile", "/extranet/compte/"),
    PageType("password change", "/extranet/compte/mot-de-passe/"),
    PageType("e-mail change", "/extranet/compte/adresse/"),
    PageType("deactivate account", "/extranet/compte/desactiver/"),
    PageType("second factor", "/extranet/compte/securite/"),
]
EXTRANET = [PageType(f"extranet {p.name}", p.path, p.status, partner=True) for p in EXTRANET]

CASES = [
    pytest.param(language, page_type, id=f"{language}-{page_type.name.replace(' ', '-')}")
    for page_type in PUBLIC + EXTRANET
    for language in LANGUAGES
]


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker, browser):
    """The demo site, seeded once, a live server that reads it, and one browser context per screen
    width and visitor, the partner's signed in. All made outside the tests' transactions, which are
    rolled back: a session or a saved search made inside one would be gone for the next test."""
    with django_db_blocker.unblock():
        # Seeded for the session already, unless a test that commits emptied this database since.
        call_command("load_demo_content", stdout=io.StringIO())
        partner = get_user_model().objects.get(username=PARTNER)
        SavedSearch.objects.get_or_create(user=partner, name=SAVED_SEARCH, defaults={"query": "theme=numerique"})
        server = LiveServer("127.0.0.1")
        contexts = {}
        for viewport in (DESKTOP, PHONE):
            for signed_in in (False, True):
                context = contexts[viewport["width"], signed_in] = browser.new_context(viewport=viewport)
                if signed_in:
                    sign_in(context, server.url)
        yield Site(server.url, contexts)
        for context in contexts.values():
            context.close()
        server.stop()


@dataclass
class Site:
    url: str
    contexts: dict

    def context(self, viewport, partner):
        return self.contexts[viewport["width"], partner]


def sign_in(context, base_url):
    page = context.new_page()
    page.goto(f"{base_url}/extranet/connexion/")
    page.fill('input[name="username"]', PARTNER)
    page.fill('input[name="password"]', PASSWORD)
    page.locator('main form button[type="submit"]').click()
    page.wait_for_url(f"{base_url}/extranet/")
    page.close()


WIDEST = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.body.querySelectorAll("*")].filter(e => e.getBoundingClientRect().right > width + 0.5);
    const innermost = wide.filter(e => !wide.some(other => other !== e && e.contains(other)));
    return [document.documentElement.scrollWidth, innermost.slice(0, 5).map(e => e.outerHTML.slice(0, 160))];
}"""


def visit(context, url, status):
    """Open ``url``; the open page, and what went wrong in the console and on the network."""
    page = context.new_page()
    problems = []

    def deliberate(response_url, response_status):
        """The document of a page that answers 404 on purpose (Chromium also logs it as an error)."""
        return response_url == url and response_status == status

    def console(message):
        if message.type == "error" and not (
            deliberate(message.location.get("url"), status) and message.text.startswith("Failed to load resource")
        ):
            problems.append(f"console: {message.text} ({message.location.get('url')})")

    def response(response):
        if response.status >= 400 and not (
            response.request.is_navigation_request() and deliberate(response.url, response.status)
        ):
            problems.append(f"HTTP {response.status}: {response.url}")

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url} {request.failure}"))
    page.on("response", response)
    answer = page.goto(url)
    assert answer.status == status, f"{url} answered {answer.status}"
    return page, problems


@pytest.mark.parametrize(("language", "page_type"), CASES)
def test_page_has_no_accessibility_console_network_or_width_problem(site, language, page_type):
    partner = get_user_model().objects.get(username=PARTNER)
    url = site.url + LANGUAGES[language] + page_type.path.format(**objects(partner))
    found = {}

    page, found["console and network, 1280 px"] = visit(site.context(DESKTOP, page_type.partner), url, page_type.status)
    assert page.locator("html").get_attribute("lang") == language
    found["axe-core, 1280 px"] = run_axe(page)
    page.close()

    # The phone layout is another page for axe too: menus, tables turned into lists, stacked forms.
    phone, found["console and network, 320 px"] = visit(site.context(PHONE, page_type.partner), url, page_type.status)
    found["axe-core, 320 px"] = [v for v in run_axe(phone) if v not in found["axe-core, 1280 px"]]
    scroll_width, widest = phone.evaluate(WIDEST)
    if scroll_width > PHONE["width"]:
        found[f"{scroll_width} px wide at 320 px"] = widest
    phone.close()

    assert {check: problems for check, problems in found.items() if problems} == {}
