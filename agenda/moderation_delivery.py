"""Sending a moderation notice once, the way appels.alerts sends funding e-mails.

1. **claim** the notice: a conditional update of ``claimed_at`` that only one run wins, on a notice
   not sent yet and not claimed, or whose claim is older than ``MODERATION_NOTICE_LEASE`` (its
   worker died while sending);
2. send the message;
3. mark it sent (``sent_at``).

If the mail server refuses or cannot be reached, the claim is given up and the error raised: the
task is retried with backoff (caserurale.celery.SafeTask) and the retry claims again. A run that
meets a fresh claim of another asks to be retried after the lease. At-least-once, as for funding
e-mails: a duplicate is possible only if the worker dies between the server's acceptance and step 3.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from agenda.moderation_notices import ModerationNotice

logger = logging.getLogger(__name__)


class ClaimPending(Exception):
    """Another run claimed this notice and has not confirmed it yet: try again in ``retry_in`` seconds."""

    def __init__(self, notice_id, retry_in):
        super().__init__(f"moderation notice {notice_id}: being sent elsewhere, retry in {retry_in:.0f}s")
        self.retry_in = retry_in


def claim(notice_id, now=None):
    """The claimed notice, or None when it is sent already (or gone). Raises ClaimPending."""
    now = now or timezone.now()
    lease = settings.MODERATION_NOTICE_LEASE
    free = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - lease)
    if ModerationNotice.objects.filter(free, pk=notice_id, sent_at__isnull=True).update(claimed_at=now):
        return ModerationNotice.objects.select_related("revision", "recipient__profile").get(pk=notice_id)
    notice = ModerationNotice.objects.filter(pk=notice_id).only("claimed_at", "sent_at").first()
    if notice is None or notice.sent_at is not None:
        return None
    raise ClaimPending(notice_id, max((notice.claimed_at + lease - now).total_seconds() + 1, 1))


def release(notice):
    """Give the claim up after a failed send, so that the retry may claim again."""
    ModerationNotice.objects.filter(pk=notice.pk, sent_at__isnull=True, claimed_at=notice.claimed_at).update(
        claimed_at=None
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
    """Send the notice's e-mail unless it was sent already. True when it left now."""
    notice = claim(notice_id)
    if notice is None:
        return False
    try:
        build_message(notice).send()
    except BaseException:
        release(notice)
        raise
    ModerationNotice.objects.filter(pk=notice.pk).update(sent_at=timezone.now())
    return True
