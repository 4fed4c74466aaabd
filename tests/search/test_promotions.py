"""An editor's promoted result for a query shows only when the reader may open its page: never a
draft, nor a page restricted to signed-in readers, a group or a password, whoever searches."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, PageViewRestriction

from home.models import StandardPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def child(parent, title, slug, live=True):
    page = StandardPage(title=title, slug=slug, live=live)
    parent.add_child(instance=page)
    return page


@pytest.fixture
def promoted():
    parent = Page.objects.get(locale__language_code="fr", slug="le-projet")
    public = child(parent, "Promu public", "promu-public")
    draft = child(parent, "Promu brouillon", "promu-brouillon", live=False)
    signed_in = child(parent, "Promu connectés", "promu-connectes")
    PageViewRestriction.objects.create(page=signed_in, restriction_type=PageViewRestriction.LOGIN)
    secret = child(parent, "Promu mot de passe", "promu-mot-de-passe")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.PASSWORD, password="x")
    query = Query.get("jardin")
    for order, page in enumerate([draft, signed_in, secret, public]):
        SearchPromotion.objects.create(query=query, page=page, sort_order=order, description="Promotion")
    return public


def promotions(client):
    html = client.get("/recherche/", {"q": "jardin"}).content.decode()
    start = html.find('class="search-promotions"')
    return html[start : html.find("</ul>", start)] if start >= 0 else ""


@pytest.mark.parametrize("reader", ["anonymous", "signed in"])
def test_a_promotion_shows_only_pages_the_reader_may_open(client, promoted, reader):
    if reader == "signed in":
        client.force_login(UserFactory(username="resident@example.re"))
    shown = promotions(client)
    assert "Promu public" in shown
    for hidden in ("Promu brouillon", "Promu connectés", "Promu mot de passe"):
        assert hidden not in shown
