"""Settings editors change in the admin: navigation, contact details, social links, legal pages, footer."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """Navigation, contact details and social links: one row per site, shown on every page.

    Menu items point at French pages; each visitor sees the page of their own language.
    """

    address = models.TextField(_("postal address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)

    navigation_panels = [InlinePanel("menu_items", heading=_("Main menu"), label=_("Menu item"))]
    contact_panels = [
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            heading=_("Contact details"),
        ),
        InlinePanel("social_links", heading=_("Social networks"), label=_("Social link")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(navigation_panels, heading=_("Navigation")),
            ObjectList(contact_panels, heading=_("Contact")),
        ]
    )

    class Meta:
        verbose_name = _("site settings")


class MenuItem(Orderable):
    settings = ParentalKey(SiteSettings, related_name="menu_items", on_delete=models.CASCADE)
    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("menu item")


class SocialLink(Orderable):
    NETWORKS = [
        ("facebook", "Facebook"),
        ("instagram", "Instagram"),
        ("youtube", "YouTube"),
        ("linkedin", "LinkedIn"),
        ("mastodon", "Mastodon"),
        ("other", _("Other")),
    ]
    settings = ParentalKey(SiteSettings, related_name="social_links", on_delete=models.CASCADE)
    network = models.CharField(_("network"), max_length=20, choices=NETWORKS)
    url = models.URLField(_("address"))

    panels = [FieldPanel("network"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("social link")


@register_setting(icon="doc-full-inverse")
class LegalSettings(BaseSiteSetting):
    """The pages a French commune must link from every page (RGAA, RGPD, LCEN)."""

    class Compliance(models.TextChoices):
        NONE = "none", _("non-compliant")
        PARTIAL = "partial", _("partially compliant")
        FULL = "full", _("fully compliant")

    legal_notice_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("legal notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("personal data"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sitemap_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("site map"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_compliance = models.CharField(
        _("accessibility compliance"),
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
        help_text=_("As measured by the last RGAA audit; shown in the footer of every page."),
    )

    panels = [
        FieldPanel("legal_notice_page"),
        FieldPanel("accessibility_page"),
        FieldPanel("privacy_page"),
        FieldPanel("sitemap_page"),
        FieldPanel("accessibility_compliance"),
    ]

    class Meta:
        verbose_name = _("legal pages")


class FooterText(TranslatableMixin, models.Model):
    """The words at the foot of every page, translated like the pages (opening hours included)."""

    body = RichTextField(_("text"), features=["bold", "italic", "link"])
    opening_hours = models.CharField(
        _("opening hours"), max_length=200, blank=True, help_text=_("e.g. Tuesday to Saturday, 9 am – 5 pm")
    )

    panels = [FieldPanel("body"), FieldPanel("opening_hours")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer text")
        verbose_name_plural = _("footer texts")

    def __str__(self):
        return f"{self._meta.verbose_name} ({self.locale})"
