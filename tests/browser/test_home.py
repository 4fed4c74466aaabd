"""A visitor loads the home page, switches language and uses the keyboard; axe-core checks each page."""

import pytest

from tests.browser.conftest import run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def serious(violations):
    return [violation for violation in violations if violation[1] in {"serious", "critical"}]


def test_home_in_both_languages_through_the_switcher(live_site, page):
    page.goto(live_site.url + "/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text().strip()
    assert serious(run_axe(page)) == []

    page.locator('.language-switcher a[hreflang="rcf"]').click()
    page.wait_for_url(live_site.url + "/rcf/")
    assert page.locator("html").get_attribute("lang") == "rcf"
    assert serious(run_axe(page)) == []

    page.locator('.language-switcher a[hreflang="fr"]').click()
    page.wait_for_url(live_site.url + "/")
    assert page.console_errors == []
    assert page.failed_requests == []


def test_keyboard_reaches_the_skip_link_then_the_content(live_site, page):
    page.goto(live_site.url + "/le-projet/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"


def test_small_screen_menu_opens_with_the_button(live_site, browser):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(live_site.url + "/rcf/")
    nav = page.locator("#site-nav")
    toggle = page.locator(".nav-toggle")
    assert toggle.is_visible() and not nav.is_visible()
    toggle.click()
    assert nav.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert not nav.is_visible()
    # Nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
