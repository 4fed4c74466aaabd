"""Close the moderation loop: when an editor publishes a partner's public event, or sends it back
in a Wagtail workflow with a comment, the partner who sent it is told by e-mail, once."""

from django.db import IntegrityError, transaction

from agenda.events import Event
from agenda.moderation_notices import ModerationNotice
from agenda.tasks import send_moderation_notice
from annuaire.access import Visibility


def submitted_revision(event, before):
    """The partner's revision the editor decided on: the last one not written by the editor."""
    return event.revisions.exclude(user=before).exclude(user__isnull=True).order_by("-created_at", "-pk").first()


def record_decision(event, editor, outcome, comment=""):
    """Claim the notice and queue its e-mail after commit; nothing when the author decided alone."""
    if not isinstance(event, Event) or event.visibility != Visibility.PUBLIC:
        return None
    revision = submitted_revision(event, editor)
    if revision is None or revision.user == editor:
        return None
    try:
        with transaction.atomic():
            notice = ModerationNotice.objects.create(
                revision=revision, outcome=outcome, recipient=revision.user, comment=comment
            )
    except IntegrityError:
        return None  # this decision was already told
    transaction.on_commit(lambda: send_moderation_notice.delay(notice.pk))
    return notice
