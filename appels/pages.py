"""« Financer mon projet », the public page of funding calls: the filtered list, a call, its documents.

The page builds on the calls' domain (appels.calls) and on the filters, which never import it.
"""

from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Locale, Page

from annuaire.models import Audience, DirectoryPage, Theme
from appels.calls import Attachment, Deadline, FundingCall, Interest, public_calls
from appels.downloads import serve_attachment
from appels.filters import CallFilterForm, by_next_deadline
from caserurale import translations


def public_profile_urls(organisations, directory, request):
    """``[(organisation, URL of its public directory profile)]`` for those with a public profile."""
    if directory is None:
        return []
    base = directory.get_url(request)
    return [
        (organisation, base + directory.reverse_subpage("organisation", args=[organisation.slug]))
        for organisation in organisations
        if organisation.public_profile
    ]


class FundingPage(RoutablePageMixin, Page):
    """« Financer mon projet »: the public calls, with filters in plain words, for residents."""

    intro = models.TextField(_("introduction"), blank=True)
    per_page = 20

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count_per_parent = 1
    subpage_types = []

    class Meta:
        verbose_name = _("funding page")

    @path("")
    def index_view(self, request):
        today = timezone.localdate()
        locale = Locale.get_active()
        form = CallFilterForm(request.GET or None, locale=locale)
        calls = by_next_deadline(form.apply(public_calls(locale, today), today))
        page = Paginator(calls, self.per_page).get_page(request.GET.get("page"))
        for call in page:
            call.in_words = call.when_in_words(today)
        context = self.get_context(request)
        context.update(page_obj=page, filter_form=form, query=form.query_string(), today=today)
        return TemplateResponse(request, "appels/funding_page.html", context)

    @path("appel/<int:pk>/", name="call")
    def call_view(self, request, pk):
        today = timezone.localdate()
        call = get_object_or_404(
            FundingCall.objects.for_public_site()
            .with_status(today)
            .select_related("locale")
            .prefetch_related("themes", "beneficiaries", "funders"),
            pk=pk,
        )
        pks = translations.rows_by_language(FundingCall.objects.for_public_site(), call)
        if pks[get_language()] != call.pk:
            return redirect(self.url + self.reverse_subpage("call", args=(pks[get_language()],)))
        family = FundingCall.objects.filter(translation_key=call.translation_key)
        interests = (
            Interest.objects.filter(
                call__in=family,
                intent__in=[Interest.Intent.APPLYING, Interest.Intent.SEEKING_PARTNERS],
                organisation__public_profile=True,
            )
            .select_related("organisation")
            .order_by("organisation__name")
        )
        applicants = list({interest.organisation.pk: interest.organisation for interest in interests}.values())
        locale = Locale.get_active()
        labels = {"themes": Theme.names(locale), "beneficiaries": Audience.names(locale)}
        directory = DirectoryPage.objects.live().filter(locale=locale).first()
        context = self.get_context(request)
        context.update(
            call=call,
            today=today,
            in_words=call.when_in_words(today),
            deadlines=Deadline.objects.filter(call__in=family).order_by("due_on", "pk"),
            attachments=Attachment.objects.filter(call__in=family),
            themes=[labels["themes"].get(theme.slug, theme.name) for theme in call.themes.all()],
            beneficiaries=[labels["beneficiaries"].get(a.slug, a.name) for a in call.beneficiaries.all()],
            funders=public_profile_urls(call.funders.all(), directory, request),
            applicants=public_profile_urls(applicants, directory, request),
            subpage_translations=translations.subpage_translations("call", pks),
        )
        return TemplateResponse(request, "appels/funding_call_page.html", context)

    @path("appel/<int:pk>/document/<int:attachment_id>/", name="attachment")
    def attachment_view(self, request, pk, attachment_id):
        """A document of a public call: served through this check, never by a media address."""
        call = get_object_or_404(FundingCall.objects.for_public_site(), pk=pk)
        attachment = get_object_or_404(Attachment, pk=attachment_id, call__translation_key=call.translation_key)
        return serve_attachment(attachment)
