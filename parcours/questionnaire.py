"""« Par où commencer ? »: who are you, what do you want, where is your project; one question a screen.

Each screen is a plain GET form that carries the answers already given as hidden fields, so it
works without JavaScript and the result is an address one can bookmark, share or print.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from annuaire.organisations import Audience
from caserurale.forms import sorted_choices
from parcours.needs import Need, Stage

QUESTIONS = ("public", "besoin", "stade")


class AnswersForm(forms.Form):
    public = forms.ChoiceField(label=_("I am…"), required=False, widget=forms.RadioSelect)
    besoin = forms.ChoiceField(label=_("I want to…"), required=False, widget=forms.RadioSelect, choices=Need.choices)
    stade = forms.ChoiceField(
        label=_("Where is my project?"), required=False, widget=forms.RadioSelect, choices=Stage.choices
    )

    def __init__(self, data=None, *, locale):
        super().__init__(data)
        self.fields["public"].choices = sorted_choices(Audience.names(locale))

    def answers(self):
        if not self.is_bound or not self.is_valid():
            return {}
        return {name: self.cleaned_data[name] for name in QUESTIONS if self.cleaned_data.get(name)}


def current_question(requested, answers):
    """The question to show: the one asked for, or the first not answered yet; None when all are."""
    if requested in QUESTIONS:
        return requested
    return next((name for name in QUESTIONS if name not in answers), None)
