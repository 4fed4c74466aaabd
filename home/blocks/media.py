from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Text alternative"),
        required=False,
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it. Leave empty to use the image's description."),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative image"),
        required=False,
        help_text=_("Tick if the image adds no information: screen readers will skip it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)
    credit = blocks.CharBlock(label=_("Credit"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "components/blocks/image.html"
        description = _("An image with its caption and credit.")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video address"), help_text=_("A YouTube, Vimeo or PeerTube address."))
    title = blocks.CharBlock(label=_("Title of the video"), max_length=200)
    transcript = blocks.TextBlock(label=_("Transcript or summary"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "components/blocks/video.html"
        description = _("An embedded video. The player loads only when the visitor asks for it.")
