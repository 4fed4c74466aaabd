from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from . import previews

# Headings inside a body start at h2: the page title is the only h1.
HEADING_LEVELS = [("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))]
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(choices=HEADING_LEVELS, default="h2", label=_("Level"))

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "components/blocks/heading.html"
        description = _("A section title; level 2 for main sections.")
        preview_value = {"text": "Nos missions", "level": "h2"}
        group = previews.TEXT


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "components/blocks/paragraph.html"
        description = _("Paragraphs of text with links and lists.")
        group = previews.TEXT
        preview_value = "<p>La Case Rurale accompagne les projets des habitants de Trois-Bassins.</p>"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    author = blocks.CharBlock(label=_("Author"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "components/blocks/quote.html"
        description = _("A quotation with its author.")
        group = previews.TEXT
        preview_value = {"text": "Chez nous, c’est chez vous !", "author": "Atelier Fabrique #1"}
