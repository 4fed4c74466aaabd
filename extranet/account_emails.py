"""E-mails about a partner's account (password reset, e-mail change, deactivation), queued from
the account's views and forms alike."""

import uuid

from django.conf import settings
from django.utils.translation import get_language

from extranet.tasks import send_account_email


def absolute_url(path):
    """Links in e-mails use the configured public address, never the Host header of the request."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def queue_account_email(kind, to, **context):
    """Queue ``extranet/emails/account_<kind>.txt`` to ``to``, in the language of the page."""
    send_account_email.delay(kind, to, context, get_language() or settings.LANGUAGE_CODE, uuid.uuid4().hex)
