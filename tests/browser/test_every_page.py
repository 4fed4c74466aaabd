"""Every public and partner page type, in French and Creole, in headless Chromium.

For each page: axe-core finds no violation at all (every rule it runs by default, best practices
included), the console shows no error, no request fails or answers 400 or more (apart from the
document of a page that answers 400 or 404 on purpose), and on a 320 px wide screen nothing is wider
than the screen, and the Nu HTML Checker (vnu-jar, run once as a local web service) finds no error
in the document the server sent.

The pages only read the demo site, so they use the browser tests' shared live server on the demo
(``live_site``): pytest-django's ``live_server`` would empty the database after each test. Each visitor signs
in once; their two browser contexts (desktop, phone) share the session. These tests run last
(tests/browser/conftest.py): what they commit, sessions and a few objects, is seen by no other test.
"""

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, replace
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from agenda.models import Event, Registration
from agenda.registrations import cancel_token
from annuaire.models import Membership, Organisation, Service
from appels.models import FundingCall, SavedSearch
from extranet.models import Document, Invitation, Resource
from reservations.models import Booking
from tests.browser.conftest import ROOT, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PASSWORD = "Partenaire-demo-2030"
LANGUAGES = {"fr": "", "rcf": "/rcf"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 320, "height": 640}
# Who opens the page: the partner is an admin of the Médiathèque L'Alambic (with a second factor
# they may use), the member has none yet, the coordinator must give a code before the extranet.
VISITORS = {
    "anonymous": None,
    "partner": "admin@alambic.re",
    "member": "membre@alambic.re",
    "coordinator": "coordination@caserurale.re",
    "coordinator before the code": "coordination@caserurale.re",
    "newcomer": "sans-organisation@exemple.re",  # an account in no organisation yet
}
SOAP_WORKSHOP = "Atelier fabrication de savon avec Nadine"


@dataclass(frozen=True)
class PageType:
    name: str
    path: str  # may name what ``objects()`` finds: {event}, {own_resource}…
    visitor: str = "anonymous"
    submit: bool = False  # sent empty, to show the form with its mistakes
    status: int = 200  # of the document finally shown


PUBLIC = [
    PageType("home", "/"),
    PageType("standard page", "/le-projet/"),
    PageType("manifesto", "/manifeste/"),
    PageType("news", "/actualites/"),
    PageType("article", "/actualites/fabrique-1-les-fondations/"),
    PageType("site map", "/plan-du-site/"),
    PageType("contact form", "/contact/"),
    PageType("contact form with mistakes", "/contact/", submit=True, status=400),
    PageType("contact thanks", "/contact/merci/"),
    PageType("directory", "/qui-fait-quoi/"),
    PageType("directory filtered", "/qui-fait-quoi/?public=familles&besoin=food&sans_rdv=1"),
    PageType("directory filtered, nothing found", "/qui-fait-quoi/?besoin=funding&lieu=pole-lena"),
    PageType("organisation", "/qui-fait-quoi/mediatheque-lalambic/"),
    PageType("organisation with services", "/qui-fait-quoi/cyberun/"),
    PageType("place", "/qui-fait-quoi/lieux/pole-lena/"),
    PageType("pathways", "/par-ou-commencer/"),
    PageType("pathway", "/par-ou-commencer/s-installer-en-agriculture/"),
    PageType("questionnaire, first question", "/par-ou-commencer/questions/"),
    PageType("questionnaire, second question", "/par-ou-commencer/questions/?public=porteurs-de-projet"),
    PageType("questionnaire result", "/par-ou-commencer/resultat/?public=agriculteurs&besoin=agriculture&stade=idee"),
    PageType("questionnaire result by e-mail", "/par-ou-commencer/resultat/envoyer/?besoin=agriculture&stade=idee"),
    PageType(
        "questionnaire result by e-mail with mistakes",
        "/par-ou-commencer/resultat/envoyer/?besoin=agriculture",
        submit=True,
        status=400,
    ),
    PageType("questionnaire result sent", "/par-ou-commencer/resultat/envoye/?besoin=agriculture"),
    PageType("agenda", "/agenda/"),
    PageType("agenda filtered", "/agenda/?theme=numerique&gratuit=1"),
    PageType("agenda month", "/agenda/mois/{month}/"),
    PageType("event", "/agenda/evenement/{event}/"),
    PageType("registration form", "/agenda/evenement/{event}/inscription/"),
    PageType("registration form with mistakes", "/agenda/evenement/{event}/inscription/", submit=True, status=400),
    PageType("registration done", "/agenda/evenement/{event}/inscription/merci/"),
    PageType("registration cancel", "/agenda/inscription/annuler/{registration}/{registration_token}/"),
    PageType("registration cancel, wrong link", "/agenda/inscription/annuler/{registration}/wrong/"),
    PageType("funding calls", "/financer-mon-projet/"),
    PageType("funding calls filtered", "/financer-mon-projet/?theme=numerique&ouverts=1"),
    PageType("funding call", "/financer-mon-projet/appel/{call}/"),
    PageType("search", "/recherche/"),
    PageType("search results", "/recherche/?q=atelier"),
    PageType("search without results", "/recherche/?q=zzzyxw"),
    PageType("page not found", "/cette-page-n-existe-pas/", status=404),
    PageType("login", "/extranet/connexion/"),
    PageType("login with mistakes", "/extranet/connexion/", submit=True, status=400),
    PageType("password reset", "/extranet/mot-de-passe/oublie/"),
    PageType("password reset sent", "/extranet/mot-de-passe/oublie/envoye/"),
    PageType("new password", "/extranet/mot-de-passe/nouveau/{reset_uid}/{reset_token}/"),
    PageType("new password, wrong link", "/extranet/mot-de-passe/nouveau/{reset_uid}/wrong-token/"),
    PageType("new password saved", "/extranet/mot-de-passe/nouveau/termine/"),
    PageType("invitation for a new account", "/extranet/invitation/{new_account_invitation}/"),
    PageType("invitation for an account", "/extranet/invitation/{account_invitation}/"),
    PageType("invitation, wrong link", "/extranet/invitation/wrong/", status=404),
    PageType("saved search unsubscribe", "/extranet/appels/alertes/desabonnement/{unsubscribe}/"),
]

# Addresses that only answer POST (delete, leave, duplicate, change a member's role) show no page.
EXTRANET = [
    PageType("dashboard", "/extranet/", "partner"),
    PageType("organisations", "/extranet/organisations/", "partner"),
    PageType("organisation", "/extranet/organisations/mediatheque-lalambic/", "partner"),
    PageType("invite", "/extranet/organisations/mediatheque-lalambic/inviter/", "partner"),
    PageType("invite with mistakes", "/extranet/organisations/mediatheque-lalambic/inviter/", "partner", True, 400),
    PageType("services", "/extranet/services/", "partner"),
    PageType("services, read only", "/extranet/services/", "member"),
    PageType("service form", "/extranet/services/nouveau/", "partner"),
    PageType("service form with mistakes", "/extranet/services/nouveau/", "partner", True, 400),
    PageType("service edit", "/extranet/services/{own_service}/modifier/", "partner"),
    PageType("service delete", "/extranet/services/{own_service}/supprimer/", "partner"),
    PageType("coordinator's services", "/extranet/services/", "coordinator"),
    PageType("members", "/extranet/membres/", "partner"),
    PageType("circles", "/extranet/cercles/", "partner"),
    PageType("circle", "/extranet/cercles/partenaires-du-pat/", "partner"),
    PageType("resources", "/extranet/ressources/", "partner"),
    PageType("resources filtered", "/extranet/ressources/?q=salle", "partner"),
    PageType("resource", "/extranet/ressources/{own_resource}/", "partner"),
    PageType("resource form", "/extranet/ressources/nouvelle/", "partner"),
    PageType("resource form with mistakes", "/extranet/ressources/nouvelle/", "partner", True, 400),
    PageType("resource edit", "/extranet/ressources/{own_resource}/modifier/", "partner"),
    PageType("resource sharing", "/extranet/ressources/{own_resource}/partage/", "partner"),
    PageType("booking request", "/extranet/ressources/{own_resource}/reserver/", "partner"),
    PageType("booking request with mistakes", "/extranet/ressources/{own_resource}/reserver/", "partner", True, 400),
    PageType("resource week", "/extranet/ressources/{own_resource}/semaine/?semaine={next_week}", "partner"),
    PageType("booking rules", "/extranet/ressources/{own_resource}/regles/", "partner"),
    PageType("bookings", "/extranet/reservations/", "partner"),
    PageType("booking", "/extranet/reservations/{booking}/", "partner"),
    PageType("free resources", "/extranet/reservations/libre/?day={next_week}&starts=10:00&ends=11:00", "partner"),
    PageType("documents", "/extranet/documents/", "partner"),
    PageType("document", "/extranet/documents/{own_document}/", "partner"),
    PageType("document form", "/extranet/documents/nouveau/", "partner"),
    PageType("document edit", "/extranet/documents/{own_document}/modifier/", "partner"),
    PageType("document sharing", "/extranet/documents/{own_document}/partage/", "partner"),
    PageType("events", "/extranet/agenda/", "partner"),
    PageType("events month", "/extranet/agenda/mois/{month}/", "partner"),
    PageType("event", "/extranet/agenda/{own_event}/", "partner"),
    PageType("event form", "/extranet/agenda/nouveau/", "partner"),
    PageType("event form with mistakes", "/extranet/agenda/nouveau/", "partner", True, 400),
    PageType("event edit", "/extranet/agenda/{own_event}/modifier/", "partner"),
    PageType("event sharing", "/extranet/agenda/{own_event}/partage/", "partner"),
    PageType("funding calls", "/extranet/appels/", "partner"),
    PageType("funding calls filtered", "/extranet/appels/?q=tiers&statut=open", "partner"),
    PageType("funding deadlines", "/extranet/appels/echeances/{month}/", "partner"),
    PageType("funding call", "/extranet/appels/{own_call}/", "partner"),
    PageType("funding call form", "/extranet/appels/nouveau/", "partner"),
    PageType("funding call form with mistakes", "/extranet/appels/nouveau/", "partner", True, 400),
    PageType("funding call edit", "/extranet/appels/{own_call}/modifier/", "partner"),
    PageType("funding call sharing", "/extranet/appels/{own_call}/partage/", "partner"),
    PageType("saved searches", "/extranet/appels/alertes/", "partner"),
    PageType("saved search form", "/extranet/appels/alertes/nouvelle/", "partner"),
    PageType("deadline calendar", "/extranet/appels/calendrier/", "partner"),
    PageType("imported calendars", "/extranet/agendas-importes/", "partner"),
    PageType("imported calendar form", "/extranet/agendas-importes/nouveau/", "partner"),
    PageType("search", "/extranet/recherche/?q=salle", "partner"),
    PageType("search without results", "/extranet/recherche/?q=zzzyxw", "partner"),
    PageType("profile", "/extranet/compte/", "partner"),
    PageType("password change", "/extranet/compte/mot-de-passe/", "partner"),
    PageType("e-mail change", "/extranet/compte/adresse/", "partner"),
    PageType("e-mail change, wrong link", "/extranet/compte/adresse/wrong/", "partner", status=400),
    PageType("deactivate account", "/extranet/compte/desactiver/", "partner"),
    PageType("second factor on", "/extranet/compte/securite/", "partner"),
    PageType("second factor setup", "/extranet/compte/securite/", "member"),
    PageType("second factor code", "/extranet/compte/securite/verifier/", "coordinator before the code"),
    PageType("no organisation yet", "/extranet/", "newcomer", status=403),
    PageType("coordinator's dashboard", "/extranet/", "coordinator"),
    PageType("access log", "/extranet/journal/", "coordinator"),
]
EXTRANET = [replace(p, name=f"extranet {p.name}") for p in EXTRANET]

CASES = [
    pytest.param(language, page_type, id=f"{language}-{page_type.name.replace(' ', '-')}")
    for page_type in PUBLIC + EXTRANET
    for language in LANGUAGES
]


def seed_what_pages_show():
    """A saved search, invitations and a registration, for the pages that show one; their secrets."""
    User = get_user_model()
    partner = User.objects.get(username=VISITORS["partner"])
    alambic = Organisation.objects.get(slug="mediatheque-lalambic")
    if not User.objects.filter(username=VISITORS["newcomer"]).exists():
        User.objects.create_user(username=VISITORS["newcomer"], email=VISITORS["newcomer"], password=PASSWORD)
    saved_search, _created = SavedSearch.objects.get_or_create(
        user=partner, name="Numérique", defaults={"query": "theme=numerique"}
    )
    invitations = {
        name: Invitation.create(email=email, organisation=alambic, role=Membership.Role.MEMBER, invited_by=partner)[1]
        for name, email in (
            ("new_account_invitation", "nouvelle@exemple.re"),
            ("account_invitation", "membre@cyberun.re"),
        )
    }
    event = Event.objects.get(title=SOAP_WORKSHOP, locale__language_code="fr")
    registration = Registration.objects.create(
        event=event,
        occurrence_start=event.occurrences.upcoming().first().start,
        name="Marie Hoarau",
        email="marie@exemple.re",
    )
    # Nobody signs in as this one here: signing in would change the password-reset token.
    resident = User.objects.get(username="membre@cyberun.re")
    return {
        "unsubscribe": saved_search.unsubscribe_token,
        **invitations,
        "registration": registration.pk,
        "registration_token": cancel_token(registration),
        "reset_uid": urlsafe_base64_encode(force_bytes(resident.pk)),
        "reset_token": default_token_generator.make_token(resident),
    }


def objects(partner):
    """What the pages are about: a public event and call, the month, what the partner may edit."""
    today = timezone.localdate()

    def editable(model):
        found = model.objects.filter(locale__language_code="fr") if hasattr(model, "locale") else model.objects
        return found.editable_by(partner).order_by("pk").values_list("pk", flat=True).first()

    return {
        "month": f"{today.year}/{today.month}",
        "event": Event.objects.get(title=SOAP_WORKSHOP, locale__language_code="fr").pk,
        "call": FundingCall.objects.for_public_site().filter(locale__language_code="fr").order_by("pk").first().pk,
        "own_resource": editable(Resource),
        "own_document": editable(Document),
        "own_event": editable(Event),
        "own_call": editable(FundingCall),
        # The demo's bookings are next week's (reservations.demo.seed).
        "next_week": (today + timedelta(days=7)).isoformat(),
        "booking": Booking.objects.decided_by(partner).order_by("pk").values_list("pk", flat=True).first(),
        "own_service": Service.objects.filter(
            locale__language_code="fr",
            organisation__memberships__user=partner,
            organisation__memberships__role=Membership.Role.ADMIN,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .first(),
    }


def sign_in(browser, base_url, email, give_code):
    """A signed-in session, as Playwright's storage state, for the contexts of one visitor."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base_url}/extranet/connexion/")
    page.fill('input[name="username"]', email)
    page.fill('input[name="password"]', PASSWORD)
    with page.expect_navigation():
        page.locator("form.form button[type=submit]").click()
    if give_code:
        device = TOTPDevice.objects.get(user__username=email, confirmed=True)
        page.fill('input[name="code"]', f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}")
        with page.expect_navigation():
            page.locator("form.form button[type=submit]").click()
    assert page.url == f"{base_url}/extranet/" or (not give_code and "/verifier/" in page.url), page.url
    state = context.storage_state()
    context.close()
    return state


@dataclass
class Site:
    url: str
    secrets: dict
    contexts: dict

    def context(self, viewport, visitor):
        return self.contexts[viewport["width"], visitor]


@pytest.fixture(scope="module")
def site(live_site, django_db_blocker, browser):
    """The demo site on the browser tests' live server, and a browser context per screen width and
    visitor. Made outside the tests' transactions, which are rolled back: a session made inside one
    would be lost."""
    with django_db_blocker.unblock():
        secrets = seed_what_pages_show()
        contexts = {}
        for visitor, email in VISITORS.items():
            state = email and sign_in(browser, live_site.url, email, give_code=visitor == "coordinator")
            for viewport in (DESKTOP, PHONE):
                contexts[viewport["width"], visitor] = browser.new_context(viewport=viewport, storage_state=state)
        yield Site(live_site.url, secrets, contexts)
        for context in contexts.values():
            context.close()


VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="module")
def html_checker():
    """The Nu HTML Checker as a web service on a free local port: one Java start, then ~50 ms a page."""
    if not VNU.exists() or shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("Java or vnu-jar is missing: CI installs Java, and `npm ci` vnu-jar.")
        pytest.skip("Java or vnu-jar missing")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        ["java", "-Xss16m", "-cp", str(VNU), "nu.validator.servlet.Main", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).close()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("The Nu HTML Checker did not start")
            time.sleep(0.5)
    yield url
    process.terminate()
    process.wait(timeout=30)


def html_errors(checker, document):
    """The checker's errors in ``document`` (bytes as served), as "line N: message"."""
    request = urllib.request.Request(
        checker + "?out=json&level=error", data=document, headers={"Content-Type": "text/html; charset=utf-8"}
    )
    with urllib.request.urlopen(request, timeout=120) as answer:
        messages = json.load(answer)["messages"]
    return [
        f"line {message.get('lastLine', '?')}: {message.get('message')}"
        for message in messages
        if message.get("type") in ("error", "non-document-error")
    ]


WIDEST = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.body.querySelectorAll("*")].filter(e => e.getBoundingClientRect().right > width + 0.5);
    const innermost = wide.filter(e => !wide.some(other => other !== e && e.contains(other)));
    return [document.documentElement.scrollWidth, innermost.slice(0, 5).map(e => e.outerHTML.slice(0, 160))];
}"""


def visit(context, url, page_type):
    """Open ``url`` (and send its form); the open page, and what went wrong in the console and on the network."""
    page = context.new_page()
    problems = []

    def deliberate(response_url, response_status):
        """The document of a page that answers 400 or 404 on purpose (which Chromium logs as an error)."""
        return response_url == url and response_status == page_type.status

    def console(message):
        location = message.location.get("url")
        if message.type == "error" and not (
            deliberate(location, page_type.status) and message.text.startswith("Failed to load resource")
        ):
            problems.append(f"console: {message.text} ({location})")

    def response(response):
        navigation = response.request.is_navigation_request()
        if response.status >= 400 and not (navigation and deliberate(response.url, response.status)):
            problems.append(f"HTTP {response.status}: {response.url}")

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url} {request.failure}"))
    page.on("response", response)
    answer = page.goto(url)
    if page_type.submit:
        with page.expect_navigation() as navigation:
            page.locator("form.form").first.evaluate("form => form.requestSubmit()")
        answer = navigation.value
    assert answer.status == page_type.status, f"{url} answered {answer.status}"
    page.document = answer.body()
    return page, problems


@pytest.mark.parametrize(("language", "page_type"), CASES)
def test_page_has_no_accessibility_console_network_or_width_problem(site, html_checker, language, page_type):
    partner = get_user_model().objects.get(username=VISITORS["partner"])
    path = page_type.path.format(**objects(partner), **site.secrets)
    url = site.url + LANGUAGES[language] + path
    found = {}

    page, found["console and network, 1280 px"] = visit(site.context(DESKTOP, page_type.visitor), url, page_type)
    assert page.locator("html").get_attribute("lang") == language
    found["axe-core, 1280 px"] = run_axe(page)
    found["Nu HTML Checker"] = html_errors(html_checker, page.document)
    # A template comment or tag written wrong shows as text (a two-line {# #} once did). Not "}}":
    # the access log shows JSON details, where it is data.
    found["template syntax shown"] = [
        mark for mark in ("{#", "#}", "{%", "%}", "{{") if mark in page.inner_text("body")
    ]
    # Skip links, tables of contents, error summaries: each in-page link leads somewhere.
    found["links to nothing"] = page.evaluate(
        "[...document.querySelectorAll('a[href^=\"#\"]')].map(a => a.getAttribute('href'))"
        ".filter(href => href.length > 1 && !document.getElementById(decodeURIComponent(href.slice(1))))"
    )
    page.close()

    phone, found["console and network, 320 px"] = visit(site.context(PHONE, page_type.visitor), url, page_type)
    scroll_width, widest = phone.evaluate(WIDEST)
    if scroll_width > PHONE["width"]:
        found[f"{scroll_width} px wide at 320 px"] = widest
    phone.close()

    assert {check: problems for check, problems in found.items() if problems} == {}
