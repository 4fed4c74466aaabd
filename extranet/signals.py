"""Security log of the accounts, and what a sign-in records. Imported by ``ExtranetConfig.ready()``."""

import logging

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from annuaire.models import MemberProfile

security_log = logging.getLogger("caserurale.security")


def client_ip(request):
    if request is None:
        return None
    # django-axes works out the address (proxies included) before the login is tried.
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR")


@receiver(user_login_failed, dispatch_uid="extranet.log_failed_login")
def log_failed_login(sender, credentials, request=None, **kwargs):
    """Every failed login, whether the address has an account or not (Django hides the password)."""
    security_log.warning(
        "login failed: username=%s ip=%s path=%s",
        credentials.get("username"),
        client_ip(request),
        getattr(request, "path", None),
    )


@receiver(user_logged_in, dispatch_uid="extranet.record_sign_in")
def record_sign_in(sender, request, user, **kwargs):
    """A sign-in is a visit: the dashboard's "new since your last visit" starts from the one before,
    and e-mails follow the language the partner signed in with. Recorded here, on the sign-in's POST,
    because opening a page (a GET) must never write to the database."""
    profile, _created = MemberProfile.objects.get_or_create(user=user)
    profile.previous_visit = profile.last_visit
    profile.last_visit = timezone.now()
    fields = ["previous_visit", "last_visit"]
    language = getattr(request, "LANGUAGE_CODE", None)
    if language in dict(settings.LANGUAGES) and language != profile.language:
        profile.language = language
        fields.append("language")
    profile.save(update_fields=fields)
