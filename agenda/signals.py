"""A translation of an event shares the relations and rights of the original, which alone is edited;
the partner who sent a public event hears of the editor's decision."""

from wagtail.signals import published, task_approved, task_rejected

from agenda.events import Event
from agenda.moderation import record_decision
from agenda.moderation_notices import ModerationNotice
from annuaire.translations import share_with_translations

share_with_translations(Event, relations=["themes", "audiences", "circles"])


def on_published(sender, instance, revision=None, **kwargs):
    user = revision.user if revision else None
    record_decision(instance, user, ModerationNotice.Outcome.PUBLISHED)


def decided(instance):
    """The event a task state was about (its workflow state's object), and the editor's comment."""
    obj = instance.workflow_state.content_object if hasattr(instance, "workflow_state") else None
    comment = instance.get_comment() if hasattr(instance, "get_comment") else ""
    return obj, comment


def on_task_rejected(sender, instance, user=None, **kwargs):
    obj, comment = decided(instance)
    record_decision(obj, user, ModerationNotice.Outcome.SENT_BACK, comment)


def on_task_approved(sender, instance, user=None, **kwargs):
    obj, _comment = decided(instance)
    record_decision(obj, user, ModerationNotice.Outcome.PUBLISHED)


published.connect(on_published, sender=Event, dispatch_uid="agenda_event_published_notice")
task_rejected.connect(on_task_rejected, dispatch_uid="agenda_event_sent_back_notice")
task_approved.connect(on_task_approved, dispatch_uid="agenda_event_approved_notice")
