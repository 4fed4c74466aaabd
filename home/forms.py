from django import forms
from django.utils.translation import gettext_lazy as _

from caserurale.forms import AccessibleFormMixin
from home.contact_messages import ContactSubmission


class ContactForm(AccessibleFormMixin, forms.ModelForm):
    # The honeypot: hidden from people (CSS and aria-hidden), filled in by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    class Meta:
        model = ContactSubmission
        fields = ["name", "email", "subject", "message"]
        labels = {
            "name": _("Your name"),
            "email": _("Your e-mail address"),
            "subject": _("Subject"),
            "message": _("Your message"),
        }
        help_texts = {"email": _("So that we can answer you. Format: name@example.re")}
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "message": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        for name in self.Meta.fields:
            self.fields[name].widget.attrs["required"] = True

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))

    def save(self, *, page, language):
        submission = super().save(commit=False)
        submission.page = page
        submission.language = language
        submission.save()
        return submission
