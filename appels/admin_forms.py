"""The admin's form of a funding call: its deadlines are checked against the call, as in the extranet."""

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm


class FundingCallAdminForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        deadlines = self.formsets.get("deadlines")
        if deadlines is None or not deadlines.is_valid():
            return cleaned
        kept = [form for form in deadlines.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        opens_on = cleaned.get("opens_on")
        for form in kept:
            due_on = form.cleaned_data.get("due_on")
            if opens_on and due_on and due_on < opens_on:
                form.add_error(
                    "due_on",
                    _("This deadline is before the opening date (%(date)s).")
                    % {"date": date_format(opens_on, "j F Y")},
                )
        recurrence = cleaned.get("recurrence")
        if not kept and recurrence and recurrence != self._meta.model.Recurrence.ONGOING:
            self.add_error(
                "recurrence", _("Give at least one deadline, or choose “ongoing” if one can apply at any time.")
            )
        return cleaned
