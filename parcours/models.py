"""Support pathways (« parcours ») and the orientation questionnaire that leads to them."""

from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from annuaire.directory import public_services
from annuaire.models import DirectoryPage
from annuaire.organisations import Audience
from caserurale.forms import filter_query_string, form_status
from caserurale.qr import qr_code_svg
from parcours import sending, steps
from parcours.answers import answer_labels
from parcours.blocks import StepBlock
from parcours.needs import ANSWERS, FIRST_STEP, Need
from parcours.questionnaire import QUESTIONS, AnswersForm, current_question


class PathwayIndexPage(RoutablePageMixin, Page):
    """« Par où commencer ? »: the pathways, and three questions that lead to the right ones."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count_per_parent = 1
    subpage_types = ["parcours.PathwayPage"]

    class Meta:
        verbose_name = _("pathways page")

    def pathways(self):
        return PathwayPage.objects.live().child_of(self).select_related("audience").order_by("path")

    @path("")
    def index_view(self, request):
        context = self.get_context(request)
        context["pathways"] = self.pathways()
        return TemplateResponse(request, "parcours/pathway_index_page.html", context)

    @path("questions/", name="questions")
    def questions_view(self, request):
        locale = Locale.get_active()
        form = AnswersForm(request.GET or None, locale=locale)
        answers = form.answers()
        question = current_question(request.GET.get("question"), answers)
        if question is None:
            return redirect(self.url + self.reverse_subpage("result") + "?" + filter_query_string(answers))
        position = QUESTIONS.index(question)
        context = self.get_context(request)
        context.update(
            form=form,
            field=form[question],
            hidden={name: value for name, value in answers.items() if name != question},
            position=position + 1,
            total=len(QUESTIONS),
            previous=QUESTIONS[position - 1] if position else None,
            query=filter_query_string(answers),
        )
        return TemplateResponse(request, "parcours/questions.html", context)

    @path("resultat/", name="result")
    def result_view(self, request):
        locale = Locale.get_active()
        form = AnswersForm(request.GET or None, locale=locale)
        answers = form.answers()
        pathways = self.pathways()
        if "besoin" in answers:
            pathways = pathways.filter(need=answers["besoin"])
        if "public" in answers:
            pathways = pathways.filter(models.Q(audience__isnull=True) | models.Q(audience__slug=answers["public"]))
        kinds, themes = ANSWERS.get(answers.get("besoin"), ([], []))
        services = steps.also_matching(locale, kinds, themes, answers.get("public")) if kinds else []
        welcome = list(public_services(locale).filter(kind="welcome").select_related("organisation")[:2])
        directory = DirectoryPage.objects.live().filter(locale=locale).first()
        labels = answer_labels(answers, locale)
        query = filter_query_string(answers)
        result_url = self.get_full_url(request) + self.reverse_subpage("result") + ("?" + query if query else "")
        context = self.get_context(request)
        context.update(
            answers=answers,
            result_url=result_url,
            # Printed for the resident at the welcome desk: their phone finds the page again.
            qr_code=qr_code_svg(result_url, _("QR code of this page's address")),
            labels=labels,
            pathways=list(pathways),
            services=services,
            welcome=welcome,
            directory=directory,
            query=query,
            first_step=FIRST_STEP.get(answers.get("stade"), 0) + 1,
        )
        return TemplateResponse(request, "parcours/result.html", context)

    @path("resultat/envoyer/", name="send")
    def send_view(self, request):
        """« Send it to me »: a plain form (no JavaScript needed); the e-mail leaves after the answer commits."""
        locale = Locale.get_active()
        answers = AnswersForm(
            request.POST if request.method == "POST" else request.GET or None, locale=locale
        ).answers()
        query = filter_query_string(answers)
        form = sending.SendResultForm(request.POST or None)
        status = form_status(request)
        if request.method == "POST" and form.is_valid():
            result_url = self.get_full_url(request) + self.reverse_subpage("result") + "?" + query
            if sending.send(request, form, result_url, answers, get_language()):
                return redirect(self.url + self.reverse_subpage("sent") + "?" + query)
            status = 429  # over the limit: the form says why, and keeps the address
        context = self.get_context(request)
        context.update(form=form, answers=answers, labels=answer_labels(answers, locale), query=query)
        return TemplateResponse(request, "parcours/send_result.html", context, status=status)

    @path("resultat/envoye/", name="sent")
    def sent_view(self, request):
        context = self.get_context(request)
        context["query"] = filter_query_string(AnswersForm(request.GET or None, locale=Locale.get_active()).answers())
        return TemplateResponse(request, "parcours/result_sent.html", context)


class PathwayPage(Page):
    """A support pathway: for whom, for which need, and the ordered steps with who helps at each."""

    audience = models.ForeignKey(
        Audience,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("for whom"),
        help_text=_("Leave empty if it is for everyone."),
    )
    need = models.CharField(_("need"), max_length=20, choices=Need.choices)
    intro = models.TextField(_("introduction"), blank=True)
    steps = StreamField([("step", StepBlock())], verbose_name=_("steps"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("audience"),
        FieldPanel("need"),
        FieldPanel("intro"),
        FieldPanel("steps"),
    ]
    parent_page_types = ["parcours.PathwayIndexPage"]
    subpage_types = []
    # Residents search a pathway by its steps' words too ("espace test", "CDDI").
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("steps")]

    class Meta:
        verbose_name = _("pathway")
        verbose_name_plural = _("pathways")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        locale = Locale.get_active()
        resolved = steps.resolve(list(self.steps.raw_data), locale)
        chosen = {service.translation_key for step in resolved for service in step["services"]}
        kinds, themes = ANSWERS.get(self.need, ([], []))
        audience = self.audience.slug if self.audience_id else None
        context.update(
            resolved_steps=resolved,
            also_matching=steps.also_matching(locale, kinds, themes, audience, exclude=chosen),
            directory=DirectoryPage.objects.live().filter(locale=locale).first(),
        )
        return context
