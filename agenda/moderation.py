"""Close the moderation loop: when an editor publishes a partner's public event, or sends it back
in a Wagtail workflow with a comment, the partner who sent it is told by e-mail, once."""

from django.db import IntegrityError, transaction
from wagtail.users.models import UserProfile

from agenda.events import Event
from agenda.moderation_notices import ModerationNotice
from agenda.tasks import send_moderation_notice
from annuaire.access import Visibility


def submitted_revision(event, before):
    """The partner's revision the editor decided on: the last one not written by the editor."""
    return event.revisions.exclude(user=before).exclude(user__isnull=True).order_by("-created_at", "-pk").first()


def quiet_admin_notifications(user):
    """A partner never enters the admin: Wagtail's own e-mails about the workflow (in English, with
    links to the admin) would only double the notice they get from us in their language."""
    if user.has_perm("wagtailadmin.access_admin"):
        return
    profile = UserProfile.get_for_user(user)
    if profile.approved_notifications or profile.rejected_notifications:
        profile.approved_notifications = profile.rejected_notifications = False
        profile.save(update_fields=["approved_notifications", "rejected_notifications"])


def submit(event, user):
    """Save the partner's changes as a revision and put them in the events' workflow, if any.

    A workflow already under way goes on with the new revision; one sent back resumes."""
    quiet_admin_notifications(user)
    revision = event.save_revision(user=user)
    workflow = event.get_workflow()
    state = event.current_workflow_state
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
    elif workflow is not None and state is None:
        workflow.start(event, user)
    return revision


def record_decision(event, editor, outcome, comment=""):
    """Claim the notice and queue its e-mail after commit; nothing when the author decided alone.

    Only an editor who may publish events decides: a workflow publishing the partner's own
    revision sends ``published`` with the partner as its author, and ``task_approved`` tells it."""
    if not isinstance(event, Event) or event.visibility != Visibility.PUBLIC:
        return None
    if editor is None or not editor.has_perm("agenda.publish_event"):
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
