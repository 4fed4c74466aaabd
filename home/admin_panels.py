"""The panels of the admin's home page: what waits for the editor, each a count, a short list, a link.

Rows are built here from home/editors_desk.py, so one template draws every panel. A panel with
nothing the editor may act on is not shown at all.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from home import editors_desk


@dataclass
class Row:
    title: str
    url: str
    detail: str


def when(moment):
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT") if moment else ""


class DeskPanel(Component):
    template_name = "home/admin/desk_panel.html"
    name = ""
    heading = ""
    empty = ""
    order = 50

    def __init__(self, request):
        self.request = request
        self.waiting = self.load(request.user)

    def load(self, user):
        raise NotImplementedError

    def rows(self):
        raise NotImplementedError

    def full_url(self):
        return ""

    def get_context_data(self, parent_context=None):
        return {
            "panel_id": f"desk-{self.name}",
            "heading": self.heading,
            "count": self.waiting.count,
            "rows": self.rows(),
            "full_url": self.full_url(),
            "empty": self.empty,
            "panel": self,
        }

    def render_html(self, parent_context=None):
        if self.waiting is None:
            return ""
        return super().render_html(parent_context)


class ModerationPanel(DeskPanel):
    name = "moderation"
    order = 10

    @property
    def heading(self):
        return _("Waiting for moderation")

    @property
    def empty(self):
        return _("Nothing waits for moderation.")

    def load(self, user):
        return editors_desk.events_to_moderate(user)

    def rows(self):
        rows = []
        for event in self.waiting.items:
            revision = event.latest_revision
            if event.source_id:
                who = _("imported from the calendar “%(name)s”") % {"name": event.source.name}
            else:
                user = revision.user if revision else None
                author = (user.get_full_name() or user.get_username()) if user else _("unknown")
                who = _("sent by %(author)s (%(organisation)s)") % {"author": author, "organisation": event.owner}
            kind = _("changes to a published event") if event.live else _("new event")
            rows.append(
                Row(
                    event.title,
                    reverse("wagtailsnippets_agenda_event:edit", args=[event.pk]),
                    f"{kind} · {who} · {when(revision.created_at if revision else None)}",
                )
            )
        return rows

    def full_url(self):
        return reverse("wagtailsnippets_agenda_event:list")


class ContactMessagesPanel(DeskPanel):
    name = "contact"
    order = 20
    template_name = "home/admin/contact_panel.html"

    @property
    def heading(self):
        return _("New contact messages")

    @property
    def empty(self):
        return _("No new message since your last visit.")

    def load(self, user):
        return editors_desk.new_contact_messages(user, editors_desk.preference_of(user))

    def rows(self):
        return [
            Row(
                f"{message.name} — {message.subject}",
                reverse("contact_submissions:inspect", args=[message.pk]),
                when(message.created_at),
            )
            for message in self.waiting.items
        ]

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        items = self.waiting.items
        # "Read up to" the newest message shown: one arriving after the page was drawn stays new.
        context["seen_up_to"] = items[0].created_at.isoformat() if items else ""
        context["mark_seen_url"] = reverse("editors_desk_contact_seen")
        return context

    def full_url(self):
        return reverse("contact_submissions:index")


class CreolePanel(DeskPanel):
    name = "creole"
    order = 30

    def __init__(self, request):
        self.request = request
        self.untranslated = editors_desk.untranslated_pages(request.user)
        self.outdated = editors_desk.outdated_translations(request.user) if self.untranslated else None
        self.waiting = (
            editors_desk.Waiting(self.untranslated.count + self.outdated.count, None) if self.untranslated else None
        )

    @property
    def heading(self):
        return _("Creole: to translate or to update")

    @property
    def empty(self):
        return _("The Creole site is up to date.")

    def rows(self):
        rows = [
            Row(
                page.alias_of.title,
                reverse("wagtailadmin_pages:edit", args=[page.pk]),
                _("not translated into Creole yet"),
            )
            for page in self.untranslated.items
        ]
        for translation in self.outdated.items:
            source = translation.source
            rows.append(
                Row(
                    str(source.specific_content_type.name).capitalize() + f" #{source.object_id}",
                    reverse("wagtail_localize:update_translations", args=[source.pk]),
                    _("the French changed on %(date)s") % {"date": when(source.last_updated_at)},
                )
            )
        return rows

    def full_url(self):
        return reverse("wagtail_localize:translations_report")


class DeadlinesPanel(DeskPanel):
    name = "deadlines"
    order = 40

    @property
    def heading(self):
        return _("Next deadlines of public funding calls")

    @property
    def empty(self):
        return _("No public call has a deadline to come.")

    def load(self, user):
        return editors_desk.next_public_deadlines(user)

    def rows(self):
        return [
            Row(
                call.title,
                reverse("wagtailsnippets_appels_fundingcall:edit", args=[call.pk]),
                f"{formats.date_format(call.next_deadline, 'SHORT_DATE_FORMAT')} · {call.owner}",
            )
            for call in self.waiting.items
        ]

    def full_url(self):
        return reverse("wagtailsnippets_appels_fundingcall:list")


class NextEventsPanel(DeskPanel):
    name = "events"
    order = 50

    @property
    def heading(self):
        return _("Next public events")

    @property
    def empty(self):
        return _("No public event to come.")

    def load(self, user):
        return editors_desk.next_public_events(user)

    def rows(self):
        return [
            Row(
                occurrence.event.title,
                reverse("wagtailsnippets_agenda_event:edit", args=[occurrence.event_id]),
                f"{when(occurrence.start)} · {occurrence.event.owner}",
            )
            for occurrence in self.waiting.items
        ]

    def full_url(self):
        return reverse("wagtailsnippets_agenda_event:list")


# Order 60 is kept for the residents' searches that found nothing (search/), once it has its report.
DESK_PANELS = [ModerationPanel, ContactMessagesPanel, CreolePanel, DeadlinesPanel, NextEventsPanel]
