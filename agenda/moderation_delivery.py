"""Sending a moderation notice once: the notice is its own ledger row (caserurale.delivery).

``claimed_at`` holds the claim of the run about to send, ``sent_at`` is set once the mail server
accepted the message; a refused send empties ``claimed_at`` again and Celery retries the task. The
lease is ``MODERATION_NOTICE_LEASE``.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from agenda.moderation_notices import ModerationNotice
from caserurale import delivery


def ledger(notice_id):
    return delivery.Ledger(
        key=f"moderation notice {notice_id}",
        row=ModerationNotice.objects.filter(pk=notice_id),
        claimed_at="claimed_at",
        unsent=Q(sent_at__isnull=True),
        sent=lambda now: {"sent_at": now},
    )


def build_message(notice):
    event = notice.revision.content_object
    profile = getattr(notice.recipient, "profile", None)
    language = (profile.language if profile else "") or settings.LANGUAGE_CODE
    published = notice.outcome == ModerationNotice.Outcome.PUBLISHED
    context = {"notice": notice, "event": event, "published": published, "name": notice.recipient.get_full_name()}
    with translation.override(language), timezone.override(timezone.get_default_timezone()):
        body = render_to_string("agenda/emails/moderation_notice.txt", context)
        if published:
            subject = translation.gettext("Your event is on the public agenda: %(title)s")
        else:
            subject = translation.gettext("Your event needs changes: %(title)s")
        subject %= {"title": event.title}
    return EmailMessage(subject, body, None, [notice.recipient.email])


def send_once(notice_id):
    """Send the notice's e-mail unless it was sent already (or the notice is gone). True when it left now."""

    def message():
        notice = ModerationNotice.objects.select_related("revision", "recipient__profile").get(pk=notice_id)
        return build_message(notice)

    return delivery.send_once(ledger(notice_id), settings.MODERATION_NOTICE_LEASE, message)
