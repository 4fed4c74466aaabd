"""« Send it to me »: the result's link by e-mail, to an address used once and kept nowhere.

Limited per address and per network address like every public form (caserurale.throttle,
settings.PUBLIC_FORM_LIMITS["result_email"]), with no cookie: a few e-mails an hour is what a
resident needs, and all a stranger could make the site send to someone.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from caserurale import throttle
from caserurale.forms import AccessibleFormMixin
from parcours import tasks

TOO_MANY = _("Several e-mails have just been sent from here or to this address: try again in an hour.")


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


def send(request, form, result_url, answers, language):
    """Queue the e-mail once the answer commits; False (and the reason on the form) when over the limit."""
    address = form.cleaned_data["email"]
    if throttle.over_limit("result_email", request=request, email=address):
        form.add_error("email", TOO_MANY)
        return False
    tasks.send_result.delay_on_commit(address, result_url, answers, language)
    return True
