"""The questionnaire's result sent to the address a resident typed, in their language, and forgotten."""

from celery import shared_task
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Locale

from parcours.answers import answer_labels


@shared_task
def send_result(address, result_url, answers, language):
    """Send the result's link. The address lives only in this task's message, until it is sent:
    no table stores it, and the result backend keeps the task's answer (True), not its arguments."""
    locale = Locale.objects.filter(language_code=language).first() or Locale.get_default()
    with translation.override(language):
        body = render_to_string(
            "parcours/emails/result.txt", {"result_url": result_url, "labels": answer_labels(answers, locale)}
        )
        subject = translation.gettext("Where to start: your pathways at La Case Rurale")
    send_mail(subject, body, None, [address])
    return True
