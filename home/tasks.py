from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

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
