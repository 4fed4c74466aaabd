"""« Par où commencer ? » and « Qui fait quoi ? » with the keyboard alone, without JavaScript, in French and Creole."""

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
