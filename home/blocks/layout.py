from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from . import previews
from .text import RICH_TEXT_FEATURES


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question or title"), max_length=250)
    answer = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Items"))

    class Meta:
        icon = "list-ul"
        label = _("Accordion / FAQ")
        template = "components/blocks/accordion.html"
        description = _("Questions and answers that open one by one (works without JavaScript).")
        group = previews.STRUCTURE
        preview_value = previews.ACCORDION
