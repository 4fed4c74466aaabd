"""A partner describes one of its organisation's services, in French and, beside it, in Creole.

The French service is the original; the Creole one is its translation (annuaire.translations
copies the organisation, kind, reach, themes, audiences and places onto it). A Creole box left
empty shows the French words: the copy takes them again at each save, so a French correction
reaches the Creole page too.
"""

from django import forms
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from annuaire.models import Audience, Place, Service, Theme
from caserurale.forms import AccessibleFormMixin

CREOLE = "rcf"
# The words of a service, in the order the form shows them, French and Creole side by side.
WORDS = ["name", "summary", "when", "contact", "cost"]
RELATIONS = ["audiences", "themes", "places"]


def creole_name(field):
    return f"{field}_{CREOLE}"


class ServiceForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = Service
        fields = ["organisation", *WORDS, "kind", "reach", *RELATIONS]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "audiences": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "places": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "summary": _("A sentence or two: what a resident gets, and what to bring."),
            "when": _("Days and hours, e.g. “Tuesdays 9 am to noon”."),
        }

    def __init__(self, *args, organisations, translation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.translation = translation
        organisation = self.fields["organisation"]
        organisation.queryset = organisations
        organisation.empty_label = None
        first_two = list(organisations[:2])
        if len(first_two) == 1:
            organisation.widget = forms.HiddenInput()
            organisation.initial = first_two[0]
        # Labels are chosen in French, the language of the original; their slugs are the same in Creole.
        locale = Locale.get_active()
        for name, model in (("themes", Theme), ("audiences", Audience)):
            names = model.names(locale)
            self.fields[name].queryset = model.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
            self.fields[name].label_from_instance = lambda label, names=names: names.get(label.slug, label.name)
        self.fields["places"].queryset = Place.objects.order_by("name")
        self.fields["places"].help_text = _("Leave empty if it is offered by telephone or online only.")
        self.fields["name"].widget.attrs["required"] = True
        for name in WORDS:
            french = self.fields[name]
            french.widget.attrs["lang"] = settings.LANGUAGE_CODE
            attrs = {key: value for key, value in french.widget.attrs.items() if key not in ("required", "maxlength")}
            creole = forms.CharField(
                label=gettext("%(field)s, in Creole") % {"field": str(french.label).capitalize()},
                required=False,
                max_length=french.max_length,
                widget=type(french.widget)(attrs={**attrs, "lang": CREOLE}),
            )
            french.label = gettext("%(field)s, in French") % {"field": str(french.label).capitalize()}
            if translation is not None:
                value = getattr(translation, name)
                # The French words copied into an empty Creole box come back empty: "same as French".
                creole.initial = "" if value == getattr(self.instance, name) and name != "name" else value
            self.fields[creole_name(name)] = creole
        self.fields[creole_name("name")].help_text = _(
            "Leave every Creole box empty to show the French text on the Creole site."
        )

    def creole_words(self):
        return {name: self.cleaned_data.get(creole_name(name), "").strip() for name in WORDS}

    def clean(self):
        cleaned = super().clean()
        words = self.creole_words()
        if any(words.values()) and not words["name"]:
            self.add_error(creole_name("name"), _("Give the Creole name too, or leave every Creole box empty."))
        return cleaned

    def bilingual_rows(self):
        """(French field, Creole field) pairs, for the template."""
        return [(self[name], self[creole_name(name)]) for name in WORDS]

    @transaction.atomic
    def save(self, commit=True):
        """The French service, its relations and its Creole translation, all or nothing."""
        service = super().save(commit=False)
        if service.pk is None:
            # Whatever language the partner reads the extranet in, the original is the French one.
            service.locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
        service.save()
        self.save_m2m()
        self.save_translation(service)
        return service

    def save_translation(self, service):
        words = self.creole_words()
        translation = self.translation
        if not words["name"]:
            if translation is not None:
                translation.delete()
            return None
        if translation is None:
            translation = service.copy_for_translation(Locale.objects.get(language_code=CREOLE))
        for name, value in words.items():
            setattr(translation, name, value or getattr(service, name))
        translation.organisation = service.organisation
        translation.kind, translation.reach = service.kind, service.reach
        translation.save()
        # annuaire.translations would copy them after the commit; here they are in the same transaction,
        # so the search task queued at the commit indexes the Creole service with its places and labels.
        for name in RELATIONS:
            getattr(translation, name).set(getattr(service, name).all())
        return translation


class ServiceListFilter(forms.Form):
    """Coordinators and members of several organisations narrow the list to one of them."""

    organisation = forms.ChoiceField(label=_("organisation"), required=False)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {organisation.slug: organisation for organisation in organisations}
        choices = [(slug, organisation.name) for slug, organisation in self.organisations.items()]
        self.fields["organisation"].choices = [("", _("All organisations")), *choices]

    def chosen(self):
        """The organisation chosen, among those given (no query: they are known already)."""
        return self.organisations.get(self.cleaned_data["organisation"]) if self.is_valid() else None
