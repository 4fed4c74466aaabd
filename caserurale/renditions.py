"""The image sizes the site shows, named in one place, and their generation before anyone asks.

Templates name a size (`{% responsive_picture page.hero_image "hero" … %}`) instead of repeating
filter specs, so the specs generated when an image is saved are exactly those pages ask for: a
page never waits for an image to be resized, and never resizes the same image twice at once.
"""

import logging

from wagtail.images import get_image_model
from wagtail.images.models import Filter, SourceImageIOError

logger = logging.getLogger(__name__)

# Each value is what Wagtail's {% picture %} tag takes: formats and sizes, expanded by Wagtail.
SIZES = {
    # The home page's hero, half the screen on a wide one.
    "hero": "format-{avif,webp,jpeg} fill-{480x360,800x600,1200x900}",
    # The picture beside a standard page's, the manifesto's or an article's title.
    "page_header": "format-{avif,webp,jpeg} fill-{640x400,960x600,1280x800}",
    # An image block in a page's body, never cropped.
    "body": "format-{avif,webp,jpeg} max-{480x480,800x800,1200x1200}",
    # Article and card thumbnails.
    "card": "format-{webp,jpeg} fill-{400x250,800x500}",
    # Search engines' and social networks' preview of an event (schema.org JSON-LD), 16:9.
    "share": "fill-1200x675",
}


def filter_specs(size):
    """The specs of one size, as the {% picture %} tag receives them from a template."""
    return SIZES[size].split()


def all_specs():
    """Every rendition spec the site asks for, each once."""
    specs = []
    for size in SIZES:
        specs.extend(Filter.expand_spec(filter_specs(size)))
    return list(dict.fromkeys(specs))


def generate(image):
    """Makes the missing renditions of one image; returns how many it made, None if its file is gone."""
    specs = all_specs()
    before = image.renditions.filter(filter_spec__in=specs).count()
    try:
        image.get_renditions(*specs)
    except SourceImageIOError:
        logger.warning("Image %s: its file is missing, no renditions made.", image.pk)
        return None
    return image.renditions.filter(filter_spec__in=specs).count() - before


def generate_for(image_id):
    image = get_image_model().objects.filter(pk=image_id).first()
    return None if image is None else generate(image)
