"""Object-level access: partner B cannot read, list, search, export, download or edit A's objects."""

import pytest
from django.urls import reverse

from annuaire import access
from annuaire.access import Visibility
from annuaire.models import AccessLogEntry, Membership
from extranet.models import Document, Resource
from tests.extranet.conftest import EDITS, ROLES, SEES

pytestmark = pytest.mark.django_db

PARTNER_ROLES = [role for role in ROLES if role != "anonymous"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("level", Visibility.values)
def test_the_queryset_filter_lets_exactly_the_right_people_see(world, role, level):
    user = world.users[role]
    from django.contrib.auth.models import AnonymousUser

    viewer = user or AnonymousUser()
    for objects in (world.resources, world.documents, world.events, world.funding_calls):
        obj = objects[level]
        visible = type(obj).objects.visible_to(viewer).filter(pk=obj.pk).exists()
        assert visible == (role in SEES[level]), f"{role} / {level} / {type(obj).__name__}"
        editable = type(obj).objects.editable_by(viewer).filter(pk=obj.pk).exists()
        assert editable == (role in EDITS), f"{role} edits {level}"


@pytest.mark.parametrize("role", PARTNER_ROLES)
@pytest.mark.parametrize("level", Visibility.values)
def test_detail_and_download_answer_404_to_whoever_may_not_see(world, login, role, level):
    client = login(world, role)
    resource, document = world.resources[level], world.documents[level]
    expected = 200 if role in SEES[level] else 404
    assert client.get(reverse("extranet:resource_detail", args=[resource.pk])).status_code == expected
    assert client.get(reverse("extranet:document_detail", args=[document.pk])).status_code == expected
    download = client.get(reverse("extranet:document_download", args=[document.pk]))
    assert download.status_code == expected
    if expected == 200:
        assert b"".join(download.streaming_content) == f"contenu {level}".encode()
        assert download["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("role", PARTNER_ROLES)
@pytest.mark.parametrize("level", Visibility.values)
def test_edit_share_and_delete_answer_404_to_whoever_may_not_edit(world, login, role, level):
    client = login(world, role)
    resource = world.resources[level]
    expected = 200 if role in EDITS else 404
    assert client.get(reverse("extranet:resource_edit", args=[resource.pk])).status_code == expected
    assert client.get(reverse("extranet:resource_share", args=[resource.pk])).status_code == expected
    response = client.post(reverse("extranet:resource_share", args=[resource.pk]), {"visibility": "public"})
    assert response.status_code == (302 if role in EDITS else 404)
    resource.refresh_from_db()
    assert (resource.visibility == "public") == (role in EDITS or level == "public")
    delete = client.post(reverse("extranet:resource_delete", args=[resource.pk]))
    assert delete.status_code == (302 if role in EDITS else 404)
    assert Resource.objects.filter(pk=resource.pk).exists() == (role not in EDITS)


@pytest.mark.parametrize("role", PARTNER_ROLES)
def test_lists_search_and_exports_show_only_what_the_role_may_see(world, login, role):
    client = login(world, role)
    expected = {f"Ressource {level} de A" for level, who in SEES.items() if role in who}
    listing = client.get(reverse("extranet:resource_list")).content.decode()
    search = client.get(reverse("extranet:search"), {"q": "Ressource"}).content.decode()
    export = client.get(reverse("extranet:resource_export")).content.decode("utf-8-sig")
    for level in Visibility.values:
        name = f"Ressource {level} de A"
        for surface, body in (("list", listing), ("search", search), ("export", export)):
            assert (name in body) == (name in expected), f"{role} / {level} / {surface}"


def test_guessing_ids_reveals_nothing_and_is_logged(world, login, caplog):
    client = login(world, "member_b")
    secret = world.resources[Visibility.ORGANISATION]
    missing = Resource.objects.order_by("-pk").first().pk + 1000
    with caplog.at_level("WARNING", logger="caserurale.security"):
        hidden = client.get(reverse("extranet:resource_detail", args=[secret.pk]))
        absent = client.get(reverse("extranet:resource_detail", args=[missing]))
    assert hidden.status_code == absent.status_code == 404
    assert secret.name not in hidden.content.decode()
    assert any("access refused" in record.message for record in caplog.records)


def test_documents_are_not_reachable_by_a_media_url(world, client, settings):
    document = world.documents[Visibility.PUBLIC]
    path = document.file.path
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert client.get(settings.MEDIA_URL + document.file.name).status_code == 404


def test_export_neutralises_spreadsheet_formulas(world, login):
    resource = world.resources[Visibility.PARTNERS]
    resource.description = '=HYPERLINK("http://evil.example")'
    resource.save()
    body = login(world, "member_a").get(reverse("extranet:resource_export")).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body


def test_the_object_page_says_who_can_see_and_edit_it(world, login):
    client = login(world, "member_a")
    circle_page = client.get(reverse("extranet:resource_detail", args=[world.resources[Visibility.CIRCLE].pk]))
    text = circle_page.content.decode()
    assert "Cercle AC" in text and "Organisation A" in text
    org_page = client.get(reverse("extranet:resource_detail", args=[world.resources[Visibility.ORGANISATION].pk]))
    assert "Seuls les membres de Organisation A" in org_page.content.decode()


def test_changing_the_visibility_is_logged_for_coordinators(world, login):
    client = login(world, "admin_a")
    resource = world.resources[Visibility.ORGANISATION]
    client.post(
        reverse("extranet:resource_share", args=[resource.pk]),
        {"visibility": Visibility.CIRCLE, "circles": [world.circle.pk]},
    )
    entry = AccessLogEntry.objects.filter(action=AccessLogEntry.Action.VISIBILITY, object_id=str(resource.pk)).latest(
        "pk"
    )
    assert entry.actor == world.users["admin_a"]
    assert entry.details["before"]["visibility"] == "organisation"
    assert entry.details["after"] == {"visibility": "circle", "circles": ["Cercle AC"]}
    journal = login(world, "coordinator").get(reverse("extranet:access_log")).content.decode()
    assert resource.name in journal


def test_sharing_with_circles_requires_a_circle(world, login):
    client = login(world, "admin_a")
    resource = world.resources[Visibility.ORGANISATION]
    response = client.post(reverse("extranet:resource_share", args=[resource.pk]), {"visibility": Visibility.CIRCLE})
    assert response.status_code == 400
    assert "Choisissez au moins un cercle" in response.content.decode()
    resource.refresh_from_db()
    assert resource.visibility == Visibility.ORGANISATION


def test_joining_and_leaving_a_circle_changes_what_members_see(world):
    user = world.users["member_b"]
    shared = world.resources[Visibility.CIRCLE]
    assert not Resource.objects.visible_to(user).filter(pk=shared.pk).exists()
    world.circle.organisations.add(world.org_b)
    user = type(user).objects.get(pk=user.pk)
    assert Resource.objects.visible_to(user).filter(pk=shared.pk).exists()
    world.circle.organisations.remove(world.org_b)
    user = type(user).objects.get(pk=user.pk)
    assert not Resource.objects.visible_to(user).filter(pk=shared.pk).exists()


def test_leaving_an_organisation_removes_its_private_objects(world):
    user = world.users["member_a"]
    secret = world.documents[Visibility.ORGANISATION]
    Membership.objects.filter(user=user, organisation=world.org_a).delete()
    user = type(user).objects.get(pk=user.pk)
    assert not Document.objects.visible_to(user).filter(pk=secret.pk).exists()
    assert not access.is_partner(user)


def test_a_member_can_be_given_the_edit_right_on_one_object(world):
    member = world.users["member_a"]
    resource = world.resources[Visibility.PARTNERS]
    assert not access.can_edit(member, resource)
    access.set_personal_edit_right(resource, member, True, actor=world.users["admin_a"])
    member = type(member).objects.get(pk=member.pk)
    assert access.can_edit(member, resource)
    assert not access.can_edit(member, world.resources[Visibility.PUBLIC])


def test_creating_an_object_starts_private_to_the_organisation(world, login):
    client = login(world, "member_a")
    response = client.post(
        reverse("extranet:resource_create"),
        {"owner": world.org_a.pk, "name": "Tables pliantes", "kind": "equipment", "description": "Dix tables"},
    )
    resource = Resource.objects.get(name="Tables pliantes")
    assert response["Location"] == reverse("extranet:resource_share", args=[resource.pk])
    assert resource.visibility == Visibility.ORGANISATION
    assert resource.created_by == world.users["member_a"]
    member_b = world.users["member_b"]
    assert not Resource.objects.visible_to(member_b).filter(pk=resource.pk).exists()


def test_a_member_cannot_publish_for_another_organisation(world, login):
    client = login(world, "member_b")
    response = client.post(
        reverse("extranet:resource_create"), {"owner": world.org_a.pk, "name": "Intrus", "kind": "room"}
    )
    assert response.status_code == 400
    assert not Resource.objects.filter(name="Intrus").exists()


def test_invalid_form_keeps_what_was_typed(world, login):
    client = login(world, "member_a")
    response = client.post(
        reverse("extranet:resource_create"),
        {"owner": world.org_a.pk, "name": "", "kind": "room", "description": "Une grande salle lumineuse"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Une grande salle lumineuse" in body
    assert "Ce champ est obligatoire." in body


def test_oversized_and_forbidden_documents_are_refused(world, login, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(world, "member_a")
    script = SimpleUploadedFile("virus.exe", b"MZ...", content_type="application/octet-stream")
    response = client.post(
        reverse("extranet:document_create"), {"owner": world.org_a.pk, "title": "Programme", "file": script}
    )
    assert response.status_code == 400
    assert "virus.exe" not in [d.filename for d in Document.objects.all()]
    assert "extension" in response.content.decode().lower()


def test_partners_never_get_into_the_wagtail_admin(world, login):
    response = login(world, "admin_a").get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_guardian_keeps_no_anonymous_user_row(world):
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(username__iexact="AnonymousUser").exists()
