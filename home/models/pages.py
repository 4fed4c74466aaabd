"""The public page types."""

from datetime import timedelta

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from agenda.models import AgendaPage, public_occurrences
from appels.filters import open_calls
from appels.models import FundingPage
from home.blocks import BaseStreamBlock
from home.navigation import active_locale, localized_pages
from parcours.models import PathwayIndexPage


class MissionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"))
    page = blocks.PageChooserBlock(label=_("Page that tells more"), required=False)

    class Meta:
        icon = "pick"
        label = _("Mission")


class IngredientBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"))

    class Meta:
        icon = "list-ol"
        label = _("Ingredient")


class ContentPage(Page):
    """What every editorial page has: an introduction, a listing image and a body."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("One or two sentences shown under the title."))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("image"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        abstract = True


class HomePage(Page):
    hero_title = models.CharField(_("hero title"), max_length=200)
    hero_intro = models.TextField(_("hero introduction"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_text = models.CharField(_("hero button text"), max_length=80, blank=True)
    missions_title = models.CharField(_("missions title"), max_length=200, blank=True)
    missions = StreamField([("mission", MissionBlock())], verbose_name=_("missions"), blank=True)
    ingredients_title = models.CharField(_("ingredients title"), max_length=200, blank=True)
    ingredients_intro = models.TextField(_("ingredients introduction"), blank=True)
    ingredients = StreamField([("ingredient", IngredientBlock())], verbose_name=_("ingredients"), blank=True, max_num=6)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_intro"),
                FieldPanel("hero_image"),
                FieldPanel("hero_link_page"),
                FieldPanel("hero_link_text"),
            ],
            heading=_("Hero"),
        ),
        MultiFieldPanel([FieldPanel("missions_title"), FieldPanel("missions")], heading=_("Missions")),
        MultiFieldPanel(
            [FieldPanel("ingredients_title"), FieldPanel("ingredients_intro"), FieldPanel("ingredients")],
            heading=_("The four ingredients of a successful transition"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hero_intro"), index.SearchField("missions")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Every link of the page resolved to the visitor's language in one query.
        mission_pages = [block.value["page"] for block in self.missions if block.value["page"]]
        links = localized_pages([self.hero_link_page, *mission_pages], active_locale(request))
        context["hero_link"] = links.get(self.hero_link_page_id)
        context["missions"] = [
            {"value": block.value, "link": links.get(block.value["page"].pk) if block.value["page"] else None}
            for block in self.missions
        ]
        context.update(self.next_events(request))
        context.update(self.where_to_start(request))
        context["latest_articles"] = (
            ArticlePage.objects.live()
            .filter(locale_id=self.locale_id)
            .select_related("image")
            .defer_streamfields()
            .order_by("-date", "-pk")[:3]
        )
        return context

    def where_to_start(self, request, count=3):
        """« Par où commencer ? » and the public calls open now, in the visitor's language."""
        locale = active_locale(request)
        context = {"start_page": PathwayIndexPage.objects.live().filter(locale=locale).first()}
        funding = FundingPage.objects.live().filter(locale=locale).first()
        if funding is not None:
            calls = list(open_calls(locale)[:count])
            base = funding.get_url(request)
            for call in calls:
                call.public_url = base + funding.reverse_subpage("call", args=[call.pk])
            context.update(funding_page=funding, open_calls=calls)
        return context

    def next_events(self, request, count=4):
        """The next public events and the agenda page they link to, in the visitor's language."""
        locale = active_locale(request)
        agenda = AgendaPage.objects.live().filter(locale=locale).first()
        if agenda is None:
            return {}
        now = timezone.now()
        return {
            "agenda_page": agenda,
            "next_occurrences": list(public_occurrences(locale, now, now + timedelta(days=60))[:count]),
        }


class StandardPage(ContentPage):
    """A page of text and media: the project, its missions, the legal pages…"""

    class Meta:
        verbose_name = _("standard page")


class ManifestoPage(ContentPage):
    """The manifesto: a call to act together, signed by the community."""

    call = models.CharField(_("call to action"), max_length=250, blank=True)
    hashtags = models.CharField(
        _("hashtags"), max_length=500, blank=True, help_text=_("Words separated by spaces, without the # sign.")
    )

    content_panels = [*ContentPage.content_panels, FieldPanel("call"), FieldPanel("hashtags")]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("manifesto page")

    def hashtag_list(self):
        return [word.lstrip("#") for word in self.hashtags.split() if word.lstrip("#")]


class ArticleIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    per_page = 12

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["home.ArticlePage"]

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = (
            ArticlePage.objects.live()
            .child_of(self)
            .select_related("image")
            .defer_streamfields()
            .order_by("-date", "-pk")
        )
        paginator = Paginator(articles, self.per_page)
        try:
            context["articles"] = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            context["articles"] = paginator.page(1)
        return context


class ArticlePage(ContentPage):
    date = models.DateField(_("date"), default=timezone.localdate)

    content_panels = [*ContentPage.content_panels[:1], FieldPanel("date"), *ContentPage.content_panels[1:]]
    search_fields = [*ContentPage.search_fields, index.FilterField("date")]
    parent_page_types = ["home.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")


class SitemapPage(Page):
    """The "plan du site": every live page of the current language, as a tree."""

    intro = models.TextField(_("introduction"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count_per_parent = 1
    subpage_types = []

    class Meta:
        verbose_name = _("site map page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        root = self.get_site().root_page.localized
        pages = list(
            Page.objects.live()
            .public()
            .descendant_of(root, inclusive=True)
            .filter(locale_id=self.locale_id)
            .order_by("path")
        )
        context["sitemap_tree"] = build_tree(pages)
        return context


def build_tree(pages):
    """Nest pages ordered by path into [(page, children)] without more queries."""
    nodes = {}
    roots = []
    for page in pages:
        node = (page, [])
        nodes[page.path] = node
        parent = nodes.get(page.path[: -Page.steplen])
        (parent[1] if parent else roots).append(node)
    return roots
