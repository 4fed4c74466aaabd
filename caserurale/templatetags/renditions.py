"""`{% responsive_picture image "size" attr=value … %}`: Wagtail's {% picture %} with a size named in
caserurale.renditions, so that the renditions made ahead of time are the ones pages use."""

from django import template
from wagtail.images.templatetags.wagtailimages_tags import PictureNode

from caserurale.renditions import SIZES, filter_specs

register = template.Library()


@register.tag
def responsive_picture(parser, token):
    tag_name, *bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][1:-1] not in SIZES:
        raise template.TemplateSyntaxError(
            f'{tag_name} takes an image and a quoted size among {", ".join(SIZES)}: {{% {tag_name} image "hero" %}}'
        )
    attrs = {}
    for bit in bits[2:]:
        name, separator, value = bit.partition("=")
        if not separator:
            raise template.TemplateSyntaxError(f"{tag_name}: attributes are written name=value, not {bit!r}")
        attrs[name] = parser.compile_filter(value)
    return PictureNode(parser.compile_filter(bits[0]), filter_specs(bits[1][1:-1]), attrs=attrs)
