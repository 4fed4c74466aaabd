from datetime import date

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from caserurale import delivery
from caserurale.celery import SafeTask
from home import desk_alerts
from home.contact_messages import ContactSubmission


@shared_task
def notify_contact_submission(submission_id):
    """E-mail a contact message to the team, once: a retried task does not send it again."""
    submission = ContactSubmission.objects.select_related("page").filter(pk=submission_id).first()
    if submission is None or submission.notified_at is not None:
        return False
    recipient = submission.page.get_recipient() if submission.page else None
    # The team reads French, whatever language the visitor wrote in.
    with translation.override("fr"):
        body = render_to_string("home/emails/contact_submission.txt", {"submission": submission})
        subject = f"[Case Rurale] {submission.subject}"
    send_mail(subject, body, None, [recipient or settings.CONTACT_EMAIL])
    ContactSubmission.objects.filter(pk=submission.pk).update(notified_at=timezone.now())
    return True


# The editors' desk (home.desk_alerts): each e-mail queued per editor, sent once.


@shared_task(base=SafeTask)
def alert_editors(kind, key, title, author):
    """Queue the immediate alert of one new item to every editor who chose "at once"."""
    user_ids = desk_alerts.editors_choosing(desk_alerts.Alerts.IMMEDIATE)
    for user_id in user_ids:
        send_desk_alert.delay(user_id, kind, key, title, author)
    return len(user_ids)


@shared_task(base=SafeTask, bind=True)
@delivery.retried_after_claims
def send_desk_alert(self, user_id, kind, key, title, author):
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    return desk_alerts.send_immediate(user, desk_alerts.NewItem(kind, key, title, author))


@shared_task(base=SafeTask)
def queue_editor_digests():
    """Celery beat, every morning (CELERY_BEAT_SCHEDULE): one digest task per editor, with its day."""
    day = timezone.localdate().isoformat()
    user_ids = desk_alerts.editors_choosing(desk_alerts.Alerts.DAILY)
    for user_id in user_ids:
        send_editor_digest.delay(user_id, day)
    return len(user_ids)


@shared_task(base=SafeTask, bind=True)
@delivery.retried_after_claims
def send_editor_digest(self, user_id, day):
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    return desk_alerts.send_digest(user, date.fromisoformat(day))
