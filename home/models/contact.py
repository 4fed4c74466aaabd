"""The contact page: a fixed form whose messages are stored (home.contact_messages), then e-mailed to the team."""

from django.conf import settings
from django.db import models, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from caserurale import throttle
from caserurale.forms import form_status
from home.forms import ContactForm
from home.tasks import notify_contact_submission

TOO_MANY_MESSAGES = _(
    "You have sent several messages in a short while. Your message is still here: "
    "send it again in an hour, or call us (the number is at the bottom of the page)."
)


class ContactPage(RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)
    thank_you_text = models.TextField(
        _("thank-you message"), blank=True, help_text=_("Shown once a message has been sent.")
    )
    to_address = models.EmailField(
        _("send messages to"), blank=True, help_text=_("Leave empty to use the site's contact address.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("thank_you_text")]
    settings_panels = [*Page.settings_panels, FieldPanel("to_address")]
    subpage_types = []

    class Meta:
        verbose_name = _("contact page")

    @path("")
    def form_view(self, request):
        form = ContactForm(request.POST or None)
        status = form_status(request)
        if request.method == "POST" and form.is_valid():
            if form.is_spam():
                # A bot that filled the honeypot sees the same thank-you page, and learns nothing.
                return redirect(self.url + self.reverse_subpage("thanks"))
            if throttle.over_limit("contact", request=request, email=form.cleaned_data["email"]):
                form.add_error(None, TOO_MANY_MESSAGES)
                status = 429
            else:
                with transaction.atomic():
                    submission = form.save(page=self, language=get_language())
                    notify_contact_submission.delay_on_commit(submission.pk)
                return redirect(self.url + self.reverse_subpage("thanks"))
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context, status=status)

    @path("merci/", name="thanks")
    def thanks_view(self, request):
        return TemplateResponse(request, "home/contact_page_thanks.html", self.get_context(request))

    def get_recipient(self):
        return self.to_address or settings.CONTACT_EMAIL
