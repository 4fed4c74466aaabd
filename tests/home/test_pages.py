"""Every page type is created and rendered in French and in Creole."""

import json
import re

import pytest
from django.utils.html import escape
from wagtail.models import Locale, Page
from wagtail_localize.synctree import synchronize_tree

from agenda.models import AgendaPage
from annuaire.models import DirectoryPage
from home.models import (
    ArticleIndexPage,
    ArticlePage,
    ContactPage,
    HomePage,
    ManifestoPage,
    SitemapPage,
    StandardPage,
)
from tests import factories

pytestmark = pytest.mark.django_db

PAGE_TYPES = [
    HomePage,
    StandardPage,
    ManifestoPage,
    ArticleIndexPage,
    ArticlePage,
    ContactPage,
    SitemapPage,
    DirectoryPage,
    AgendaPage,
]


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
@pytest.mark.parametrize("language", ["fr", "rcf"])
def test_every_demo_page_type_renders_in_both_languages(client, model, language):
    page = model.objects.live().filter(locale__language_code=language).first()
    assert page is not None, f"the demo has no {model.__name__} in {language}"
    assert page.alias_of_id is None, "the demo pages are translated, not aliases"

    response = client.get(page.url)

    assert response.status_code == 200
    assert html_lang(response) == language
    assert escape(page.title) in response.content.decode()


def test_creole_home_answers_with_lang_rcf(client):
    response = client.get("/rcf/")
    assert response.status_code == 200
    assert html_lang(response) == "rcf"
    french = client.get("/")
    assert html_lang(french) == "fr"
    # The Creole home page is a real translation: its hero title differs from the French one.
    creole_home = HomePage.objects.get(locale__language_code="rcf")
    french_home = HomePage.objects.get(locale__language_code="fr")
    assert creole_home.hero_title != french_home.hero_title
    assert escape(creole_home.hero_title) in response.content.decode()


def test_a_new_french_page_shows_in_creole_as_an_alias_until_translated(client):
    parent = Page.objects.get(slug="le-projet", locale__language_code="fr")
    page = StandardPage(title="Horaires d’été", slug="horaires-ete", intro="Nous fermons le lundi en janvier.")
    parent.add_child(instance=page)
    page.save_revision().publish()
    synchronize_tree(Locale.objects.get(language_code="fr"), Locale.objects.get(language_code="rcf"))

    alias = StandardPage.objects.get(locale__language_code="rcf", alias_of=page)
    response = client.get(alias.url)

    assert alias.url == "/rcf/le-projet/horaires-ete/"
    assert response.status_code == 200
    body = response.content.decode()
    assert html_lang(response) == "rcf"
    # The text is still French, and says so to screen readers and to the reader.
    assert '<main id="contenu" tabindex="-1" lang="fr">' in body
    assert "Nous fermons le lundi en janvier." in body
    assert "pa ankor tradui" in body.lower() or "poko tradui" in body.lower()


@pytest.mark.parametrize(
    "factory",
    [
        factories.StandardPageFactory,
        factories.ManifestoPageFactory,
        factories.ArticleIndexPageFactory,
        factories.ContactPageFactory,
        factories.SitemapPageFactory,
    ],
    ids=lambda factory: factory._meta.model.__name__,
)
def test_new_pages_of_every_type_are_served_in_french_and_as_creole_aliases(client, factory):
    home = HomePage.objects.get(locale__language_code="fr")
    page = factory(parent=home, slug="nouvelle-page")
    page.save_revision().publish()
    synchronize_tree(Locale.objects.get(language_code="fr"), Locale.objects.get(language_code="rcf"))

    french = client.get("/nouvelle-page/")
    creole = client.get("/rcf/nouvelle-page/")

    assert french.status_code == 200 and html_lang(french) == "fr"
    assert creole.status_code == 200 and html_lang(creole) == "rcf"
    assert escape(page.title) in french.content.decode()
    assert escape(page.title) in creole.content.decode()


def test_articles_are_listed_newest_first_and_paginated(client):
    index = factories.ArticleIndexPageFactory(parent=HomePage.objects.get(locale__language_code="fr"), slug="breves")
    for day in range(1, 15):
        factories.ArticlePageFactory(parent=index, title=f"Brève du {day} mars", date=f"2026-03-{day:02d}")

    first = client.get("/breves/").content.decode()
    second = client.get("/breves/?page=2").content.decode()

    assert first.index("Brève du 14 mars") < first.index("Brève du 3 mars")
    assert "Brève du 2 mars" not in first and "Brève du 2 mars" in second
    assert "Page 1 sur 2" in first
    assert client.get("/breves/?page=abc").status_code == 200


def test_every_block_family_renders(client):
    home = HomePage.objects.get(locale__language_code="fr")
    standard = factories.StandardPageFactory(
        parent=home,
        slug="une-page-complete",
        body=json.dumps(
            [
                {"type": "heading", "value": {"text": "Un titre de section", "level": "h2"}},
                {"type": "paragraph", "value": "<p>Un paragraphe avec du <b>gras</b>.</p>"},
                {"type": "quote", "value": {"text": "Chez nous, c’est chez vous !", "author": "Fabrique #1"}},
                {
                    "type": "accordion",
                    "value": {
                        "title": "Questions",
                        "items": [{"question": "Qui peut venir ?", "answer": "<p>Tout le monde.</p>"}],
                    },
                },
                {
                    "type": "table",
                    "value": {
                        "caption": "Les espaces",
                        "table": {
                            "columns": [{"type": "text", "heading": "Espace"}, {"type": "text", "heading": "Usage"}],
                            "rows": [{"values": ["Café", "Se retrouver"]}],
                        },
                    },
                },
                {
                    "type": "call_to_action",
                    "value": {
                        "title": "Venez nous voir",
                        "text": "",
                        "link": {"text": "Nous écrire", "page": None, "url": "https://example.org/"},
                    },
                },
            ]
        ),
    )
    standard.save_revision().publish()

    body = client.get("/une-page-complete/").content.decode()
    assert '<h2 class="block-heading">Un titre de section</h2>' in body
    assert "<b>gras</b>" in body
    assert "<blockquote><p>Chez nous, c’est chez vous !</p></blockquote>" in body
    assert "<summary>Qui peut venir ?</summary>" in body
    assert "<caption>Les espaces</caption>" in body
    assert '<th scope="col">Usage</th>' in body and '<th scope="row">Café</th>' in body
    assert 'href="https://example.org/"' in body
