"""A pathway's step: what to do, and the services, events and funding calls that serve it (chosen by editors)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    text = blocks.TextBlock(label=_("what to do"), required=False)
    services = blocks.ListBlock(SnippetChooserBlock("annuaire.Service"), label=_("services"), required=False)
    events = blocks.ListBlock(SnippetChooserBlock("agenda.Event"), label=_("events"), required=False)
    calls = blocks.ListBlock(SnippetChooserBlock("appels.FundingCall"), label=_("funding calls"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("step")
