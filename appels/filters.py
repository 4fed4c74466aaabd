"""Filters of the lists of funding calls: in plain words on the public page, a few more in the extranet.

Parameters are French words, because they show in the addresses people share
(``/financer-mon-projet/?public=associations&theme=numerique&ouverts=1``).
"""

from datetime import timedelta

from django import forms
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from annuaire.models import Audience, Organisation, Theme
from appels.calls import FundingCall, Status, public_calls
from caserurale.forms import filter_query_string, sorted_choices


def by_next_deadline(calls):
    """Calls one can apply to first, soonest deadline first; then those to come; closed ones last."""
    rank = Case(
        When(status__in=[Status.CLOSING_SOON, Status.OPEN], then=Value(0)),
        When(status=Status.UPCOMING, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return calls.order_by(rank, F("next_deadline").asc(nulls_last=True), F("opens_on").asc(nulls_last=True), "-pk")


def open_calls(locale, today=None):
    """Public calls one can apply to now, in ``locale``'s words, soonest deadline first."""
    today = today or timezone.localdate()
    return by_next_deadline(public_calls(locale, today).filter(status__in=[Status.OPEN, Status.CLOSING_SOON]))


class CallFilterForm(forms.Form):
    """What residents ask: who am I, what is my project about, where, still open?"""

    public = forms.ChoiceField(label=_("Who are you?"), required=False)
    theme = forms.ChoiceField(label=_("Your project is about…"), required=False)
    territoire = forms.ChoiceField(
        label=_("Where?"), required=False, choices=[("", _("Anywhere")), *FundingCall.Perimeter.choices]
    )
    ouverts = forms.BooleanField(label=_("Still open only"), required=False)

    filter_names = ("public", "theme", "territoire", "ouverts")

    def __init__(self, data=None, *, locale):
        super().__init__(data)
        self.locale = locale
        self.fields["public"].choices = [("", _("Anyone")), *sorted_choices(Audience.names(locale))]
        self.fields["theme"].choices = [("", _("Any subject")), *sorted_choices(Theme.names(locale))]

    @property
    def active(self):
        if not self.is_bound or not self.is_valid():
            return {}
        return {name: self.cleaned_data[name] for name in self.filter_names if self.cleaned_data.get(name)}

    def apply(self, calls, today=None):
        """Filter a queryset annotated by ``with_status``."""
        filters = self.active
        through = FundingCall
        if "public" in filters:
            calls = calls.filter(
                Exists(
                    through.beneficiaries.through.objects.filter(
                        fundingcall_id=OuterRef("pk"), audience__slug=filters["public"]
                    )
                )
            )
        if "theme" in filters:
            calls = calls.filter(
                Exists(
                    through.themes.through.objects.filter(fundingcall_id=OuterRef("pk"), theme__slug=filters["theme"])
                )
            )
        if "territoire" in filters:
            calls = calls.filter(perimeter=filters["territoire"])
        if "ouverts" in filters:
            # Calls not open yet stay: one can prepare an application.
            calls = calls.exclude(status=Status.CLOSED)
        return calls

    def query_string(self, **overrides):
        return filter_query_string(self.active, **overrides)


class PartnerCallFilterForm(CallFilterForm):
    """The extranet's list: the same questions, and the ones partners who write applications ask."""

    class Sort:
        DEADLINE, NEWEST = "echeance", "recent"

    q = forms.CharField(label=_("Words"), required=False, max_length=100)
    type = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any kind")), *FundingCall.Kind.choices])
    financeur = forms.ChoiceField(label=_("Funder"), required=False)
    statut = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any status")), *Status.choices])
    jours = forms.IntegerField(
        label=_("Closes within (days)"), required=False, min_value=0, max_value=3660, widget=forms.NumberInput
    )
    tri = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(Sort.DEADLINE, _("next deadline")), (Sort.NEWEST, _("newest"))],
    )

    field_order = ["q", "type", "theme", "public", "territoire", "financeur", "statut", "jours", "ouverts", "tri"]
    filter_names = ("q", "type", "public", "theme", "territoire", "financeur", "statut", "jours", "ouverts", "tri")

    def __init__(self, data=None, *, locale):
        super().__init__(data, locale=locale)
        self.fields["public"].label = _("Who can apply")
        self.fields["theme"].label = _("Theme")
        self.fields["territoire"].label = _("Area")
        self.fields["ouverts"].label = _("Not closed yet")
        funders = Organisation.objects.filter(
            Exists(FundingCall.funders.through.objects.filter(organisation_id=OuterRef("pk")))
        )
        self.fields["financeur"].choices = [("", _("Any funder")), *funders.values_list("slug", "name")]

    def apply(self, calls, today=None):
        today = today or timezone.localdate()
        calls = super().apply(calls, today)
        filters = self.active
        if filters.get("q"):
            words = filters["q"]
            calls = calls.filter(
                Q(title__icontains=words)
                | Q(summary__icontains=words)
                | Q(programme__icontains=words)
                | Q(funder_names__icontains=words)
                | Q(eligibility__icontains=words)
            )
        if "type" in filters:
            calls = calls.filter(kind=filters["type"])
        if "financeur" in filters:
            calls = calls.filter(
                Exists(
                    FundingCall.funders.through.objects.filter(
                        fundingcall_id=OuterRef("pk"), organisation__slug=filters["financeur"]
                    )
                )
            )
        if "statut" in filters:
            calls = calls.filter(status=filters["statut"])
        if self.is_bound and self.is_valid() and self.cleaned_data.get("jours") is not None:
            calls = calls.filter(next_deadline__lte=today + timedelta(days=self.cleaned_data["jours"]))
        if filters.get("tri") == self.Sort.NEWEST:
            return calls.order_by("-created_at", "-pk")
        return by_next_deadline(calls)
