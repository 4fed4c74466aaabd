"""What waits for the communications team, as the admin's home page lists it.

Each function answers (count, first rows) in two queries whatever the data, and only with what the
editor may act on; the home page's panels (home/admin_panels.py) only render them.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import Translation

from agenda.events import Event, Occurrence
from annuaire.access import Visibility
from appels.calls import FundingCall
from home.contact_messages import ContactSubmission
from home.editor_preferences import EditorPreference

CREOLE = "rcf"
SHOWN = 5


@dataclass
class Waiting:
    count: int
    items: list


def _answer(queryset, limit=SHOWN):
    return Waiting(queryset.order_by().count(), list(queryset[:limit]))


def waiting_events():
    """Public events of partners, their changes, and drafts of untrusted calendars: oldest first."""
    return (
        Event.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .filter(Q(live=False) | Q(has_unpublished_changes=True))
        .filter(Q(visibility=Visibility.PUBLIC) | Q(source__isnull=False, source__publish_directly=False))
        .select_related("owner", "source", "latest_revision__user")
        .order_by(F("latest_revision__created_at").asc(nulls_first=True), "pk")
    )


def events_to_moderate(user):
    if not user.has_perm("agenda.publish_event"):
        return None
    return _answer(waiting_events())


def preference_of(user):
    """The editor's preferences, unsaved defaults if they never chose: reading them writes nothing."""
    return EditorPreference.objects.filter(user=user).first() or EditorPreference(user=user)


def new_contact_messages(user, preference):
    if not user.has_perm("home.view_contactsubmission"):
        return None
    messages = ContactSubmission.objects.order_by("-created_at")
    if preference.contact_messages_seen_at:
        messages = messages.filter(created_at__gt=preference.contact_messages_seen_at)
    return _answer(messages)


def _editable_pages(user):
    return PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change", "publish"])


def untranslated_pages(user):
    """Creole pages that are still an alias of their French page: nobody translated them yet."""
    if not user.has_perm("wagtail_localize.submit_translation") and not user.is_superuser:
        return None
    french = _editable_pages(user).filter(locale__language_code=settings.LANGUAGE_CODE)
    aliases = (
        Page.objects.filter(locale__language_code=CREOLE, alias_of__in=french.values("pk"))
        .select_related("alias_of")
        .order_by("path")
    )
    return _answer(aliases)


def outdated_translations(user):
    """Creole translations whose French source changed after wagtail-localize last synchronised it.

    A page counts as changed when it was published after its source was last extracted; a snippet
    when its source was extracted again but the Creole version was not updated from it.
    """
    if not user.has_perm("wagtail_localize.submit_translation") and not user.is_superuser:
        return None
    republished = Page.objects.filter(
        translation_key=OuterRef("source__object_id"),
        locale_id=OuterRef("source__locale_id"),
        last_published_at__gt=OuterRef("source__last_updated_at"),
    )
    translations = (
        Translation.objects.filter(target_locale__language_code=CREOLE, enabled=True)
        .filter(Q(Exists(republished)) | Q(destination_last_updated_at__lt=F("source__last_updated_at")))
        .select_related("source", "source__specific_content_type")
        .order_by("source__last_updated_at", "pk")
    )
    return _answer(translations)


def next_public_deadlines(user, today=None):
    if not user.has_perm("appels.change_fundingcall"):
        return None
    today = today or timezone.localdate()
    calls = (
        FundingCall.objects.for_public_site()
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .with_status(today)
        .filter(next_deadline__gte=today)
        .select_related("owner")
        .order_by("next_deadline", "pk")
    )
    return _answer(calls)


def next_public_events(user, now=None):
    if not user.has_perm("agenda.change_event"):
        return None
    occurrences = (
        Occurrence.objects.filter(
            start__gte=now or timezone.now(),
            event__live=True,
            event__visibility=Visibility.PUBLIC,
            event__locale__language_code=settings.LANGUAGE_CODE,
        )
        .select_related("event", "event__owner", "event__place")
        .order_by("start", "pk")
    )
    return _answer(occurrences)
