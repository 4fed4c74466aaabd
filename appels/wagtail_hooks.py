"""Editors manage and translate funding calls in the admin; partners share theirs from the extranet."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from annuaire import access
from appels.calls import Deadline, FundingCall, Interest


class FundingCallViewSet(SnippetViewSet):
    model = FundingCall
    icon = "doc-full"
    menu_label = _("Funding calls")
    list_display = ["title", "kind", "owner", "visibility", "opens_on", "locale"]
    list_filter = ["kind", "visibility", "perimeter", "recurrence", "locale"]
    search_fields = ["title", "summary", "programme", "funder_names"]
    ordering = ["-created_at"]
    panels = [
        FieldPanel("title"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("programme"), FieldPanel("url"), FieldPanel("application_url")],
            heading=_("The call"),
        ),
        MultiFieldPanel(
            [FieldPanel("themes"), FieldPanel("beneficiaries"), FieldPanel("perimeter")],
            heading=_("Themes and who can apply"),
        ),
        MultiFieldPanel([FieldPanel("opens_on"), FieldPanel("recurrence")], heading=_("Dates")),
        InlinePanel(
            "deadlines",
            heading=_("Deadlines"),
            label=_("Deadline"),
            help_text=_("Translations show the deadlines of the French original: set them there."),
        ),
        MultiFieldPanel(
            [FieldPanel("amount_min"), FieldPanel("amount_max"), FieldPanel("cofinancing_rate")],
            heading=_("Money"),
        ),
        MultiFieldPanel([FieldPanel("funders"), FieldPanel("funder_names")], heading=_("Funders")),
        FieldPanel("eligibility"),
        FieldPanel("how_to_apply"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("owner"), FieldPanel("visibility"), FieldPanel("circles")], heading=_("Who can see it")
        ),
    ]


class DeadlineViewSet(ModelViewSet):
    """Every deadline of every call, by date (each call's form edits its own)."""

    model = Deadline
    name = "funding_call_deadlines"
    icon = "date"
    menu_label = _("Deadlines")
    list_display = ["call", "due_on", "kind", "label"]
    list_filter = ["kind"]
    search_fields = ["call__title", "label"]
    form_fields = ["call", "due_on", "kind", "label"]
    ordering = ["due_on"]


class InterestViewSet(ModelViewSet):
    """Who follows which call, and who intends to apply: coordinators read it, to connect partners."""

    model = Interest
    name = "funding_call_interests"
    icon = "group"
    menu_label = _("Interests in calls")
    list_display = ["call", "user", "organisation", "intent", "created_at"]
    list_filter = ["intent"]
    form_fields = ["intent", "note"]
    inspect_view_enabled = True


class FundingCallGroup(SnippetViewSetGroup):
    menu_label = _("Funding calls")
    menu_icon = "doc-full"
    menu_order = 210
    items = (FundingCallViewSet, DeadlineViewSet, InterestViewSet)


@hooks.register("register_admin_viewset")
def register_funding_calls():
    return FundingCallGroup()


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def sync_rights_of_funding_call(request, instance):
    """An editor may change who sees a call: its rights (and its translations') follow."""
    if isinstance(instance, FundingCall):
        access.sync_object_permissions(instance)
