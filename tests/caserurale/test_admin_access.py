"""Partners and visitors never reach an admin view: previews, revisions, copies, translations included.

The list of admin URLs comes from the URL configuration, with real objects for their arguments, so a
view added by Wagtail, wagtail-localize or this project is checked without anyone listing it.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import get_resolver
from wagtail.models import Page, Revision
from wagtail_localize.models import Translation

from agenda.models import Event

pytestmark = pytest.mark.django_db

# Harmless for anyone: the admin's JavaScript strings and icons, the login and the password reset steps.
OPEN_TO_ALL = {
    "wagtail_localize:javascript_catalog",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "wagtailadmin_login",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
}


def admin_routes():
    def walk(resolver, prefix, namespace):
        for pattern in resolver.url_patterns:
            route = str(pattern.pattern)
            if hasattr(pattern, "url_patterns"):
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                yield from walk(pattern, prefix + route, inner)
            elif not route.startswith("^"):
                yield prefix + route, ":".join(filter(None, [namespace, pattern.name or ""]))

    return sorted({(route, name) for route, name in walk(get_resolver(), "", "") if route.startswith("admin/")})


def concrete(route):
    page = Page.objects.filter(depth__gt=1).first()
    event = Event.objects.first()
    values = {
        "page_id": page.pk,
        "parent_page_id": page.pk,
        "revision_id": Revision.objects.first().pk,
        "translation_id": Translation.objects.first().pk,
        "translation_source_id": Translation.objects.first().source_id,
        "app_label": "agenda",
        "model_name": "event",
        "pk": event.pk,
    }

    def fill(match):
        converter, name = match.group(1), match.group(2)
        if name in values:
            return str(values[name])
        return "1" if converter == "int" else "x"

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)


@pytest.mark.parametrize("who", ["anonymous", "partner", "partner_admin"])
def test_no_admin_view_answers_a_partner_or_a_visitor(client, who):
    if who != "anonymous":
        email = "membre@alambic.re" if who == "partner" else "admin@alambic.re"
        client.force_login(get_user_model().objects.get(username=email))
    reached = []
    for route, name in admin_routes():
        if name in OPEN_TO_ALL:
            continue
        url = concrete(route)
        response = client.get(url)
        if response.status_code == 200:
            reached.append(f"{url} ({name})")
        elif response.status_code == 302:
            assert "/admin/login/" in response["Location"] or response["Location"].startswith("/admin/login"), url
    assert reached == [], "\n".join(reached)


def test_an_image_bomb_is_refused_at_upload(client):
    """A small file that decompresses into a huge image (64 million pixels) never reaches Pillow's decoder."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse
    from PIL import Image
    from wagtail.images.models import Image as WagtailImage

    from tests.factories import UserFactory
    from tests.helpers import sign_in_verified

    buffer = io.BytesIO()
    Image.new("1", (8000, 8000)).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 100_000  # small on the wire
    sign_in_verified(client, UserFactory(username="editrice@caserurale.re", is_staff=True, is_superuser=True))
    before = WagtailImage.objects.count()
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "Bombe", "file": SimpleUploadedFile("bombe.png", buffer.getvalue(), "image/png")},
    )
    assert WagtailImage.objects.count() == before
    assert "pixels" in response.content.decode().lower()
