from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from . import previews

IMAGELESS_PREVIEW = "components/blocks/previews/image_missing.html"


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

    def get_preview_value(self):
        # Looked up when the chooser asks: the demo images are rows, not constants.
        return self.normalize(previews.image_preview())

    class Meta:
        icon = "image"
        label = _("Image")
        template = "components/blocks/image.html"
        description = _("An image with its caption and credit.")
        group = previews.MEDIA

    def get_preview_template(self, value, context=None):
        # Without any image on the site, the preview shows the caption alone rather than failing.
        return super().get_preview_template(value, context) if value.get("image") else IMAGELESS_PREVIEW


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video address"), help_text=_("A YouTube, Vimeo or PeerTube address."))
    title = blocks.CharBlock(label=_("Title of the video"), max_length=200)
    transcript = blocks.TextBlock(label=_("Transcript or summary"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "components/blocks/video.html"
        description = _("An embedded video. The player loads only when the visitor asks for it.")
        group = previews.MEDIA
        preview_value = previews.VIDEO
        # The preview asks nothing of the video's site: no oEmbed call from the chooser.
        preview_template = "components/blocks/previews/video.html"
