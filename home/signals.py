"""Something new waits for the editors: a partner's event entering the workflow, a contact message."""

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.signals import task_submitted

from agenda.events import Event
from home.contact_messages import ContactSubmission
from home.tasks import alert_editors


def on_task_submitted(sender, instance, user=None, **kwargs):
    event = instance.workflow_state.content_object
    if isinstance(event, Event):
        author = user.get_full_name() or user.username if user else ""
        key = f"event:{instance.pk}"
        transaction.on_commit(lambda: alert_editors.delay("event", key, event.title, author))


def on_contact_message(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:
        key = f"contact:{instance.pk}"
        transaction.on_commit(lambda: alert_editors.delay("contact", key, instance.subject, instance.name))


task_submitted.connect(on_task_submitted, dispatch_uid="home_desk_alert_event")
post_save.connect(on_contact_message, sender=ContactSubmission, dispatch_uid="home_desk_alert_contact")
