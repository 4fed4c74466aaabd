"""A partner signs in, finds the dashboard and a shared resource, on a desktop and on a phone."""

import pytest

from tests.browser.conftest import run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PASSWORD = "Partenaire-demo-2030"


def sign_in(page, base_url, email, language=""):
    page.goto(f"{base_url}{language}/extranet/connexion/")
    page.fill('input[name="username"]', email)
    page.fill('input[name="password"]', PASSWORD)
    page.locator('main form button[type="submit"]').click()
    page.wait_for_url(f"{base_url}{language}/extranet/")


def serious(violations):
    return [violation for violation in violations if violation[1] in {"serious", "critical"}]


@pytest.mark.parametrize("language", ["", "/rcf"])
def test_partner_signs_in_and_opens_a_shared_resource(live_site, page, language):
    sign_in(page, live_site.url, "membre@alambic.re", language)
    assert page.locator("html").get_attribute("lang") == ("rcf" if language else "fr")
    assert serious(run_axe(page)) == []

    page.locator('.extranet-nav a[href$="/ressources/"]').click()
    page.locator(".object-list a", has_text="Salle de réunion de l'Alambic").first.click()
    assert page.locator("h1").inner_text().strip() == "Salle de réunion de l'Alambic"
    assert page.locator(".audience").is_visible()
    assert serious(run_axe(page)) == []
    assert page.console_errors == []


def test_extranet_on_a_phone_has_no_horizontal_scroll(live_site, browser):
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    sign_in(page, live_site.url, "admin@alambic.re")
    for path in ("/extranet/", "/extranet/ressources/", "/extranet/organisations/", "/extranet/agenda/mois/"):
        page.goto(live_site.url + path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    context.close()
