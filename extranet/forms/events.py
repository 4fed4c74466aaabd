"""A partner shares an event in plain words: dates, a simple repetition, a place; no iCalendar jargon."""

from datetime import datetime, time

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from agenda import recurrence
from agenda.models import Event
from annuaire.models import Audience, Theme
from caserurale.forms import AccessibleFormMixin
from extranet.forms.shared import OwnerChoiceMixin

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


class EventForm(AccessibleFormMixin, OwnerChoiceMixin, forms.ModelForm):
    class Repeat:
        NEVER, WEEKLY, MONTHLY = "", "weekly", "monthly"

    description_text = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    repeat = forms.ChoiceField(
        label=_("Repeats"),
        required=False,
        choices=[
            (Repeat.NEVER, _("No, only once")),
            (Repeat.WEEKLY, _("Every week, on the same day")),
            (Repeat.MONTHLY, _("Every month, on the same weekday (e.g. the first Friday)")),
        ],
    )
    repeat_until = forms.DateField(
        label=_("Until"),
        required=False,
        help_text=_("The last day it can take place. Leave empty to repeat for a year."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Event
        fields = [
            "owner",
            "title",
            "summary",
            "start",
            "end",
            "all_day",
            "place",
            "online_url",
            "themes",
            "audiences",
            "is_free",
            "price",
            "registration",
            "registration_url",
            "capacity",
            "accessible_motor",
            "accessible_visual",
            "accessible_hearing",
            "accessible_intellectual",
            "accessible_psychic",
            "status",
        ]
        widgets = {
            "start": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "end": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "themes": forms.CheckboxSelectMultiple,
            "audiences": forms.CheckboxSelectMultiple,
        }
        help_texts = {"summary": _("One sentence, shown in lists and calendars.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Labels are chosen in French, the language events are written in; slugs are the same in Creole.
        locale = Locale.get_active()
        for name, model in (("themes", Theme), ("audiences", Audience)):
            names = model.names(locale)
            self.fields[name].queryset = model.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
            self.fields[name].label_from_instance = lambda label, names=names: names.get(label.slug, label.name)
        self.fields["place"].empty_label = _(
            "None of these places (online, or elsewhere: say where in the description)"
        )
        for name in ("title", "start", "end"):
            self.fields[name].widget.attrs["required"] = True
        event = self.instance
        if not event.pk:
            # A new event is scheduled: the form shows no status then, so it must not ask for one.
            del self.fields["status"]
        if event.pk:
            self.fields["description_text"].initial = strip_tags(event.description.replace("</p>", "\n\n")).strip()
            self.initial.update(self.repetition_of(event))

    @staticmethod
    def repetition_of(event):
        parts = dict(part.split("=", 1) for part in event.recurrence_rule.split(";") if "=" in part)
        until = parts.get("UNTIL")
        initial = {"repeat_until": datetime.strptime(until[:8], "%Y%m%d").date() if until else None}
        if parts.get("FREQ") == "WEEKLY":
            initial["repeat"] = EventForm.Repeat.WEEKLY
        elif parts.get("FREQ") == "MONTHLY":
            initial["repeat"] = EventForm.Repeat.MONTHLY
        return initial

    def clean(self):
        cleaned = super().clean()
        start, end, until = cleaned.get("start"), cleaned.get("end"), cleaned.get("repeat_until")
        if start and until and until < timezone.localtime(start).date():
            self.add_error("repeat_until", _("The repetition cannot stop before the first date."))
        if start and end and not self.errors:
            self.instance.recurrence_rule = self.rule(cleaned.get("repeat"), timezone.localtime(start), until)
        return cleaned

    def rule(self, repeat, start, until):
        if not repeat:
            return ""
        weekday = WEEKDAYS[start.weekday()]
        if repeat == self.Repeat.WEEKLY:
            rule = f"FREQ=WEEKLY;BYDAY={weekday}"
        else:
            week = (start.day - 1) // 7 + 1
            rule = f"FREQ=MONTHLY;BYDAY={-1 if week == 5 else week}{weekday}"
        if until:
            rule += ";UNTIL=" + datetime.combine(until, time.min).strftime("%Y%m%d")
        return recurrence.validate_rule(rule)

    def save(self, commit=True):
        event = super().save(commit=False)
        text = self.cleaned_data.get("description_text", "")
        # Plain text from partners becomes escaped paragraphs: no markup of theirs reaches the page.
        paragraphs = [escape(block.strip()).replace("\n", "<br>") for block in text.split("\n\n") if block.strip()]
        event.description = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
        if commit:
            event.save()
            self.save_m2m()
        return event
