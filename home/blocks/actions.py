from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from . import previews


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to an external address, with its text."""

    text = blocks.CharBlock(label=_("Link text"), max_length=120)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External address"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose either a page or an external address."))}
            )
        return value

    class Meta:
        icon = "link"
        label = _("Link")
        value_class = blocks.StructValue


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link = LinkBlock()

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "components/blocks/call_to_action.html"
        description = _("A highlighted invitation with one button.")
        group = previews.ACTIONS
        preview_value = previews.CALL_TO_ACTION


class CardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)
    image = ImageChooserBlock(label=_("Image"), required=False)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Card")


class CardsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    cards = blocks.ListBlock(CardBlock(), label=_("Cards"))

    def get_preview_value(self):
        # Looked up when the chooser asks: the demo images are rows, not constants.
        return self.normalize(previews.cards_preview())

    class Meta:
        icon = "table"
        label = _("Cards")
        template = "components/blocks/cards.html"
        description = _("A grid of cards, each with a title, a text and an optional link.")
        group = previews.ACTIONS
