from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.account_panel import EditorAlertsPanel
from home.admin_panels import DESK_PANELS
from home.admin_views import contact_messages_seen
from home.contact_messages import ContactSubmission
from home.editors_guide import EditorsGuideView
from home.site_settings import FooterText


class FooterTextViewSet(SnippetViewSet):
    model = FooterText
    icon = "doc-full"
    menu_label = _("Footer text")
    list_display = ["__str__", "locale"]


class ContactSubmissionViewSet(ModelViewSet):
    """The messages received through the contact page, for the team to read."""

    model = ContactSubmission
    icon = "mail"
    menu_label = _("Contact messages")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "subject", "email", "language", "created_at", "notified_at"]
    list_filter = ["language"]
    search_fields = ["name", "email", "subject", "message"]
    form_fields = ["name", "email", "subject", "message"]
    inspect_view_enabled = True
    copy_view_enabled = False


register_snippet(FooterTextViewSet)


@hooks.register("register_admin_viewset")
def register_contact_submissions():
    return ContactSubmissionViewSet("contact_submissions")


@hooks.register("construct_homepage_panels")
def add_editors_desk(request, panels):
    # Wagtail's own counters stay; the editors' desk comes first.
    # Wagtail's "what's new" panel points to wagtail.org: the team's own guide is in the help menu.
    panels[:] = [panel(request) for panel in DESK_PANELS] + [
        panel for panel in panels if getattr(panel, "name", "") != "whats_new_in_wagtail_version"
    ]


@hooks.register("register_admin_urls")
def editors_desk_urls():
    return [
        path("bureau/messages-lus/", contact_messages_seen, name="editors_desk_contact_seen"),
        path("bureau/guide/", EditorsGuideView.as_view(), name="editors_guide"),
    ]


@hooks.register("register_help_menu_item")
def editors_guide_menu_item():
    return MenuItem(_("Editors' guide"), reverse("editors_guide"), icon_name="help", order=100, name="editors-guide")


@hooks.register("construct_help_menu")
def keep_help_on_this_site(request, menu_items):
    # Wagtail's own guide and release notes live on wagtail.org: the team's guide is the one they need.
    menu_items[:] = [
        item for item in menu_items if item.name not in {"editor-guide"} and not item.name.startswith("whats-new")
    ]


@hooks.register("register_account_settings_panel")
def editor_alerts_panel(request, user, profile):
    return EditorAlertsPanel(request, user, profile)
