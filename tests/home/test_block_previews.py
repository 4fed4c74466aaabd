"""Every block of the page body shows editors a realistic French preview in the block chooser."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.images import get_image_model

from home.blocks import BaseStreamBlock
from tests.factories import UserFactory
from tests.helpers import sign_in_verified

pytestmark = pytest.mark.django_db

# A text each preview shows, taken from its preview value.
EXPECTED = {
    "heading": "Nos missions",
    "paragraph": "accompagne les projets des habitants",
    "image": "Le jardin partagé de la Case Rurale",
    "quote": "Chez nous, c’est chez vous !",
    "call_to_action": "Proposez votre projet",
    "cards": "Marché des producteurs",
    "video": "La Case Rurale en deux minutes",
    "accordion": "Qui peut s&#x27;inscrire aux ateliers ?",
    "table": "Horaires d&#x27;ouverture de la Case Rurale",
}


@pytest.fixture
def editor(client):
    user = UserFactory(username="editrice@caserurale.re", is_staff=True, is_superuser=True)
    sign_in_verified(client, user)
    return user


def preview(client, block):
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200, block.name
    return response.content.decode()


def test_every_block_has_a_french_preview_grouped_by_family(client, editor):
    children = BaseStreamBlock().child_blocks
    assert set(children) == set(EXPECTED), "a new block needs its preview here"
    for name, block in children.items():
        assert block.is_previewable, name
        assert block.meta.group, f"{name} has no family in the chooser"
        html = preview(client, block)
        assert EXPECTED[name] in html, name
    assert 'src="/media/images/' in preview(client, children["image"]), "the demo image is shown"


# The block preview view, for each block: the admin's frame (the editor, their second factor, the
# site's settings) and the demo images the preview values look up by title.
PREVIEW_QUERIES = dict.fromkeys(EXPECTED, 7) | {"image": 8, "cards": 9}


@pytest.mark.parametrize("name", EXPECTED)
def test_each_preview_renders_its_text_in_constant_queries(client, editor, name, django_assert_num_queries):
    block = BaseStreamBlock().child_blocks[name]
    preview(client, block)  # content types and the site in their caches
    with CaptureQueriesContext(connection) as first:
        preview(client, block)
    for number in range(5):  # more images: the preview still looks its image up once
        get_image_model().objects.create(title=f"Photo {number}", file=first_image_file(), width=10, height=10)
    with django_assert_num_queries(len(first.captured_queries)):
        html = preview(client, block)
    assert EXPECTED[name] in html
    assert len(first.captured_queries) == PREVIEW_QUERIES[name]


def test_the_image_previews_render_when_the_site_has_no_image(client, editor):
    get_image_model().objects.all().delete()
    children = BaseStreamBlock().child_blocks
    assert "Le jardin partagé de la Case Rurale" in preview(client, children["image"])
    assert "Marché des producteurs" in preview(client, children["cards"])


def first_image_file():
    return get_image_model().objects.order_by("pk").first().file.name
