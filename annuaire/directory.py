"""The public "who does what" in a resident's words: who are you, what do you need, about what, where.

Parameters are French words, because they show in the addresses people share
(``/qui-fait-quoi/?public=familles&besoin=food&sans_rdv=1``). Only services of organisations with a
public profile are ever counted, listed or offered as a filter.
"""

from django import forms
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext_lazy as _

from annuaire.organisations import Audience, Organisation, OrganisationDescription, Place, Service, Theme
from caserurale.forms import filter_query_string, sorted_choices


class ServiceFilterForm(forms.Form):
    public = forms.ChoiceField(label=_("I am…"), required=False)
    besoin = forms.ChoiceField(label=_("I need…"), required=False)
    theme = forms.ChoiceField(label=_("About…"), required=False)
    lieu = forms.ChoiceField(label=_("Where?"), required=False)
    sans_rdv = forms.BooleanField(label=_("Walk in, no appointment"), required=False)

    filter_names = ("public", "besoin", "theme", "lieu", "sans_rdv")

    def __init__(self, data=None, *, locale):
        super().__init__(data)
        self.fields["public"].choices = [("", _("Anyone")), *sorted_choices(Audience.names(locale))]
        self.fields["besoin"].choices = [("", _("Any kind of help")), *Service.Kind.choices]
        self.fields["theme"].choices = [("", _("Any subject")), *sorted_choices(Theme.names(locale))]
        # Only places where a public service is offered: a private organisation's place is not a lead.
        places = Place.objects.filter(Exists(Service.objects.public().filter(places=OuterRef("pk"))))
        self.fields["lieu"].choices = [("", _("Anywhere")), *places.values_list("slug", "name")]

    @property
    def active(self):
        if not self.is_bound or not self.is_valid():
            return {}
        return {name: self.cleaned_data[name] for name in self.filter_names if self.cleaned_data.get(name)}

    def query_string(self, **overrides):
        return filter_query_string(self.active, **overrides)

    def apply(self, services):
        filters = self.active
        if "public" in filters:
            services = services.filter(audiences__slug=filters["public"])
        if "besoin" in filters:
            services = services.filter(kind=filters["besoin"])
        if "theme" in filters:
            services = services.filter(themes__slug=filters["theme"])
        if "lieu" in filters:
            services = services.filter(places__slug=filters["lieu"])
        if "sans_rdv" in filters:
            services = services.filter(reach=Service.Reach.WALK_IN)
        return services.distinct()


def public_services(locale):
    return Service.objects.public().in_locale(locale).select_related("locale")


def with_services(organisations, services, locale):
    """Organisations with their ``services`` (places too) and their description in ``locale``: three queries."""
    return organisations.prefetch_related(
        Prefetch("services", queryset=services.prefetch_related("places").order_by("name", "pk"), to_attr="offers"),
        Prefetch(
            "descriptions",
            queryset=OrganisationDescription.objects.filter(locale=locale),
            to_attr="translated_descriptions",
        ),
    )


def directory_organisations(services, *, filtered):
    """Public organisations offering one of ``services``; every public one when nothing is filtered."""
    organisations = Organisation.objects.filter(public_profile=True).order_by("name", "pk")
    if filtered:
        organisations = organisations.filter(Exists(services.filter(organisation=OuterRef("pk"))))
    return organisations


def description_of(organisation):
    """The organisation's words in the reader's language, else its own description."""
    translated = getattr(organisation, "translated_descriptions", None)
    return translated[0].text if translated else organisation.description
