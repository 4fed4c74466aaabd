"""Background work of the agenda: partners' calendars fetched each in its own task, registration e-mails."""

import logging

from celery import shared_task
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from agenda import importer, moderation_delivery
from agenda.events import CalendarSource, Registration
from caserurale import delivery
from caserurale.celery import SafeTask
from caserurale.remote import FetchError

logger = logging.getLogger(__name__)


@shared_task(base=SafeTask)
def import_calendar_source(source_id):
    """Fetch and import one source. A feed that fails is recorded on the source, not retried:
    the next hourly run tries again, and a retry would not fix a wrong address."""
    source = CalendarSource.objects.select_related("organisation").filter(pk=source_id).first()
    if source is None:
        return None  # deleted since it was queued
    try:
        summary = importer.import_source(source)
    except (FetchError, importer.FeedError) as error:
        logger.info("calendar source %s not imported: %s", source_id, error)
        return {"error": str(error)}
    return summary.as_dict()


@shared_task(base=SafeTask)
def import_active_calendars():
    """Queue every active source (Celery beat, hourly: CELERY_BEAT_SCHEDULE)."""
    source_ids = list(CalendarSource.objects.filter(active=True).values_list("pk", flat=True))
    for source_id in source_ids:
        import_calendar_source.delay(source_id)
    return len(source_ids)


@shared_task
def send_registration_confirmation(registration_id, *, event_url="", cancel_url=""):
    """Confirm a registration by e-mail in the resident's language, once: a retried task does not send twice.

    The links are the addresses of the agenda page the resident registered on (AgendaPage.send_confirmation).
    """
    registration = Registration.objects.select_related("event", "event__place").filter(pk=registration_id).first()
    if registration is None or registration.confirmation_sent_at is not None:
        return False
    event = registration.event
    address = (
        ", ".join(line.strip() for line in event.place.address.splitlines() if line.strip()) if event.place else ""
    )
    context = {
        "registration": registration,
        "event": event,
        "place_address": address,
        "event_url": event_url,
        "cancel_url": cancel_url,
    }
    with translation.override(registration.language), timezone.override(timezone.get_default_timezone()):
        body = render_to_string("agenda/emails/registration_confirmation.txt", context)
        subject = translation.gettext("Registration confirmed: %(title)s") % {"title": registration.event.title}
    send_mail(subject, body, None, [registration.email])
    Registration.objects.filter(pk=registration.pk).update(confirmation_sent_at=timezone.now())
    return True


@shared_task(base=SafeTask, bind=True)
@delivery.retried_after_claims
def send_moderation_notice(self, notice_id):
    """Tell a partner, in their language, that their public event is published or sent back; once.

    An SMTP refusal raises and is retried with backoff (SafeTask); agenda.moderation_delivery."""
    return moderation_delivery.send_once(notice_id)
