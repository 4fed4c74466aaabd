from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock


class TableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(
        label=_("Caption"), max_length=200, help_text=_("What the table shows: read first by screen readers.")
    )
    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock(label=_("Text"))),
            ("number", blocks.DecimalBlock(label=_("Number"))),
            ("rich_text", blocks.RichTextBlock(label=_("Rich text"), features=["bold", "italic", "link"])),
        ],
        label=_("Table"),
    )

    class Meta:
        icon = "table"
        label = _("Table")
        template = "components/blocks/table.html"
        description = _("A data table with a caption and column headings.")
