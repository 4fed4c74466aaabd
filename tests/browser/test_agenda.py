"""The month grid works with the keyboard alone, without JavaScript, on a phone and for axe-core."""

import pytest
from django.utils import timezone

from tests.browser.conftest import run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def this_month(live_site, language=""):
    today = timezone.localdate()
    prefix = f"/{language}" if language else ""
    return f"{live_site.url}{prefix}/agenda/mois/{today.year}/{today.month}/"


def tab_until(page, selector, limit=80):
    """Press Tab until the focused element matches ``selector``; how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return presses
    raise AssertionError(f"{selector} was never reached with the Tab key")


def test_the_month_grid_by_keyboard_without_javascript(live_site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(this_month(live_site))
    title = page.locator("#month-title").inner_text()

    # To the next month and back, with Tab and Enter only.
    tab_until(page, "a[rel=next]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("#month-title").inner_text() != title
    tab_until(page, "a[rel=prev]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("#month-title").inner_text() == title

    # Into the grid: the first event link of the month opens its page.
    tab_until(page, ".month-grid__events a")
    name = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == name
    context.close()


@pytest.mark.parametrize("language", ["", "rcf"])
def test_the_month_page_has_no_accessibility_violation(live_site, page, language):
    page.goto(this_month(live_site, language))
    assert run_axe(page) == []
    assert page.console_errors == [] and page.failed_requests == []


def test_the_month_becomes_a_list_of_days_on_a_phone(live_site, browser):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(this_month(live_site, "rcf"))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    first_day = page.locator(".month-grid__cell:not(.month-grid__cell--empty):not(.month-grid__cell--outside)").first
    # On a phone each day says its weekday, since the column headings are hidden.
    assert first_day.locator(".month-grid__weekday").is_visible()
    context.close()
