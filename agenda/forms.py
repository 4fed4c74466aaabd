from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from caserurale.forms import AccessibleFormMixin


class RegistrationForm(AccessibleFormMixin, forms.Form):
    date = forms.ChoiceField(label=_("Date"), widget=forms.RadioSelect)
    name = forms.CharField(label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("The confirmation is sent there. Format: name@example.re"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    seats = forms.IntegerField(
        label=_("Number of people"),
        min_value=1,
        max_value=10,
        initial=1,
        help_text=_("You included, 10 at most."),
    )
    # The honeypot: hidden from people (CSS and aria-hidden), filled in by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, dates, **kwargs):
        super().__init__(*args, **kwargs)
        self.starts = {}
        choices = []
        for occurrence, remaining in dates:
            key = timezone.localtime(occurrence.start).strftime("%Y-%m-%dT%H:%M")
            self.starts[key] = occurrence.start
            label = date_format(timezone.localtime(occurrence.start), "l j F Y, H:i")
            if remaining:
                label += " — " + ngettext("%(count)s place left", "%(count)s places left", remaining) % {
                    "count": remaining
                }
                choices.append((key, label))
        self.fields["date"].choices = choices
        if len(choices) == 1:
            self.fields["date"].initial = choices[0][0]
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        for name in ("date", "name", "email", "seats"):
            self.fields[name].widget.attrs["required"] = True

    def clean_date(self):
        return self.starts[self.cleaned_data["date"]]

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))
