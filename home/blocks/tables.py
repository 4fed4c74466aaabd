from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail_localize.segments import StringSegmentValue

from . import previews


class TranslatableTypedTableBlock(TypedTableBlock):
    """A typed table whose headings and text cells wagtail-localize can translate.

    wagtail-localize skips block types it does not know, which would leave a
    table in French on a Creole page; these two hooks hand it one segment per
    heading and per text cell.
    """

    def get_translatable_segments(self, value):
        segments = [
            StringSegmentValue(f"heading-{index}", column["heading"])
            for index, column in enumerate(value.columns)
            if column["heading"]
        ]
        for row_index, row in enumerate(value.row_data):
            for column_index, (column, cell) in enumerate(zip(value.columns, row["values"], strict=True)):
                if column["block"].name == "text" and cell:
                    segments.append(StringSegmentValue(f"cell-{row_index}-{column_index}", cell))
        return segments

    def restore_translated_segments(self, value, segments):
        for segment in segments:
            kind, *position = segment.path.split("-")
            text = segment.render_text()
            if kind == "heading":
                value.columns[int(position[0])]["heading"] = text
            elif kind == "cell":
                row_index, column_index = (int(number) for number in position)
                value.row_data[row_index]["values"][column_index] = text
        return value


class TableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(
        label=_("Caption"), max_length=200, help_text=_("What the table shows: read first by screen readers.")
    )
    table = TranslatableTypedTableBlock(
        [
            ("text", blocks.CharBlock(label=_("Text"))),
            ("number", blocks.DecimalBlock(label=_("Number"))),
        ],
        label=_("Table"),
    )

    class Meta:
        icon = "table"
        label = _("Table")
        template = "components/blocks/table.html"
        description = _("A data table with a caption and column headings.")
        group = previews.STRUCTURE
        preview_value = previews.TABLE
