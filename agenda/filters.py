"""The agenda's filters, in the visitor's words: one form for the list, the month grid and the feeds.

Parameters are French words, because they show in the addresses residents share
(``/agenda/?theme=numerique&gratuit=1``).
"""

from datetime import datetime, timedelta

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from agenda.events import ACCESSIBILITY_CODES, Event
from agenda.month import local_midnight
from agenda.recurrence import REUNION
from annuaire.models import Audience, Organisation, Place, Theme
from caserurale.forms import filter_query_string, sorted_choices

ACCESSIBILITY_CHOICES = [
    ("motor", _("people with reduced mobility")),
    ("visual", _("people with visual impairments")),
    ("hearing", _("people with hearing impairments")),
    ("intellectual", _("people with intellectual disabilities")),
    ("psychic", _("people with psychic disabilities")),
]
assert [code for code, _label in ACCESSIBILITY_CHOICES] == list(ACCESSIBILITY_CODES)

# A range longer than a year is refused: nothing is expanded beyond the horizon anyway.
LONGEST_RANGE = timedelta(days=366)


class AgendaFilterForm(forms.Form):
    du = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    au = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    public = forms.ChoiceField(label=_("For whom"), required=False)
    lieu = forms.ChoiceField(label=_("Place"), required=False)
    organisateur = forms.ChoiceField(label=_("Organiser"), required=False)
    accessible = forms.ChoiceField(
        label=_("Accessible to"), required=False, choices=[("", _("Everyone")), *ACCESSIBILITY_CHOICES]
    )
    gratuit = forms.BooleanField(label=_("Free events only"), required=False)

    def __init__(self, data=None, *, locale):
        super().__init__(data)
        self.locale = locale
        # Only choices that can match something: the organisers and places of published public events.
        # Each list is read when first needed: a feed asked for without filters costs no query for them.
        public_events = Event.objects.for_public_site()
        places = Place.objects.filter(Exists(public_events.filter(place=OuterRef("pk"))))
        organisers = Organisation.objects.filter(Exists(public_events.filter(owner=OuterRef("pk"))))
        self.fields["theme"].choices = once(lambda: [("", _("All themes")), *sorted_choices(Theme.names(locale))])
        self.fields["public"].choices = once(lambda: [("", _("Everyone")), *sorted_choices(Audience.names(locale))])
        self.fields["lieu"].choices = once(lambda: [("", _("All places")), *places.values_list("slug", "name")])
        self.fields["organisateur"].choices = once(
            lambda: [("", _("All organisers")), *organisers.values_list("slug", "name")]
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("du"), cleaned.get("au")
        if start and end:
            if end < start:
                self.add_error("au", _("The end of the period cannot be before its start."))
            elif end - start > LONGEST_RANGE:
                self.add_error("au", _("Choose a period of one year at most."))
        return cleaned

    @property
    def active(self):
        """The filters in use, other than dates: they decide whether to say "nothing matches"."""
        if not self.is_bound or not self.is_valid():
            return {}
        names = ("theme", "public", "lieu", "organisateur", "accessible", "gratuit")
        return {name: self.cleaned_data[name] for name in names if self.cleaned_data.get(name)}

    def period(self, default_days):
        """The instants [start, end) asked for, in Réunion time; from today for ``default_days`` by default."""
        today = datetime.now(REUNION).date()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        first = data.get("du") or today
        last = data.get("au") or (first + timedelta(days=default_days - 1))
        return local_midnight(first), local_midnight(last + timedelta(days=1))

    def filter_occurrences(self, occurrences):
        return self.apply(occurrences, prefix="event__")

    def filter_events(self, events):
        return self.apply(events, prefix="")

    def apply(self, queryset, *, prefix):
        filters = self.active
        lookups = {}
        if "theme" in filters:
            lookups[f"{prefix}themes__slug"] = filters["theme"]
        if "public" in filters:
            lookups[f"{prefix}audiences__slug"] = filters["public"]
        if "lieu" in filters:
            lookups[f"{prefix}place__slug"] = filters["lieu"]
        if "organisateur" in filters:
            lookups[f"{prefix}owner__slug"] = filters["organisateur"]
        if "accessible" in filters:
            lookups[f"{prefix}accessible_{filters['accessible']}"] = True
        if "gratuit" in filters:
            lookups[f"{prefix}is_free"] = True
        # A join on themes or audiences gives one row per match: at most one label of each is filtered on.
        return queryset.filter(**lookups) if lookups else queryset

    def query_string(self, **overrides):
        """The current filters as a query string, to carry them to the month grid, the list and the feeds."""
        return filter_query_string(self.cleaned_data if self.is_bound and self.is_valid() else {}, **overrides)


def once(build):
    """A callable giving ``build()``'s result, computed at the first call only."""
    cache = []

    def choices():
        if not cache:
            cache.append(build())
        return cache[0]

    return choices
