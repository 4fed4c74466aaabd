"""Security log of the accounts. Imported by ``ExtranetConfig.ready()``."""

import logging

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

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
