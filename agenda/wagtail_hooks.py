"""Editors moderate events in the admin: drafts, revisions, workflows, locking and previews."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from agenda.models import Event


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "date"
    menu_label = _("Events")
    add_to_admin_menu = True
    menu_order = 200
    list_display = ["title", "start", "place", "owner", "visibility", "status", "live"]
    list_filter = ["status", "visibility", "live", "locale"]
    search_fields = ["title", "summary"]
    ordering = ["-start"]


register_snippet(EventViewSet)
