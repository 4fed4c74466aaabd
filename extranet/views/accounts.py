"""The partner's own account: signing in and out, passwords, e-mail address, profile, deactivation,
and the second factor (an authenticator app, TOTP, with django-otp).

People sign in with their e-mail address: the user name is that address in lower case. Failed
logins are counted by django-axes (5 per address and network address, then 15 minutes' wait).
No message ever says whether an address has an account.
"""

import logging
from base64 import b32encode
from datetime import timedelta
from importlib import import_module
from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, get_user_model, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from annuaire import access
from annuaire.models import AccessLogEntry, MemberProfile
from caserurale.forms import form_status
from caserurale.qr import qr_code_svg
from extranet.account_emails import absolute_url, queue_account_email
from extranet.forms.accounts import (
    DeactivateForm,
    EmailChangeForm,
    LoginForm,
    OTPCodeForm,
    OTPRemoveForm,
    PasswordChangeForm,
    PasswordResetForm,
    ProfileForm,
    SetPasswordForm,
)
from extranet.middleware import has_confirmed_device, is_verified, must_use_second_factor, second_factor_url

security_log = logging.getLogger("caserurale.security")
User = get_user_model()

EMAIL_CHANGE_SALT = "extranet.email-change"
EMAIL_CHANGE_MAX_AGE = timedelta(days=2)


# Helpers ------------------------------------------------------------------------------------------


def safe_next(request, default):
    """The ``next`` address of the request if it stays on this site, otherwise ``default``."""
    target = request.POST.get("next") or request.GET.get("next")
    if (
        target
        and target.split("?", 1)[0] != request.path
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return default


def with_next(url, request):
    """``url``, carrying on the ``next`` address the request was given (if it is safe)."""
    target = safe_next(request, "")
    return f"{url}?{urlencode({'next': target})}" if target else url


def email_in_use(email, exclude=None):
    accounts = User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email))
    if exclude is not None:
        accounts = accounts.exclude(pk=exclude.pk)
    return accounts.exists()


def end_all_sessions(user):
    """Delete every stored session of ``user`` at once: they are signed out everywhere.

    Database-backed engines (``db``, ``cached_db``) can be searched; each session is deleted
    through its engine, so a cached copy goes too. With other engines, the sessions of a
    deactivated account still stop working: Django refuses inactive users on every request.
    """
    # The engine is a setting, named by its import path, as Django's own SessionMiddleware loads it.
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not issubclass(store_class, DatabaseSessionStore):
        return 0
    user_id = str(user.pk)
    ended = 0
    live = store_class.get_model_class().objects.filter(expire_date__gt=timezone.now())
    for session in live.only("session_key", "session_data").iterator():
        if str(session.get_decoded().get(SESSION_KEY)) == user_id:
            store_class(session_key=session.session_key).delete()
            ended += 1
    return ended


class BadRequestOnInvalidFormMixin:
    """A form sent with mistakes answers 400, as everywhere on the site."""

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


# Signing in and out -------------------------------------------------------------------------------


class LoginView(BadRequestOnInvalidFormMixin, auth_views.LoginView):
    """Sign in with the e-mail address; then the code of the authenticator app, if there is one.

    django-axes turns the fifth failure for one address from one network address into the
    ``extranet/account/locked_out.html`` page (status 429), before any password is checked.
    """

    form_class = LoginForm
    template_name = "extranet/account/login.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        step = second_factor_url(self.request.user, response.url)
        return HttpResponseRedirect(step) if step else response


@require_POST
def logout_view(request):
    logout(request)
    messages.success(request, _("You are signed out. See you soon!"))
    return redirect("extranet:login")


# Passwords ----------------------------------------------------------------------------------------


class PasswordResetView(BadRequestOnInvalidFormMixin, auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "extranet/account/password_reset.html"
    email_template_name = "extranet/emails/account_password_reset.txt"
    subject_template_name = "extranet/emails/account_password_reset_subject.txt"
    success_url = reverse_lazy("extranet:password_reset_done")
    title = gettext_lazy("Forgotten password")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "extranet/account/password_reset_done.html"
    title = gettext_lazy("Check your e-mail")


class PasswordResetConfirmView(BadRequestOnInvalidFormMixin, auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "extranet/account/password_reset_confirm.html"
    success_url = reverse_lazy("extranet:password_reset_complete")
    title = gettext_lazy("Choose a new password")

    def form_valid(self, form):
        response = super().form_valid(form)
        security_log.info("password reset: user=%s", form.user.pk)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "extranet/account/password_reset_complete.html"
    title = gettext_lazy("Your new password is saved")


class PasswordChangeView(BadRequestOnInvalidFormMixin, auth_views.PasswordChangeView):
    """Other sessions end (Django changes the session hash); this one stays signed in."""

    form_class = PasswordChangeForm
    template_name = "extranet/account/password_change.html"
    success_url = reverse_lazy("extranet:profile")
    title = gettext_lazy("Change my password")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        security_log.info("password changed: user=%s", user.pk)
        queue_account_email(
            "password_changed",
            user.email,
            name=user.get_short_name(),
            link=absolute_url(reverse("extranet:password_reset")),
        )
        messages.success(self.request, _("Your new password is saved. Your other sessions have been signed out."))
        return response


# The account --------------------------------------------------------------------------------------


@login_required
def profile(request):
    user = request.user
    member_profile, _created = MemberProfile.objects.get_or_create(user=user)
    form = ProfileForm(request.POST or None, instance=member_profile, user=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("extranet:profile")
    context = {
        "form": form,
        "memberships": user.memberships.select_related("organisation").order_by("organisation__name"),
        "second_factor_on": has_confirmed_device(user),
        "second_factor_required": must_use_second_factor(user),
    }
    return TemplateResponse(request, "extranet/account/profile.html", context, status=form_status(request))


@sensitive_post_parameters("password")
@login_required
def email_change(request):
    """Nothing changes until the link sent to the new address is opened, signed in, within 2 days."""
    form = EmailChangeForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        user = request.user
        new_email = form.cleaned_data["new_email"]
        name = user.get_short_name()
        if email_in_use(new_email, exclude=user):
            # Told to the owner of that address only: the person asking learns nothing.
            queue_account_email("email_change_taken", new_email, link=absolute_url(reverse("extranet:password_reset")))
        else:
            token = signing.dumps(
                {"user": user.pk, "email": new_email, "from": user.email.lower()}, salt=EMAIL_CHANGE_SALT
            )
            queue_account_email(
                "email_change_confirm",
                new_email,
                name=name,
                link=absolute_url(reverse("extranet:email_change_confirm", args=[token])),
            )
        queue_account_email("email_change_notice", user.email, name=name, new_email=new_email)
        security_log.info("e-mail change asked: user=%s", user.pk)
        messages.success(
            request,
            _(
                "We have sent a link to %(email)s. Your address changes only once you open it, "
                "within 2 days, signed in to this account."
            )
            % {"email": new_email},
        )
        return redirect("extranet:profile")
    return TemplateResponse(request, "extranet/account/email_change.html", {"form": form}, status=form_status(request))


@login_required
def email_change_confirm(request, token):
    user = request.user

    def refuse(reason):
        security_log.warning("e-mail change refused: user=%s reason=%s", user.pk, reason)
        return TemplateResponse(request, "extranet/account/email_change_invalid.html", {"reason": reason}, status=400)

    try:
        data = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE)
    except signing.SignatureExpired:
        return refuse("expired")
    except signing.BadSignature:
        return refuse("invalid")
    if not isinstance(data, dict) or data.get("user") != user.pk or not data.get("email"):
        return refuse("other_account")
    new_email = data["email"]
    if user.email.lower() == new_email:
        messages.info(request, _("%(email)s is already your e-mail address.") % {"email": new_email})
        return redirect("extranet:profile")
    if data.get("from") != user.email.lower():
        # The address changed since this link was sent: only the latest link of an address works.
        return refuse("outdated")
    try:
        with transaction.atomic():
            if email_in_use(new_email, exclude=user):
                raise IntegrityError
            old_email = user.email
            user.username = user.email = new_email
            user.save(update_fields=["username", "email"])
    except IntegrityError:
        return refuse("taken")
    security_log.info("e-mail changed: user=%s", user.pk)
    messages.success(
        request,
        _("Your e-mail address is now %(email)s: use it to sign in. %(old)s no longer works.")
        % {"email": new_email, "old": old_email},
    )
    return redirect("extranet:profile")


@sensitive_post_parameters("password")
@login_required
def deactivate(request):
    form = DeactivateForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        user = request.user
        with transaction.atomic():
            user.is_active = False
            user.save(update_fields=["is_active"])
            access.sync_user_groups(user)
            access.log_access(AccessLogEntry.Action.ACCOUNT_DEACTIVATED, user, actor=user)
        email, name = user.email, user.get_short_name()
        ended = end_all_sessions(user)
        logout(request)
        security_log.info("account deactivated: user=%s sessions_ended=%s", user.pk, ended)
        queue_account_email("deactivated", email, name=name)
        messages.success(
            request,
            _("Your account is deactivated and you are signed out everywhere. Write to us if you want to come back."),
        )
        return redirect("extranet:login")
    return TemplateResponse(request, "extranet/account/deactivate.html", {"form": form}, status=form_status(request))


# Second factor ------------------------------------------------------------------------------------


def grouped_secret(device):
    """The key as people type it into an app: base32, in groups of 4."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[start : start + 4] for start in range(0, len(secret), 4))


def security_page(request, remove_form=None, status=200):
    """For a verified session with a confirmed device: the second factor is on."""
    required = must_use_second_factor(request.user)
    if required:
        remove_form = None
    elif remove_form is None:
        remove_form = OTPRemoveForm(request=request)
    context = {
        "device": TOTPDevice.objects.devices_for_user(request.user, confirmed=True).first(),
        "second_factor_required": required,
        "remove_form": remove_form,
    }
    return TemplateResponse(request, "extranet/account/otp_status.html", context, status=status)


@login_required
def otp_setup(request):
    user = request.user
    if has_confirmed_device(user):
        if not is_verified(user):
            # A new device only once this session has given a code of the current one.
            return redirect(with_next(reverse("extranet:otp_verify"), request))
        return security_page(request)
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("pk").first()
    if device is None:
        # The key is made on an explicit POST: a GET (a reload, a link prefetcher) creates nothing.
        if request.method == "POST":
            TOTPDevice.objects.create(user=user, name="default", confirmed=False)
            return redirect(with_next(reverse("extranet:otp_setup"), request))
        context = {"second_factor_required": must_use_second_factor(user), "next": safe_next(request, "")}
        return TemplateResponse(request, "extranet/account/otp_start.html", context)
    form = OTPCodeForm(request.POST or None, device=device)
    if request.method == "POST":
        if form.is_valid():
            device = form.verified_device
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.devices_for_user(user, confirmed=False).delete()
            request.session.cycle_key()
            django_otp.login(request, device)
            security_log.info("second factor on: user=%s", user.pk)
            messages.success(
                request, _("The second factor is on: you will type a code from your app when you sign in.")
            )
            return redirect(safe_next(request, reverse("extranet:profile")))
        security_log.warning("second factor set-up: wrong code, user=%s", user.pk)
    context = {
        "form": form,
        "secret": grouped_secret(device),
        "qr_code": qr_code_svg(device.config_url, _("QR code to scan with your authenticator app")),
        "second_factor_required": must_use_second_factor(user),
        "next": safe_next(request, ""),
    }
    return TemplateResponse(request, "extranet/account/otp_setup.html", context, status=form_status(request))


@login_required
def otp_verify(request):
    user = request.user
    device = TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()
    if device is None:
        return redirect(with_next(reverse("extranet:otp_setup"), request))
    if is_verified(user):
        return redirect(safe_next(request, reverse("extranet:dashboard")))
    form = OTPCodeForm(request.POST or None, device=device)
    if request.method == "POST":
        if form.is_valid():
            # A new session key for the more trusted session.
            request.session.cycle_key()
            django_otp.login(request, form.verified_device)
            return redirect(safe_next(request, reverse("extranet:dashboard")))
        security_log.warning("second factor: wrong code, user=%s", user.pk)
    context = {"form": form, "next": safe_next(request, "")}
    return TemplateResponse(request, "extranet/account/otp_verify.html", context, status=form_status(request))


@sensitive_post_parameters("password")
@login_required
@require_POST
def otp_remove(request):
    """Turn the second factor off (the session has given a code: the middleware saw to that)."""
    user = request.user
    if must_use_second_factor(user):
        messages.error(
            request,
            _("Coordinators and editors must keep the second factor: it protects what everybody sees."),
        )
        return redirect("extranet:otp_setup")
    if not has_confirmed_device(user):
        return redirect("extranet:otp_setup")
    form = OTPRemoveForm(request.POST, request=request)
    if not form.is_valid():
        return security_page(request, remove_form=form, status=400)
    TOTPDevice.objects.devices_for_user(user).delete()
    request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
    user.otp_device = None
    security_log.info("second factor off: user=%s", user.pk)
    messages.success(request, _("The second factor is off. You can turn it on again at any time."))
    return redirect("extranet:profile")
