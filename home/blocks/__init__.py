"""StreamField blocks, grouped by family. ``BaseStreamBlock`` is the body every page reuses."""

from wagtail import blocks

from .actions import CallToActionBlock, CardsBlock
from .layout import AccordionBlock
from .media import ImageBlock, VideoBlock
from .tables import TableBlock
from .text import HeadingBlock, ParagraphBlock, QuoteBlock

__all__ = [
    "AccordionBlock",
    "BaseStreamBlock",
    "CallToActionBlock",
    "CardsBlock",
    "HeadingBlock",
    "ImageBlock",
    "ParagraphBlock",
    "QuoteBlock",
    "TableBlock",
    "VideoBlock",
]


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    cards = CardsBlock()
    video = VideoBlock()
    accordion = AccordionBlock()
    table = TableBlock()
