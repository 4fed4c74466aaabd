"""Accounts: signing in with the e-mail address, lockout, passwords, e-mail change, deactivation,
the second factor and who must use it, session expiry and CSRF."""

import logging
import re
from datetime import timedelta
from importlib import import_module

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.models import Session
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

import extranet.signals  # noqa: F401  (until ExtranetConfig.ready() imports it)
from annuaire import access
from annuaire.models import AccessLogEntry, MemberProfile, Membership, Organisation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "Un-mot-de-passe-solide-2030"  # UserFactory's
NEW_PASSWORD = "Les-goyaviers-de-Trois-Bassins"


def make_account(email="paule.hoarau@example.re", **kwargs):
    return UserFactory(username=email, email=email, first_name="Paule", last_name="Hoarau", **kwargs)


def make_coordinator(email="coordination@example.re"):
    user = make_account(email)
    user.groups.add(Group.objects.get_or_create(name=access.COORDINATORS_GROUP)[0])
    return user


def make_partner(email="paule.hoarau@example.re"):
    user = make_account(email)
    organisation = Organisation.objects.create(name="Association des Hauts")
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.MEMBER)
    access.sync_user_groups(user)
    return user


def code_for(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def sign_in(client, email, password=PASSWORD, **extra):
    return client.post(reverse("extranet:login"), {"username": email, "password": password, **extra})


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


def document(response):
    return BeautifulSoup(response.content, "html.parser")


def link_in(message, marker):
    return next(line.strip() for line in message.body.splitlines() if marker in line).split("testserver", 1)[1]


@pytest.fixture
def no_otp_throttle(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


# Signing in ---------------------------------------------------------------------------------------


def test_login_page_is_accessible(client):
    response = client.get(reverse("extranet:login"))

    assert response.status_code == 200
    page = document(response)
    email = page.select_one("#id_username")
    assert email["type"] == "email" and email["autocomplete"] == "email"
    assert page.select_one("label[for=id_username]") is not None
    assert page.select_one("#id_password")["autocomplete"] == "current-password"
    assert page.select_one("form input[name=csrfmiddlewaretoken]") is not None
    assert page.select_one(f"a[href='{reverse('extranet:password_reset')}']") is not None


def test_login_with_the_email_address_in_any_case(client):
    user = make_partner()

    response = sign_in(client, "  Paule.HOARAU@Example.re ")

    assert response.status_code == 302
    assert response["Location"] == reverse("extranet:dashboard")
    assert signed_in_user_id(client) == str(user.pk)


def test_login_goes_to_next_on_this_site_only(client):
    make_partner()
    profile = reverse("extranet:profile")

    assert sign_in(client, "paule.hoarau@example.re", next=profile)["Location"] == profile
    client.post(reverse("extranet:logout"))
    response = sign_in(client, "paule.hoarau@example.re", next="https://example.com/")
    assert response["Location"] == reverse("extranet:dashboard")


def test_wrong_password_and_unknown_address_get_the_same_generic_error(client, caplog):
    make_account()

    with caplog.at_level(logging.WARNING, logger="caserurale.security"):
        wrong_password = sign_in(client, "paule.hoarau@example.re", "pas-le-bon-mot-de-passe")
        unknown = sign_in(client, "personne@example.re", "pas-le-bon-mot-de-passe")

    assert wrong_password.status_code == unknown.status_code == 400
    errors = [document(r).select_one("#form-errors ul").get_text(" ", strip=True) for r in (wrong_password, unknown)]
    assert errors[0] == errors[1]
    assert "paule.hoarau" not in errors[0]
    assert signed_in_user_id(client) is None
    failures = [r for r in caplog.records if r.name == "caserurale.security" and "login failed" in r.getMessage()]
    assert len(failures) == 2
    assert "personne@example.re" in failures[1].getMessage()
    assert PASSWORD not in caplog.text and "pas-le-bon-mot-de-passe" not in caplog.text


def test_five_failures_pause_signing_in_for_fifteen_minutes(client):
    user = make_partner()
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _attempt in range(4):
            assert sign_in(client, "paule.hoarau@example.re", "mauvais-mot-de-passe").status_code == 400
        fifth = sign_in(client, "paule.hoarau@example.re", "mauvais-mot-de-passe")
        assert fifth.status_code == 429
        assert "Connexion suspendue" in fifth.content.decode()
        assert "15" in document(fifth).select_one("[role=alert]").get_text()
        assert document(fifth).select_one(f"a[href='{reverse('extranet:password_reset')}']") is not None

        # The right password does not help during the wait.
        sixth = sign_in(client, "Paule.Hoarau@example.re", PASSWORD)
        assert sixth.status_code == 429
        assert signed_in_user_id(client) is None

        traveller.shift(timedelta(minutes=16))
        response = sign_in(client, "paule.hoarau@example.re", PASSWORD)
        assert response.status_code == 302
        assert signed_in_user_id(client) == str(user.pk)


def test_lockout_counts_per_address(client):
    make_partner()
    make_account("autre@example.re")
    for _attempt in range(5):
        sign_in(client, "autre@example.re", "mauvais-mot-de-passe")

    assert sign_in(client, "paule.hoarau@example.re").status_code == 302


def test_logout_needs_a_post_and_says_goodbye(client):
    user = make_partner()
    client.force_login(user)

    assert client.get(reverse("extranet:logout")).status_code == 405
    assert signed_in_user_id(client) == str(user.pk)
    response = client.post(reverse("extranet:logout"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("extranet:login")
    assert signed_in_user_id(client) is None
    assert document(response).select_one(".messages .alert--success") is not None


def test_pages_are_in_creole_under_rcf(client):
    response = client.get("/rcf/extranet/connexion/")

    assert response.status_code == 200
    assert document(response).html["lang"] == "rcf"
    with translation.override("rcf"):
        assert document(response).select_one("main form")["action"] == reverse("extranet:login")


# Passwords ----------------------------------------------------------------------------------------


def test_password_reset_link_sets_a_new_password_once(client):
    user = make_account()

    response = client.post(reverse("extranet:password_reset"), {"email": "Paule.Hoarau@example.re"})

    assert response.status_code == 302
    assert response["Location"] == reverse("extranet:password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["paule.hoarau@example.re"]
    link = link_in(mail.outbox[0], "/mot-de-passe/nouveau/")

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert document(form_page).select_one("#id_new_password1")["autocomplete"] == "new-password"
    too_short = client.post(form_page.redirect_chain[-1][0], {"new_password1": "court", "new_password2": "court"})
    assert too_short.status_code == 400
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("extranet:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    # Used once: the link no longer shows the form.
    again = client.get(link, follow=True)
    assert again.status_code == 200
    assert document(again).select_one("#id_new_password1") is None
    assert sign_in(Client(), "paule.hoarau@example.re", NEW_PASSWORD).status_code == 302


def test_password_reset_says_the_same_for_an_unknown_address(client):
    response = client.post(reverse("extranet:password_reset"), {"email": "personne@example.re"})

    assert response.status_code == 302
    assert response["Location"] == reverse("extranet:password_reset_done")
    assert mail.outbox == []


def test_password_change_needs_the_current_password_and_signs_out_other_sessions(client):
    user = make_partner()
    other = Client()
    other.force_login(user)
    client.force_login(user)
    url = reverse("extranet:password_change")

    wrong = client.post(url, {"old_password": "faux", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert wrong.status_code == 400
    user.refresh_from_db()
    assert user.check_password(PASSWORD)

    response = client.post(
        url, {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("extranet:profile")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert client.get(reverse("extranet:profile")).status_code == 200
    assert other.get(reverse("extranet:profile")).status_code == 302
    assert mail.outbox[-1].to == [user.email]


# Profile ------------------------------------------------------------------------------------------


def test_profile_creates_the_member_profile_and_saves_it(client):
    user = make_partner()
    client.force_login(user)

    response = client.get(reverse("extranet:profile"))

    assert response.status_code == 200
    assert MemberProfile.objects.filter(user=user).exists()
    page = document(response)
    radios = page.select("input[type=radio][name=notification_frequency]")
    assert len(radios) == 4
    assert page.select_one("fieldset legend") is not None
    leave = page.select_one(f"form[action='{reverse('extranet:leave', args=['association-des-hauts'])}']")
    assert leave is not None and leave.select_one("input[name=csrfmiddlewaretoken]") is not None
    for name in ("password_change", "email_change", "otp_setup", "deactivate"):
        assert page.select_one(f"a[href='{reverse('extranet:' + name)}']") is not None

    response = client.post(
        reverse("extranet:profile"),
        {
            "first_name": "Paule",
            "last_name": "Hoarau-Payet",
            "job_title": "Chargée de projets",
            "phone": "0262 00 00 00",
            "show_phone": "on",
            "notification_frequency": "weekly",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.last_name == "Hoarau-Payet"
    assert (user.profile.job_title, user.profile.show_email, user.profile.show_phone) == (
        "Chargée de projets",
        False,
        True,
    )
    assert user.profile.notification_frequency == MemberProfile.Frequency.WEEKLY


def test_profile_errors_are_tied_to_their_fields(client):
    client.force_login(make_partner())

    response = client.post(reverse("extranet:profile"), {"first_name": "", "notification_frequency": "hourly"})

    assert response.status_code == 400
    page = document(response)
    assert page.select_one("#id_first_name")["aria-invalid"] == "true"
    assert "id_first_name-error" in page.select_one("#id_first_name")["aria-describedby"]
    assert page.select_one("#form-errors a[href='#id_notification_frequency_0']") is not None
    assert page.select_one("#id_notification_frequency-error") is not None


def test_account_pages_need_a_signed_in_user(client):
    for name in ("profile", "password_change", "email_change", "deactivate", "otp_setup", "otp_verify"):
        response = client.get(reverse(f"extranet:{name}"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("extranet:login") + "?next=")


# E-mail address -----------------------------------------------------------------------------------


def test_email_change_needs_the_current_password(client):
    user = make_partner()
    client.force_login(user)

    response = client.post(reverse("extranet:email_change"), {"new_email": "nouvelle@example.re", "password": "faux"})

    assert response.status_code == 400
    assert document(response).select_one("#id_password")["aria-invalid"] == "true"
    assert mail.outbox == []
    user.refresh_from_db()
    assert user.email == user.username == "paule.hoarau@example.re"


def test_email_change_is_confirmed_from_the_new_address(client):
    user = make_partner()
    client.force_login(user)

    response = client.post(
        reverse("extranet:email_change"), {"new_email": "Nouvelle.Adresse@Example.re", "password": PASSWORD}
    )

    assert response.status_code == 302
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"nouvelle.adresse@example.re", "paule.hoarau@example.re"}
    assert "nouvelle.adresse@example.re" in by_address["paule.hoarau@example.re"].body
    user.refresh_from_db()
    assert user.email == user.username == "paule.hoarau@example.re"  # nothing changes before

    link = link_in(by_address["nouvelle.adresse@example.re"], "/compte/adresse/")
    response = client.get(link)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == user.username == "nouvelle.adresse@example.re"
    # Used: the same link does nothing more, and the new address signs in.
    assert client.get(link).status_code == 302
    client.post(reverse("extranet:logout"))
    assert sign_in(client, "nouvelle.adresse@example.re").status_code == 302


def test_email_change_link_is_refused_to_another_account_and_when_old(client):
    user = make_partner()
    token = signing.dumps(
        {"user": user.pk, "email": "nouvelle@example.re", "from": user.email}, salt="extranet.email-change"
    )
    url = reverse("extranet:email_change_confirm", args=[token])

    client.force_login(make_account("quelquun@example.re"))
    assert client.get(url).status_code == 400
    client.force_login(user)
    with time_machine.travel(timezone.now() + timedelta(days=2, minutes=1)):
        client.force_login(user)
        assert client.get(url).status_code == 400
    assert client.get(reverse("extranet:email_change_confirm", args=["nimporte:quoi"])).status_code == 400
    user.refresh_from_db()
    assert user.email == "paule.hoarau@example.re"


def test_email_change_to_an_address_already_used_changes_nothing(client):
    user = make_partner()
    make_account("prise@example.re")
    client.force_login(user)

    response = client.post(reverse("extranet:email_change"), {"new_email": "prise@example.re", "password": PASSWORD})

    # The person asking is told the same as for a free address; the owner of that address is told.
    assert response.status_code == 302
    taken = next(message for message in mail.outbox if message.to == ["prise@example.re"])
    assert "/compte/adresse/" not in taken.body
    # A link made before the address was taken is refused with a clear message.
    token = signing.dumps(
        {"user": user.pk, "email": "prise@example.re", "from": user.email}, salt="extranet.email-change"
    )
    response = client.get(reverse("extranet:email_change_confirm", args=[token]))
    assert response.status_code == 400
    assert "Un autre compte utilise déjà cette adresse e-mail" in response.content.decode()
    user.refresh_from_db()
    assert user.email == "paule.hoarau@example.re"


# Deactivation -------------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ["db", "cached_db"])
def test_deactivation_ends_every_session_at_once(client, settings, engine):
    settings.SESSION_ENGINE = f"django.contrib.sessions.backends.{engine}"
    user = make_partner()
    other = Client()
    assert sign_in(client, user.email).status_code == 302
    assert sign_in(other, user.email).status_code == 302
    assert other.get(reverse("extranet:profile")).status_code == 200
    other_key = other.session.session_key

    wrong = client.post(reverse("extranet:deactivate"), {"password": "faux"})
    assert wrong.status_code == 400
    user.refresh_from_db()
    assert user.is_active

    response = client.post(reverse("extranet:deactivate"), {"password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("extranet:login")
    user.refresh_from_db()
    assert not user.is_active
    assert not user.groups.filter(name=access.PARTNERS_GROUP).exists()
    entry = AccessLogEntry.objects.get(action=AccessLogEntry.Action.ACCOUNT_DEACTIVATED)
    assert entry.actor == user and entry.object_id == str(user.pk)
    assert not any(session.get_decoded().get(SESSION_KEY) == str(user.pk) for session in Session.objects.all())
    assert not import_module(settings.SESSION_ENGINE).SessionStore().exists(other_key)  # nor in the cache
    next_request = other.get(reverse("extranet:profile"))
    assert next_request.status_code == 302
    assert next_request["Location"].startswith(reverse("extranet:login"))
    assert sign_in(Client(), user.email).status_code == 400


# Second factor ------------------------------------------------------------------------------------


def test_a_partner_turns_on_the_second_factor(client, no_otp_throttle):
    user = make_partner()
    client.force_login(user)

    start = client.get(reverse("extranet:otp_setup"))
    assert start.status_code == 200
    assert not TOTPDevice.objects.filter(user=user).exists()  # opening the page makes no key
    assert client.get(reverse("extranet:otp_setup")).status_code == 200
    assert not TOTPDevice.objects.filter(user=user).exists()
    made = client.post(reverse("extranet:otp_setup"), {"next": "/extranet/compte/"})
    assert (
        made.status_code == 302 and made["Location"] == reverse("extranet:otp_setup") + "?next=%2Fextranet%2Fcompte%2F"
    )

    response = client.get(made["Location"])
    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed and device.name == "default"
    page = document(response)
    qr = page.select_one("svg[role=img]")
    assert qr is not None and qr["aria-label"]
    assert not page.select("main img")  # inline: the secret is never sent to another site
    assert (
        page.select_one(".otp-secret").get_text().replace(" ", "")
        == device.config_url.split("secret=")[1].split("&")[0]
    )
    code = page.select_one("#id_code")
    assert code["autocomplete"] == "one-time-code" and code["inputmode"] == "numeric"
    # The same device while the person scans: reloading shows the same key.
    assert client.get(reverse("extranet:otp_setup")).status_code == 200
    assert TOTPDevice.objects.filter(user=user).count() == 1

    wrong = client.post(reverse("extranet:otp_setup"), {"code": "000000" if code_for(device) != "000000" else "111111"})
    assert wrong.status_code == 400
    device.refresh_from_db()
    assert not device.confirmed

    response = client.post(reverse("extranet:otp_setup"), {"code": code_for(device), "next": "/extranet/compte/"})

    assert response.status_code == 302
    assert response["Location"] == "/extranet/compte/"
    device.refresh_from_db()
    assert device.confirmed
    status = client.get(reverse("extranet:otp_setup"))
    assert status.status_code == 200
    assert document(status).select_one(f"form[action='{reverse('extranet:otp_remove')}']") is not None


def test_a_partner_may_turn_the_second_factor_off_with_the_password(client):
    user = make_partner()
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    client.force_login(user)
    client.post(reverse("extranet:otp_verify"), {"code": code_for(device)})

    assert client.get(reverse("extranet:otp_remove")).status_code == 405
    assert client.post(reverse("extranet:otp_remove"), {"password": "faux"}).status_code == 400
    assert TOTPDevice.objects.filter(user=user).exists()
    response = client.post(reverse("extranet:otp_remove"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert client.get(reverse("extranet:profile")).status_code == 200


def test_a_coordinator_may_not_turn_the_second_factor_off(client):
    user = make_coordinator()
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    client.force_login(user)
    client.post(reverse("extranet:otp_verify"), {"code": code_for(device)})

    response = client.post(reverse("extranet:otp_remove"), {"password": PASSWORD})

    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@pytest.mark.parametrize("path", ["/extranet/", "/extranet/compte/", "/admin/", "/rcf/extranet/"])
def test_a_coordinator_without_device_must_set_one_up(client, path):
    client.force_login(make_coordinator())

    response = client.get(path)

    assert response.status_code == 302
    with translation.override("rcf" if path.startswith("/rcf/") else "fr"):
        setup = reverse("extranet:otp_setup")
    assert response["Location"].split("?")[0] == setup
    assert f"next={path.replace('/', '%2F')}" in response["Location"]


def test_an_editor_without_device_must_set_one_up_for_the_admin(client):
    editor = make_account("redaction@example.re")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"))
    client.force_login(editor)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("extranet:otp_setup"))


def test_second_factor_pages_and_public_site_are_never_redirected(client):
    client.force_login(make_coordinator())

    assert client.get(reverse("extranet:otp_setup")).status_code == 200
    assert client.get("/").status_code == 200
    assert client.get(reverse("extranet:login")).status_code == 200
    assert client.get(reverse("extranet:password_reset")).status_code == 200
    assert client.post(reverse("extranet:logout")).status_code == 302


def test_a_coordinator_with_a_device_gives_a_code_then_enters(client):
    user = make_coordinator()
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)

    response = sign_in(client, user.email)

    verify = reverse("extranet:otp_verify")
    assert response.status_code == 302
    assert response["Location"] == f"{verify}?next=%2Fextranet%2F"
    assert client.get("/extranet/")["Location"] == f"{verify}?next=%2Fextranet%2F"
    assert client.get("/admin/")["Location"] == f"{verify}?next=%2Fadmin%2F"
    # Enrolling another device is not a way round the code.
    assert client.get(reverse("extranet:otp_setup"))["Location"].startswith(verify)

    page = client.get(verify + "?next=%2Fextranet%2F")
    assert page.status_code == 200
    assert document(page).select_one("input[name=next]")["value"] == "/extranet/"
    wrong = client.post(verify, {"code": "12345x", "next": "/extranet/"})
    assert wrong.status_code == 400
    assert document(wrong).select_one("#form-errors") is not None

    response = client.post(verify, {"code": code_for(device), "next": "/extranet/"})

    assert response.status_code == 302
    assert response["Location"] == "/extranet/"
    assert client.get("/extranet/").status_code == 200
    assert client.get(reverse("extranet:profile")).status_code == 200


def test_a_used_code_cannot_be_used_again(client, no_otp_throttle):
    user = make_coordinator()
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    code = code_for(device)
    client.force_login(user)
    assert client.post(reverse("extranet:otp_verify"), {"code": code}).status_code == 302

    other = Client()
    other.force_login(user)
    assert other.post(reverse("extranet:otp_verify"), {"code": code}).status_code == 400


def test_a_verified_superuser_opens_the_admin(client):
    user = make_account("admin-site@example.re", is_superuser=True, is_staff=True)
    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    client.force_login(user)
    assert client.get("/admin/").status_code == 302

    client.post(reverse("extranet:otp_verify"), {"code": code_for(device)})

    assert client.get("/admin/").status_code == 200


def test_a_partner_without_device_is_not_forced(client):
    client.force_login(make_partner())

    assert client.get(reverse("extranet:dashboard")).status_code == 200
    assert client.get(reverse("extranet:profile")).status_code == 200


def test_a_partner_who_enrolled_must_give_the_code(client):
    user = make_partner()
    TOTPDevice.objects.create(user=user, name="default", confirmed=True)

    assert sign_in(client, user.email)["Location"].startswith(reverse("extranet:otp_verify"))
    assert client.get(reverse("extranet:profile"))["Location"].startswith(reverse("extranet:otp_verify"))


# Sessions and CSRF --------------------------------------------------------------------------------


def test_an_idle_session_ends_after_thirty_minutes(client):
    user = make_partner()
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        assert sign_in(client, user.email).status_code == 302
        traveller.shift(timedelta(minutes=29))
        assert client.get(reverse("extranet:profile")).status_code == 200  # activity extends it
        traveller.shift(timedelta(minutes=29))
        assert client.get(reverse("extranet:profile")).status_code == 200

        traveller.shift(timedelta(minutes=31))
        response = client.get(reverse("extranet:profile"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("extranet:login"))


def test_forms_refuse_a_post_without_csrf_token():
    user = make_partner()
    client = Client(enforce_csrf_checks=True)

    assert client.post(reverse("extranet:login"), {"username": user.email, "password": PASSWORD}).status_code == 403
    assert signed_in_user_id(client) is None
    client.force_login(user)
    assert client.post(reverse("extranet:deactivate"), {"password": PASSWORD}).status_code == 403
    assert client.post(reverse("extranet:logout")).status_code == 403
    user.refresh_from_db()
    assert user.is_active


def test_every_account_form_carries_a_csrf_token(client):
    client.force_login(make_partner())
    for name in ("profile", "password_change", "email_change", "deactivate", "otp_setup"):
        page = document(client.get(reverse(f"extranet:{name}")))
        for form in page.select("main form[method=post]"):
            assert form.select_one("input[name=csrfmiddlewaretoken]") is not None, name


def test_account_emails_are_written_in_the_language_of_the_page(client):
    make_account()

    client.post("/rcf/extranet/mot-de-passe/oublie/", {"email": "paule.hoarau@example.re"})

    assert "/rcf/extranet/mot-de-passe/nouveau/" in mail.outbox[0].body
    assert re.search(r"http://testserver/rcf/extranet/mot-de-passe/nouveau/[^/]+/[^/]+/", mail.outbox[0].body)


def test_a_sign_in_is_a_visit_and_the_dashboard_records_nothing(client):
    user = make_partner()
    sign_in(client, user.email)
    profile = MemberProfile.objects.get(user=user)
    first_visit = profile.last_visit
    assert first_visit is not None and profile.previous_visit is None and profile.language == "fr"

    client.get(reverse("extranet:dashboard"))
    client.get(reverse("extranet:dashboard"))
    profile.refresh_from_db()
    assert profile.last_visit == first_visit  # opening pages writes nothing

    client.post(reverse("extranet:logout"))
    with translation.override("rcf"):
        creole_login = reverse("extranet:login")
    client.post(creole_login, {"username": user.email, "password": PASSWORD})
    profile.refresh_from_db()
    assert profile.previous_visit == first_visit and profile.last_visit > first_visit
    assert profile.language == "rcf"  # e-mails follow the language of the sign-in
