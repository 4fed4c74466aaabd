"""Editors moderate events in the admin: drafts, revisions, workflows, locking and previews."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from agenda.events import Event, Registration


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


class RegistrationViewSet(ModelViewSet):
    """Who registered for what: editors read, export and, on request, delete registrations."""

    model = Registration
    icon = "list-ul"
    menu_label = _("Registrations")
    add_to_admin_menu = True
    menu_order = 201
    list_display = ["name", "email", "event", "occurrence_start", "seats", "created_at"]
    list_filter = ["event"]
    list_export = ["event", "occurrence_start", "name", "email", "seats", "created_at"]
    export_filename = "inscriptions"
    search_fields = ["name", "email"]
    form_fields = ["name", "email", "seats"]
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_registrations():
    return RegistrationViewSet("registrations")
