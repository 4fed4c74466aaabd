"""« Qui fait quoi », the public directory page: services by need, an organisation, a place."""

from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Locale, Page

from annuaire import network_map, sections
from annuaire.directory import (
    ServiceFilterForm,
    description_of,
    directory_organisations,
    public_services,
    with_services,
)
from annuaire.organisations import Organisation, Place


class DirectoryPage(RoutablePageMixin, Page):
    """The public "who does what": what organisations with a public profile offer, by need."""

    intro = models.TextField(_("introduction"), blank=True)
    per_page = 20

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count_per_parent = 1
    subpage_types = []

    class Meta:
        verbose_name = _("directory page")

    def organisations(self):
        return Organisation.objects.filter(public_profile=True).order_by("name")

    @path("")
    def index_view(self, request):
        locale = Locale.get_active()
        form = ServiceFilterForm(request.GET or None, locale=locale)
        services = form.apply(public_services(locale))
        organisations = directory_organisations(services, filtered=bool(form.active))
        page = Paginator(with_services(organisations, services, locale), self.per_page).get_page(
            request.GET.get("page")
        )
        for organisation in page:
            organisation.text = description_of(organisation)
        base = self.url
        context = self.get_context(request)
        context.update(
            page_obj=page,
            filter_form=form,
            query=form.query_string(),
            # The same filtered services as the list: what one sees on the map is what the list says.
            map_places=network_map.map_places(services, lambda slug: base + self.reverse_subpage("place", args=[slug])),
            island=network_map.island(),
        )
        return TemplateResponse(request, "annuaire/directory_page.html", context)

    @path("<slug:slug>/", name="organisation")
    def organisation_view(self, request, slug):
        locale = Locale.get_active()
        organisation = get_object_or_404(
            with_services(self.organisations(), public_services(locale), locale), slug=slug
        )
        organisation.text = description_of(organisation)
        context = self.get_context(request)
        context.update(
            organisation=organisation,
            sections=sections.sections_for(sections.ORGANISATION_SECTIONS, organisation, locale),
        )
        return TemplateResponse(request, "annuaire/organisation_page.html", context)

    @path("lieux/<slug:slug>/", name="place")
    def place_view(self, request, slug):
        locale = Locale.get_active()
        place = get_object_or_404(Place.objects.select_related("organisation"), slug=slug)
        services = (
            public_services(locale)
            .filter(places=place)
            .select_related("organisation")
            .prefetch_related("places")
            .order_by("organisation__name", "name")
        )
        page = Paginator(services, self.per_page).get_page(request.GET.get("page"))
        context = self.get_context(request)
        context.update(
            place=place,
            services=page,
            page_obj=page,
            sections=sections.sections_for(sections.PLACE_SECTIONS, place, locale),
        )
        return TemplateResponse(request, "annuaire/place_page.html", context)
