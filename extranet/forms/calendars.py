from django import forms
from django.utils.translation import gettext_lazy as _

from agenda import importer
from agenda.models import CalendarSource
from annuaire.access import Visibility
from caserurale import remote
from caserurale.forms import AccessibleFormMixin


class CalendarSourceForm(AccessibleFormMixin, forms.ModelForm):
    """A partner's calendar address; checked (scheme and public address) before it is saved."""

    class Meta:
        model = CalendarSource
        fields = ["organisation", "name", "url", "visibility", "publish_directly"]
        labels = {"name": _("Name of the calendar"), "url": _("Address of the calendar (iCalendar, .ics)")}
        help_texts = {
            "name": _("As partners will read it, e.g. “Cyberun workshops”."),
            "url": _(
                "The public address your calendar application gives: in Google Calendar, “Public address in "
                "iCal format”; in Outlook, “Publish a calendar”, ICS link; in Nextcloud, “Copy subscription link”."
            ),
            "publish_directly": _(
                "Its events then reach the agenda without an editor's check. Only for partners the Case Rurale trusts."
            ),
        }
        widgets = {
            "url": forms.URLInput(attrs={"inputmode": "url", "autocomplete": "url", "spellcheck": "false"}),
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args, organisations, can_publish_directly, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = organisations
        field.empty_label = None
        if organisations.count() == 1:
            field.widget = forms.HiddenInput()
            field.initial = organisations.first()
        # An imported calendar has no circles to share with: the other levels only.
        self.fields["visibility"].choices = [choice for choice in Visibility.choices if choice[0] != Visibility.CIRCLE]
        if not can_publish_directly:
            del self.fields["publish_directly"]

    def clean_url(self):
        url = self.cleaned_data["url"].strip()
        try:
            remote.check_url(url)
        except remote.FetchError as error:
            raise forms.ValidationError(importer.error_message(error.code), code=error.code) from None
        return url

    def clean(self):
        cleaned = super().clean()
        organisation, url = cleaned.get("organisation"), cleaned.get("url")
        if organisation and url and CalendarSource.objects.filter(organisation=organisation, url=url).exists():
            self.add_error("url", _("This calendar is already imported for %(name)s.") % {"name": organisation})
        return cleaned
