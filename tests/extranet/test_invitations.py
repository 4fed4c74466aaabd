"""Invitations: e-mailed, single-use, expiring links; admins invite to their own organisation only."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from annuaire.models import AccessLogEntry, Membership
from extranet.models import Invitation

pytestmark = pytest.mark.django_db

NEW_ACCOUNT = {
    "first_name": "Aurélie",
    "last_name": "Nativel",
    "password1": "Un-jardin-au-soleil-97",
    "password2": "Un-jardin-au-soleil-97",
}


def invite(client, world, email="nouvelle@a.re", role="member"):
    return client.post(reverse("extranet:invite", args=[world.org_a.slug]), {"email": email, "role": role})


def link_from_mail(message):
    return next(line for line in message.body.splitlines() if "/extranet/invitation/" in line).strip()


def test_an_admin_invites_and_the_link_creates_the_account(world, login, client, django_capture_on_commit_callbacks):
    login(world, "admin_a")
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, world)
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nouvelle@a.re"]
    assert "Organisation A" in mail.outbox[0].subject
    link = link_from_mail(mail.outbox[0])
    client.logout()

    path = link.split("testserver", 1)[1]
    assert client.get(path).status_code == 200
    response = client.post(path, NEW_ACCOUNT)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="nouvelle@a.re")
    assert user.username == "nouvelle@a.re" and user.check_password(NEW_ACCOUNT["password1"])
    assert Membership.objects.get(user=user).organisation == world.org_a
    assert AccessLogEntry.objects.filter(action=AccessLogEntry.Action.INVITATION_ACCEPTED).exists()
    # Used once: the same link no longer works.
    client.logout()
    assert client.get(path).status_code == 404


def test_an_expired_link_is_refused(world, client):
    _invitation, token = Invitation.create(email="tard@a.re", organisation=world.org_a, role="member", invited_by=None)
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        response = client.get(reverse("extranet:invitation_accept", args=[token]))
        assert response.status_code == 404
        assert client.post(reverse("extranet:invitation_accept", args=[token]), NEW_ACCOUNT).status_code == 404
    assert not get_user_model().objects.filter(email="tard@a.re").exists()


def test_a_resent_invitation_invalidates_the_previous_link(world, client):
    invitation, first = Invitation.create(email="deux@a.re", organisation=world.org_a, role="member", invited_by=None)
    second = invitation.issue_token()
    assert client.get(reverse("extranet:invitation_accept", args=[first])).status_code == 404
    assert client.get(reverse("extranet:invitation_accept", args=[second])).status_code == 200


def test_a_weak_password_is_refused_and_the_names_are_kept(world, client):
    _invitation, token = Invitation.create(
        email="faible@a.re", organisation=world.org_a, role="member", invited_by=None
    )
    response = client.post(
        reverse("extranet:invitation_accept", args=[token]), {**NEW_ACCOUNT, "password1": "12345", "password2": "12345"}
    )
    assert response.status_code == 400
    assert 'value="Aurélie"' in response.content.decode()
    assert not get_user_model().objects.filter(email="faible@a.re").exists()


def test_an_existing_partner_joins_a_second_organisation(world, login, client):
    member_b = world.users["member_b"]
    _invitation, token = Invitation.create(
        email=member_b.email, organisation=world.org_a, role="member", invited_by=None
    )
    # Signed out, an existing partner is asked to sign in rather than to create an account.
    page = client.get(reverse("extranet:invitation_accept", args=[token])).content.decode()
    assert reverse("extranet:login") + "?next=" in page and "password1" not in page
    login(world, "member_b")
    assert client.post(reverse("extranet:invitation_accept", args=[token])).status_code == 302
    assert set(member_b.memberships.values_list("organisation__name", flat=True)) == {
        "Organisation A",
        "Organisation B",
    }


def test_members_cannot_invite_and_admins_only_to_their_organisation(world, login, client):
    login(world, "member_a")
    assert invite(client, world).status_code == 404
    login(world, "admin_a")
    assert client.get(reverse("extranet:invite", args=[world.org_b.slug])).status_code == 404
    login(world, "coordinator")
    assert client.get(reverse("extranet:invite", args=[world.org_b.slug])).status_code == 200
    assert not Invitation.objects.filter(email="nouvelle@a.re").exists()


def test_inviting_a_current_member_says_so(world, login, client):
    login(world, "admin_a")
    response = invite(client, world, email="MEMBRE@a.re")
    assert response.status_code == 400
    assert "déjà membre" in response.content.decode()


def test_the_last_admin_cannot_leave_or_be_demoted(world, login, client):
    login(world, "admin_a")
    client.post(reverse("extranet:leave", args=[world.org_a.slug]))
    assert Membership.objects.filter(user=world.users["admin_a"], organisation=world.org_a).exists()
    admin_membership = Membership.objects.get(user=world.users["admin_a"])
    login(world, "coordinator")
    client.post(reverse("extranet:membership_edit", args=[world.org_a.slug, admin_membership.pk]), {"role": "member"})
    admin_membership.refresh_from_db()
    assert admin_membership.role == "admin"


def test_a_member_leaves_and_the_change_is_logged(world, login, client):
    login(world, "member_a")
    response = client.post(reverse("extranet:leave", args=[world.org_a.slug]))
    assert response.status_code == 302
    assert not Membership.objects.filter(user=world.users["member_a"]).exists()
    assert AccessLogEntry.objects.filter(action=AccessLogEntry.Action.MEMBER_REMOVED, details__left=True).exists()
