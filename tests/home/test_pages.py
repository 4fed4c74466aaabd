"""Every page type is created and rendered in French and in Creole."""

import re

import pytest
from django.utils.html import escape
from wagtail.models import Locale, Page
from wagtail_localize.synctree import synchronize_tree

from home.models import (
    ArticleIndexPage,
    ArticlePage,
    ContactPage,
    HomePage,
    ManifestoPage,
    SitemapPage,
    StandardPage,
)

pytestmark = pytest.mark.django_db

PAGE_TYPES = [HomePage, StandardPage, ManifestoPage, ArticleIndexPage, ArticlePage, ContactPage, SitemapPage]


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
@pytest.mark.parametrize("language", ["fr", "rcf"])
def test_every_demo_page_type_renders_in_both_languages(client, model, language):
    page = model.objects.live().get_queryset().filter(locale__language_code=language).first()
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


def test_new_pages_of_every_type_can_be_created_and_rendered(client):
    home = HomePage.objects.get(locale__language_code="fr")
    index = ArticleIndexPage(title="Brèves", slug="breves", intro="Les nouvelles courtes.")
    home.add_child(instance=index)
    article = ArticlePage(title="Le marché revient", slug="le-marche-revient", intro="Samedi matin.")
    index.add_child(instance=article)
    standard = StandardPage(
        title="Une page complète",
        slug="une-page-complete",
        body=[
            ("heading", {"text": "Un titre de section", "level": "h2"}),
            ("paragraph", "<p>Un paragraphe avec du <b>gras</b>.</p>"),
            ("quote", {"text": "Chez nous, c’est chez vous !", "author": "Fabrique #1"}),
            (
                "accordion",
                {"title": "Questions", "items": [{"question": "Qui peut venir ?", "answer": "<p>Tout le monde.</p>"}]},
            ),
            (
                "table",
                {
                    "caption": "Les espaces",
                    "table": {
                        "columns": [{"type": "text", "heading": "Espace"}, {"type": "text", "heading": "Usage"}],
                        "rows": [{"values": ["Café", "Se retrouver"]}],
                    },
                },
            ),
            (
                "call_to_action",
                {"title": "Venez nous voir", "text": "", "link": {"text": "Nous écrire", "page": None, "url": "https://example.org/"}},
            ),
        ],
    )
    home.add_child(instance=standard)
    for page in (index, article, standard):
        page.save_revision().publish()

    body = client.get(standard.url).content.decode()
    assert '<h2 class="block-heading">Un titre de section</h2>' in body
    assert "<b>gras</b>" in body
    assert "<summary>Qui peut venir ?</summary>" in body
    assert "<caption>Les espaces</caption>" in body
    assert '<th scope="col">Usage</th>' in body
    assert 'href="https://example.org/"' in body
    listing = client.get(index.url).content.decode()
    assert "Le marché revient" in listing
    assert client.get(article.url).status_code == 200
