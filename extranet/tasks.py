from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from extranet.models import Invitation


@shared_task
def send_invitation(invitation_id, language="fr"):
    """E-mail an invitation link. Each send issues a fresh token, so only the latest link works."""
    invitation = Invitation.objects.select_related("organisation", "invited_by").filter(pk=invitation_id).first()
    if invitation is None or not invitation.is_usable:
        return False
    token = invitation.issue_token()
    with translation.override(language):
        link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("extranet:invitation_accept", args=[token])
        context = {"invitation": invitation, "link": link}
        subject = render_to_string("extranet/emails/invitation_subject.txt", context).strip()
        body = render_to_string("extranet/emails/invitation.txt", context)
    send_mail(subject, body, None, [invitation.email])
    return True


# Account e-mails ----------------------------------------------------------------------------------

ACCOUNT_EMAILS = frozenset(
    {
        "password_reset",
        "password_changed",
        "email_change_confirm",
        "email_change_notice",
        "email_change_taken",
        "deactivated",
    }
)


@shared_task
def send_account_email(kind, to, context, language="fr", message_id=None):
    """E-mail one account message: ``extranet/emails/account_<kind>.txt`` and its ``_subject.txt``.

    ``context`` holds plain strings (names, absolute links). With a ``message_id``, a task
    run again after a crash does not send the message a second time.
    """
    if kind not in ACCOUNT_EMAILS:
        raise ValueError(f"unknown account e-mail: {kind}")
    sent_key = f"extranet:account-email:{message_id}" if message_id else None
    if sent_key and cache.get(sent_key):
        return False
    with translation.override(language):
        subject = " ".join(render_to_string(f"extranet/emails/account_{kind}_subject.txt", context).split())
        body = render_to_string(f"extranet/emails/account_{kind}.txt", context)
    send_mail(subject, body, None, [to])
    if sent_key:
        cache.set(sent_key, True, timeout=7 * 24 * 3600)
    return True
