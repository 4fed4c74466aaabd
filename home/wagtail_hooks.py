from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.contact_messages import ContactSubmission
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
