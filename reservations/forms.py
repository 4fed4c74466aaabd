"""The request form (a time range, or whole days for equipment; repeated weekly), the answer, the rules."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from annuaire.models import Circle
from caserurale.forms import AccessibleFormMixin
from reservations.checks import day_bounds, time_bounds
from reservations.recurrence import MAX_WEEKS, weekly
from reservations.rules import WEEKDAYS, Blackout, BookingRules


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def time_input():
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class BookingRequestForm(AccessibleFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(label=_("On behalf of"), queryset=None, empty_label=None)
    day = forms.DateField(label=_("Day"), widget=date_input())
    starts = forms.TimeField(label=pgettext_lazy("time of day", "From"), widget=time_input())
    ends = forms.TimeField(label=pgettext_lazy("time of day", "Until"), widget=time_input())
    first_day = forms.DateField(label=_("First day"), widget=date_input())
    last_day = forms.DateField(label=_("Last day (included)"), widget=date_input())
    purpose = forms.CharField(label=_("What for"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    people = forms.IntegerField(label=_("How many people"), min_value=1, max_value=10000, initial=1)
    weeks = forms.IntegerField(
        label=_("For how many weeks"),
        min_value=1,
        max_value=MAX_WEEKS,
        initial=1,
        help_text=_("The same day and time every week; 1 for once."),
    )
    skip = forms.MultipleChoiceField(label=_("Dates to leave out"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, organisations, whole_days, **kwargs):
        super().__init__(*args, **kwargs)
        self.whole_days = whole_days
        self.fields["organisation"].queryset = organisations
        # Most partners belong to one organisation: then it is not a question.
        first_two = list(organisations[:2])
        self.has_organisation = bool(first_two)
        self.only_organisation = first_two[0] if len(first_two) == 1 else None
        if self.only_organisation:
            del self.fields["organisation"]
        for name in ("day", "starts", "ends") if whole_days else ("first_day", "last_day"):
            del self.fields[name]
        # Any date of the series may be left out; the choices are the dates the form asks for.
        self.fields["skip"].choices = [(value, value) for value in self.data.getlist("skip")] if self.is_bound else []

    def clean(self):
        cleaned = super().clean()
        if self.only_organisation:
            cleaned["organisation"] = self.only_organisation
        if self.whole_days:
            if cleaned.get("first_day") and cleaned.get("last_day") and cleaned["last_day"] < cleaned["first_day"]:
                self.add_error("last_day", _("The last day cannot come before the first."))
        elif cleaned.get("starts") and cleaned.get("ends") and cleaned["ends"] <= cleaned["starts"]:
            self.add_error("ends", _("The end must come after the start."))
        return cleaned

    def slots(self):
        """Every (start, end) the form asks for, the left-out dates included."""
        data = self.cleaned_data
        if self.whole_days:
            first = day_bounds(data["first_day"], data["last_day"])
        else:
            first = time_bounds(data["day"], data["starts"], data["ends"])
        return weekly(*first, data["weeks"])

    def kept_slots(self):
        skipped = set(self.cleaned_data["skip"])
        return [slot for slot in self.slots() if slot_key(slot) not in skipped]


def slot_key(slot):
    return slot[0].date().isoformat()


def slot_label(slot):
    return date_format(slot[0].date(), "l j F Y")


class AnswerForm(AccessibleFormMixin, forms.Form):
    message = forms.CharField(
        label=_("Message to the requester"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RulesForm(AccessibleFormMixin, forms.ModelForm):
    open_days = forms.MultipleChoiceField(
        label=_("Open days"), choices=WEEKDAYS, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = BookingRules
        fields = [
            "open_days",
            "opens_at",
            "closes_at",
            "min_notice_hours",
            "max_hours",
            "max_days",
            "buffer_minutes",
            "pending_holds_slot",
            "instant_circles",
        ]
        widgets = {
            "opens_at": time_input(),
            "closes_at": time_input(),
            "instant_circles": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["open_days"] = list(self.instance.open_days)
        self.fields["instant_circles"].queryset = Circle.objects.order_by("name")

    def clean_open_days(self):
        return "".join(sorted(self.cleaned_data["open_days"]))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("opens_at") and cleaned.get("closes_at") and cleaned["closes_at"] <= cleaned["opens_at"]:
            self.add_error("closes_at", _("The closing time must come after the opening time."))
        return cleaned


class BlackoutForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = Blackout
        fields = ["starts_on", "ends_on", "reason"]
        widgets = {"starts_on": date_input(), "ends_on": date_input()}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("starts_on") and cleaned.get("ends_on") and cleaned["ends_on"] < cleaned["starts_on"]:
            self.add_error("ends_on", _("The last day cannot come before the first."))
        return cleaned


class FreeAtForm(AccessibleFormMixin, forms.Form):
    day = forms.DateField(label=_("Day"), widget=date_input())
    starts = forms.TimeField(label=pgettext_lazy("time of day", "From"), widget=time_input())
    ends = forms.TimeField(label=pgettext_lazy("time of day", "Until"), widget=time_input())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("starts") and cleaned.get("ends") and cleaned["ends"] <= cleaned["starts"]:
            self.add_error("ends", _("The end must come after the start."))
        return cleaned

    def bounds(self):
        return time_bounds(self.cleaned_data["day"], self.cleaned_data["starts"], self.cleaned_data["ends"])
