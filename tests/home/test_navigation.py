"""The language switcher, hreflang alternates and the legal links every page must carry."""

import re

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Page

from home.models import LegalSettings

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def switcher_links(document):
    return {link["hreflang"]: link["href"] for link in document.select(".language-switcher a")}


def test_switcher_leads_to_the_same_page_in_the_other_language(client):
    french = soup(client.get("/nos-missions/accompagner/"))
    creole_url = switcher_links(french)["rcf"]
    assert creole_url == "/rcf/nos-missions/accompagner/"

    creole = client.get(creole_url)
    assert creole.status_code == 200
    creole_page = Page.objects.get(locale__language_code="rcf", url_path__endswith="/nos-missions/accompagner/")
    assert soup(creole).h1.get_text(strip=True) == creole_page.title
    assert switcher_links(soup(creole))["fr"] == "/nos-missions/accompagner/"
    # The current language is marked, not linked.
    assert soup(creole).select_one('.language-switcher [aria-current="true"]')["lang"] == "rcf"


def test_switcher_on_a_view_that_is_not_a_page_keeps_the_path(client):
    document = soup(client.get("/recherche/?q=jardin"))
    assert switcher_links(document)["rcf"].startswith("/rcf/recherche/")


def test_hreflang_alternates_name_both_languages(client):
    document = soup(client.get("/rcf/manifeste/"))
    alternates = {link["hreflang"]: link["href"] for link in document.select('link[rel="alternate"]')}
    assert alternates["fr"] == "http://testserver/manifeste/"
    assert alternates["rcf"] == "http://testserver/rcf/manifeste/"
    assert alternates["x-default"] == "http://testserver/manifeste/"


def test_every_live_page_links_the_legal_pages_of_its_language(client):
    legal = LegalSettings.objects.get()
    legal_keys = [
        page.translation_key
        for page in (legal.legal_notice_page, legal.accessibility_page, legal.privacy_page, legal.sitemap_page)
    ]
    pages = Page.objects.live().filter(depth__gt=1).select_related("locale")
    assert pages.count() > 30
    for page in pages:
        expected = {Page.objects.get(translation_key=key, locale=page.locale).url for key in legal_keys}
        document = soup(client.get(page.url))
        footer_links = {link["href"] for link in document.select(".site-footer__legal a")}
        assert expected <= footer_links, f"{page.url} lacks legal links {expected - footer_links}"


def test_footer_states_the_accessibility_compliance_in_each_language(client):
    assert (
        "Accessibilité : partiellement conforme" in soup(client.get("/")).select_one(".site-footer__legal").get_text()
    )
    creole = soup(client.get("/rcf/")).select_one(".site-footer__legal").get_text()
    assert "partiellement conforme" not in creole


def test_menu_marks_the_current_page(client):
    document = soup(client.get("/manifeste/"))
    current = document.select_one('#site-nav a[aria-current="page"]')
    assert current["href"] == "/manifeste/"


def test_skip_link_and_landmarks(client):
    document = soup(client.get("/le-projet/"))
    skip = document.select_one("a.skip-link")
    assert skip["href"] == "#contenu"
    assert document.select_one("main#contenu")
    assert document.select_one("header.site-header") and document.select_one("footer.site-footer")
    assert len(document.find_all("h1")) == 1


def test_sitemap_xml_lists_pages_in_both_languages(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = re.findall(r"<loc>([^<]+)</loc>", response.content.decode())
    assert "http://testserver/le-projet/" in locations
    assert "http://testserver/rcf/le-projet/" in locations


def test_robots_txt_points_to_the_sitemap_and_hides_private_areas(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body
    assert "Disallow: /extranet/" in body


def test_unknown_url_gets_a_helpful_404_in_the_visitors_language(client):
    french = client.get("/cette-page-n-existe-pas/")
    assert french.status_code == 404
    assert "Page introuvable" in french.content.decode()
    creole = client.get("/rcf/cette-page-n-existe-pas/")
    assert creole.status_code == 404
    assert '<html lang="rcf">' in creole.content.decode()


def test_the_footer_gives_the_opening_hours_in_the_reader_s_language(client):
    assert "Du mardi au samedi, 9 h – 17 h" in soup(client.get("/")).select_one(".site-footer").get_text()
    creole = soup(client.get("/rcf/")).select_one(".site-footer").get_text()
    assert "Mardi ziska samdi, 9 èr – 17 èr" in creole and "Du mardi" not in creole
