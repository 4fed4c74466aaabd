"""Every size the site shows of an image is made when the image is saved, before any page asks
for it; the templates ask for exactly those sizes; a command makes them for older images."""

import io
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.test import Client
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.images.models import Rendition
from wagtail.models import Collection

from agenda.models import Event
from caserurale import renditions
from home.models import ArticlePage, HomePage, StandardPage
from tests.agenda.feeds_fixtures import agenda_url
from tests.factories import UserFactory
from tests.helpers import sign_in_verified

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "site" / "templates"


@pytest.fixture(autouse=True)
def rendition_cache():
    # Wagtail also keeps renditions in the cache, which outlives each test's rolled-back database.
    cache.clear()


@pytest.fixture
def on_save(settings):
    settings.RENDITIONS_ON_SAVE = True


def jpeg(width=640, height=400, colour=(200, 120, 40)):
    data = io.BytesIO()
    PillowImage.new("RGB", (width, height), colour).save(data, "JPEG")
    data.seek(0)
    return data


def new_image(title="Case", **kwargs):
    image = get_image_model()(title=title)
    image.file = ImageFile(jpeg(**kwargs), name=f"{title}.jpg")
    image.save()
    return image


def specs_of(image):
    return set(image.renditions.values_list("filter_spec", flat=True))


def test_an_image_uploaded_in_the_admin_has_every_size_before_any_page_shows_it(
    on_save, django_capture_on_commit_callbacks
):
    editor = sign_in_verified(Client(), UserFactory(username="photographe", is_superuser=True, is_staff=True))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = editor.post(
            "/admin/images/add/",
            {
                "title": "Le marché forain",
                "file": ImageFile(jpeg(), name="marche.jpg"),
                "collection": Collection.get_first_root_node().pk,
            },
        )
    assert response.status_code == 302, re.findall(
        r'class="error-message"[^<]*<span>([^<]*)', response.content.decode()
    )
    image = get_image_model().objects.get(title="Le marché forain")
    assert callbacks  # made once the image is committed, so that a worker finds it
    assert specs_of(image) == set(renditions.all_specs())
    for rendition in image.renditions.all():
        assert rendition.file.storage.exists(rendition.file.name)


def test_nothing_is_made_before_the_image_is_committed(on_save, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        image = new_image()
    assert specs_of(image) == set()
    for callback in callbacks:
        callback()
    assert specs_of(image) == set(renditions.all_specs())


def test_the_setting_turns_it_off(settings, django_capture_on_commit_callbacks):
    settings.RENDITIONS_ON_SAVE = False
    with django_capture_on_commit_callbacks(execute=True):
        image = new_image()
    assert specs_of(image) == set()


def test_pages_use_the_sizes_made_ahead_and_make_none_themselves(on_save, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = new_image()
    made = Rendition.objects.filter(image=image).count()
    assert made == len(renditions.all_specs())

    home = HomePage.objects.get(locale__language_code="fr")
    home.hero_image = image
    home.save_revision().publish()
    page = StandardPage.objects.live().get(slug="le-projet", locale__language_code="fr")
    page.image = image
    page.body = [("image", {"image": image, "decorative": True}), *[(b.block_type, b.value) for b in page.body]]
    page.save_revision().publish()
    article = ArticlePage.objects.live().filter(locale__language_code="fr").order_by("-date").first()
    article.image = image
    article.save_revision().publish()
    event = Event.objects.get(title="Fablab ouvert", locale__language_code="fr")
    event.image = image
    event.save()

    shown = set()
    for url in ["/", page.url, article.get_parent().url, f"{agenda_url()}evenement/{event.pk}/"]:
        response = client.get(url)
        assert response.status_code == 200
        shown |= set(re.findall(r"/media/images/[^\s\"',]+", response.content.decode()))
    assert Rendition.objects.filter(image=image).count() == made  # no page resized anything
    used = {rendition.url for rendition in image.renditions.all() if rendition.url in shown}
    assert len(used) == made  # and every size made is shown somewhere: none is made for nothing


def test_templates_name_their_image_sizes_instead_of_writing_filter_specs():
    for template in TEMPLATES.rglob("*.html"):
        source = template.read_text()
        assert not re.search(r"{%\s*(image|picture|srcset_image)\s", source), (
            f'{template}: use {{% responsive_picture image "size" %}} with a size of caserurale.renditions'
        )


def test_the_command_makes_what_is_missing_and_says_how_many():
    get_image_model().objects.all().delete()  # the demo's large images: minutes of AVIF encoding
    complete, fresh, lost = new_image("complete"), new_image("fresh"), new_image("lost")
    renditions.generate(complete)
    lost.file.storage.delete(lost.file.name)
    out, err = io.StringIO(), io.StringIO()

    call_command("generate_renditions", stdout=out, stderr=err)

    specs = len(renditions.all_specs())
    assert specs_of(fresh) == set(renditions.all_specs())
    assert out.getvalue().splitlines() == [
        f"3 images, {specs} renditions each.",
        f"Renditions made: {specs}",
        f"  already there: {specs}",
        "  images whose file is missing: 1",
    ]
    assert "[##############################]    3/3 images" in err.getvalue()

    out = io.StringIO()
    call_command("generate_renditions", stdout=out, stderr=io.StringIO())
    assert "Renditions made: 0" in out.getvalue()
