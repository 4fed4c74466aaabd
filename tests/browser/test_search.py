"""A resident searches and picks a suggestion with the keyboard alone, in French and in Creole."""

import pytest

from tests.browser.conftest import run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def serious(violations):
    return [violation for violation in violations if violation[1] in {"serious", "critical"}]


def pick_first_suggestion(page, base, words):
    """Type in the search field, arrow down to the first suggestion and open it with Enter."""
    page.goto(base)
    field = page.locator("#search-page-q")
    field.focus()
    assert field.get_attribute("role") == "combobox"
    assert field.get_attribute("aria-expanded") == "false"
    page.keyboard.type(words, delay=20)
    listbox = page.locator("#" + field.get_attribute("aria-controls"))
    listbox.locator("[role=option]").first.wait_for()
    assert field.get_attribute("aria-expanded") == "true"
    assert listbox.get_attribute("role") == "listbox"
    assert serious(run_axe(page)) == []

    # Escape closes the list and leaves the words typed; arrow down opens it again.
    page.keyboard.press("Escape")
    assert field.get_attribute("aria-expanded") == "false" and not listbox.is_visible()
    assert field.input_value() == words
    page.keyboard.press("ArrowDown")
    first = listbox.locator("[role=option]").first
    assert first.get_attribute("aria-selected") == "true"
    assert field.get_attribute("aria-activedescendant") == first.get_attribute("id")
    chosen = first.get_attribute("data-url")
    title = first.inner_text()
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.endswith(chosen))
    return title


def test_search_then_pick_a_suggestion_by_keyboard_in_both_languages(live_site, page):
    # Without choosing a suggestion, Enter submits the words: the ordinary results page.
    page.goto(live_site.url + "/recherche/")
    page.locator("#search-page-q").focus()
    page.keyboard.type("epicerie")
    # The resident sees the suggestions, ignores them and presses Enter.
    page.locator("#search-page-q-suggestions [role=option]").first.wait_for()
    page.keyboard.press("Enter")
    page.wait_for_url("**/recherche/?q=epicerie")
    assert "picerie" in page.locator(".search-results").inner_text().lower()
    assert serious(run_axe(page)) == []

    title = pick_first_suggestion(page, live_site.url + "/recherche/", "cocagne")
    assert "Cocagne" in title
    assert page.locator("html").get_attribute("lang") == "fr"

    title = pick_first_suggestion(page, live_site.url + "/rcf/recherche/", "lépisri")
    assert "picerie" in title.lower()
    assert page.locator("html").get_attribute("lang") == "rcf"
    assert page.console_errors == []
    assert page.failed_requests == []
