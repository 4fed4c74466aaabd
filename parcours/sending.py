"""« Send it to me »: the result's link by e-mail, to an address used once and kept nowhere.

Limited per address and per IP address in the cache (caserurale.throttle), with no cookie: a few
e-mails an hour is what a resident needs, and all a stranger could make the site send to someone.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from caserurale import throttle
from caserurale.forms import AccessibleFormMixin
from parcours import tasks

PER_ADDRESS = 3
PER_IP = 10
PERIOD = 3600  # seconds


class SendResultForm(AccessibleFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("For example: prenom.nom@exemple.re"),
        error_messages={
            "required": _("Type the e-mail address to send the result to."),
            "invalid": _("This is not an e-mail address: check it, for example prenom.nom@exemple.re."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def __init__(self, *args, ip_address=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.ip_address = ip_address

    def clean_email(self):
        address = self.cleaned_data["email"]
        by_address = throttle.allow("result-email", [address], limit=PER_ADDRESS, period=PERIOD)
        by_ip = throttle.allow("result-email-ip", [self.ip_address], limit=PER_IP, period=PERIOD)
        if not (by_address and by_ip):
            raise forms.ValidationError(
                _("Several e-mails have just been sent from here or to this address: try again in an hour."),
                code="throttled",
            )
        return address


def send_after_commit(address, result_url, answers, language):
    tasks.send_result.delay_on_commit(address, result_url, answers, language)
