"""The second factor: who must use one, and the middleware that asks for it.

Coordinators and editors (anyone who can open the Wagtail admin) must protect their account with
an authenticator app; other partners may choose to. Once someone has a confirmed device, every
session of theirs must be verified with a code before it opens the extranet or the admin.
"""

import functools
from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from annuaire.access import is_coordinator

# Extranet pages open to a session that has not given its code yet.
EXTRANET_OPEN_URL_NAMES = frozenset(
    {
        "login",
        "logout",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "otp_setup",
        "otp_verify",
    }
)
# Wagtail admin pages open to such a session: signing in and out, and its own password reset.
ADMIN_OPEN_URL_NAMES = frozenset({"wagtailadmin_login", "wagtailadmin_logout"})
ADMIN_OPEN_URL_PREFIXES = ("wagtailadmin_password_reset",)


def must_use_second_factor(user):
    """Coordinators and editors: their accounts can change what everybody sees."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.is_staff or is_coordinator(user) or user.has_perm("wagtailadmin.access_admin")


def has_confirmed_device(user):
    if not getattr(user, "is_authenticated", False):
        return False
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def is_verified(user):
    """Whether this session gave a code (django-otp's OTPMiddleware sets ``is_verified``)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def second_factor_url(user, next_url):
    """Where ``user`` must go before ``next_url``, or None when no code is needed.

    The session itself is not looked at: the caller checks :func:`is_verified` first.
    """
    if has_confirmed_device(user):
        name = "extranet:otp_verify"
    elif must_use_second_factor(user):
        name = "extranet:otp_setup"
    else:
        return None
    url = reverse(name)  # in the language of the page asked for
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


@functools.cache
def admin_prefix():
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:
        return "/admin/"


def is_protected(request):
    """Extranet and admin pages, except those that let people sign in, out, or give their code.

    Decided from the resolved view (namespace ``extranet``, whatever the language prefix), so
    the public site, static files and media are never concerned.
    """
    match = request.resolver_match
    if match is None:
        return False
    if "extranet" in match.namespaces:
        return match.url_name not in EXTRANET_OPEN_URL_NAMES
    if request.path.startswith(admin_prefix()):
        name = match.url_name or ""
        return name not in ADMIN_OPEN_URL_NAMES and not name.startswith(ADMIN_OPEN_URL_PREFIXES)
    return False


class SecondFactorMiddleware:
    """Sends a signed-in person whose session has not given its code to the code page
    (or, for those who must use a second factor and have none yet, to the set-up page)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # The path first: the public site never loads the session here (its pages stay cacheable).
        if not is_protected(request):
            return None
        user = request.user
        if not user.is_authenticated or is_verified(user):
            return None
        url = second_factor_url(user, request.get_full_path())
        return redirect(url) if url else None
