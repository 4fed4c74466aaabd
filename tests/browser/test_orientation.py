"""« Par où commencer ? » and « Qui fait quoi ? » with the keyboard alone, without JavaScript, in French and Creole."""

import re

import pytest

from tests.browser.conftest import run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def tab_until(page, selector, limit=120):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{selector} was never reached with the Tab key")


def answer(page, name, value):
    """Reach the radio group with Tab, choose with the arrow keys (as a keyboard user does), send with Enter."""
    tab_until(page, f"input[name={name}]")
    for _ in range(20):
        if page.evaluate(f"document.activeElement.value === {value!r}"):
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")  # Tab focuses a group's first radio without ticking it
    assert page.evaluate(f"document.activeElement.value === {value!r} && document.activeElement.checked")
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize(
    ("prefix", "pathway", "service"),
    [
        ("", "S'installer en agriculture", "Aide aux démarches en ligne"),
        ("/rcf", "Instal aou plantèr", "Èd pou bann démarsh si internet"),
    ],
)
def test_questionnaire_then_directory_filters_by_keyboard(live_site, browser, prefix, pathway, service):
    context = browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_site.url}{prefix}/par-ou-commencer/questions/")
    assert page.locator("legend").count() == 1  # one question a screen, named by its legend
    answer(page, "public", "porteurs-de-projet")
    answer(page, "besoin", "agriculture")
    answer(page, "stade", "demarrage")
    assert "/par-ou-commencer/resultat/?public=porteurs-de-projet&besoin=agriculture&stade=demarrage" in page.url
    assert page.locator("#pathways-title ~ article h3").first.inner_text() == pathway
    assert page.locator("html").get_attribute("lang") == ("rcf" if prefix else "fr")
    context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_site.url}{prefix}/qui-fait-quoi/")
    tab_until(page, "#id_besoin")
    for _ in range(12):  # a closed select moves through its options with the arrow keys
        if page.evaluate("document.activeElement.value === 'digital'"):
            break
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "digital"
    tab_until(page, "#id_sans_rdv")
    page.keyboard.press("Space")
    tab_until(page, "form.filters button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "besoin=digital" in page.url and "sans_rdv=on" in page.url
    assert page.locator(".service__title").all_inner_texts() == [service]
    assert run_axe(page) == []
    context.close()


# Anything but the test server: nothing leaves the machine, and we see what the page would have asked.
ELSEWHERE = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")
TILES = "https://tile.openstreetmap.org/"


@pytest.mark.parametrize(
    ("prefix", "button", "place"), [("", "Afficher la carte", "Pôle LENA"), ("/rcf", "Amontr la kart", "Pôle LENA")]
)
def test_the_map_asks_for_tiles_only_once_the_reader_opens_it(live_site, browser, prefix, button, place):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    asked = []

    def abort(route):
        asked.append(route.request.url)
        route.abort()

    context.route(ELSEWHERE, abort)
    context.add_init_script(
        "window.cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(e.blockedURI));"
    )
    page = context.new_page()
    page.goto(f"{live_site.url}{prefix}/qui-fait-quoi/")
    page.wait_for_load_state("networkidle")
    assert asked == []  # the page, its island and its list: all from this site
    assert page.locator(".network-map svg").is_visible()
    open_button = page.get_by_role("button", name=button)
    assert open_button.is_visible()
    assert "OpenStreetMap" in page.locator("#network-map-privacy").inner_text()
    tab_until(page, "[data-network-map-open]")
    page.keyboard.press("Enter")
    page.locator(".leaflet-marker-icon").first.wait_for()
    page.wait_for_function("() => document.querySelectorAll('.leaflet-tile').length > 0")
    assert asked and all(url.startswith(TILES) for url in asked), asked
    assert page.evaluate("window.cspViolations") == []
    assert not page.locator(".network-map__svg").count()  # the drawing gave way to the map
    # Each place is a marker one reaches with Tab, named after the place, that opens with Enter.
    tab_until(page, f".leaflet-marker-icon[alt='{place}']")
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    # axe reads colours: wait until the popup has faded in.
    page.wait_for_function("() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
    assert popup.get_by_role("link", name=place).get_attribute("href") == f"{prefix}/qui-fait-quoi/lieux/pole-lena/"
    assert run_axe(page) == []
    context.close()


def test_without_javascript_the_island_and_the_places_stand_in_for_the_map(live_site, browser):
    context = browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    asked = []
    context.route(ELSEWHERE, lambda route: (asked.append(route.request.url), route.abort()))
    page = context.new_page()
    page.goto(f"{live_site.url}/qui-fait-quoi/?besoin=digital")
    assert page.locator(".network-map svg").is_visible()
    assert not page.get_by_role("button", name="Afficher la carte").is_visible()
    assert page.locator(".network-map__places a").all_inner_texts() == ["Local de Cyberun"]
    assert asked == []
    context.close()


def test_the_result_prints_for_the_desk_and_is_sent_without_javascript(live_site, browser):
    context = browser.new_context(viewport={"width": 375, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    result = f"{live_site.url}/rcf/par-ou-commencer/resultat/?public=porteurs-de-projet&besoin=agriculture"
    page.goto(result)
    assert not page.locator(".result__handout").is_visible()  # on paper only
    page.emulate_media(media="print")
    assert page.locator(".result__handout svg.qr-code").is_visible()
    assert (
        "/rcf/par-ou-commencer/resultat/?public=porteurs-de-projet&besoin=agriculture"
        in page.locator(".result__address").inner_text()
    )
    assert not page.locator(".result__actions").is_visible()
    page.emulate_media(media="screen")
    tab_until(page, "a[href*='resultat/envoyer/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_until(page, "#id_email")
    page.keyboard.type("josiane@exemple")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#id_email").input_value() == "josiane@exemple"  # kept, with the reason in Creole
    assert "Sa lé pa in adrès imèl" in page.locator("#id_email-error").inner_text()
    page.locator("#id_email").fill("josiane@exemple.re")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/rcf/par-ou-commencer/resultat/envoye/?public=porteurs-de-projet&besoin=agriculture" in page.url
    assert "Nou la pa gard out adrès" in page.locator("[role=status]").inner_text()
    context.close()
