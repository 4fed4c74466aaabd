from celery import shared_task
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from agenda.models import AgendaPage, Registration


@shared_task
def send_registration_confirmation(registration_id):
    """Confirm a registration by e-mail in the resident's language, once: a retried task does not send twice."""
    from agenda.registrations import cancel_token

    registration = Registration.objects.select_related("event", "event__place").filter(pk=registration_id).first()
    if registration is None or registration.confirmation_sent_at is not None:
        return False
    pages = AgendaPage.objects.live().select_related("locale")
    page = pages.filter(locale__language_code=registration.language).first() or pages.first()
    event = registration.event
    address = (
        ", ".join(line.strip() for line in event.place.address.splitlines() if line.strip()) if event.place else ""
    )
    context = {"registration": registration, "event": event, "place_address": address}
    if page is not None:
        context.update(
            event_url=page.get_full_url() + page.reverse_subpage("event", args=(registration.event_id,)),
            cancel_url=page.get_full_url()
            + page.reverse_subpage("cancel_registration", args=(registration.pk, cancel_token(registration))),
        )
    with translation.override(registration.language), timezone.override(timezone.get_default_timezone()):
        body = render_to_string("agenda/emails/registration_confirmation.txt", context)
        subject = translation.gettext("Registration confirmed: %(title)s") % {"title": registration.event.title}
    send_mail(subject, body, None, [registration.email])
    Registration.objects.filter(pk=registration.pk).update(confirmation_sent_at=timezone.now())
    return True
