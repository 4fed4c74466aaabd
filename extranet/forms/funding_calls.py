"""A partner shares a funding call in under a minute: the essentials first, the rest when they have it.

One form carries its deadlines and attached documents (two inline formsets): it is valid only when
all three are, and saving writes the three, in the view's transaction.
"""

from django import forms
from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.forms import inlineformset_factory
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from annuaire.models import Audience, Organisation, Theme
from appels.models import Attachment, Deadline, FundingCall, Interest
from caserurale.forms import AccessibleFormMixin
from extranet.forms.shared import OwnerChoiceMixin
from extranet.models import DOCUMENT_EXTENSIONS, DOCUMENT_MAX_SIZE

# Empty rows offered for new deadlines: enough for a call in two or three steps, without JavaScript.
EMPTY_DEADLINE_ROWS = 3


def mark_invalid(form, name):
    """What AccessibleFormMixin does, for an error added after the form was cleaned."""
    bound = form[name]
    widget = form.fields[name].widget
    widget.attrs["aria-invalid"] = "true"
    described = set(widget.attrs.get("aria-describedby", "").split()) | {f"{bound.id_for_label}-error"}
    widget.attrs["aria-describedby"] = " ".join(sorted(filter(None, described)))


class DeadlineForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = Deadline
        fields = ["due_on", "kind", "label"]
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class AttachmentForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["title", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].validators.append(FileExtensionValidator(DOCUMENT_EXTENSIONS))
        self.fields["file"].widget.attrs["accept"] = ",".join(f".{extension}" for extension in DOCUMENT_EXTENSIONS)
        self.fields["file"].help_text = _("PDF, office document, spreadsheet or image; 20 MB at most.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and getattr(upload, "size", 0) > DOCUMENT_MAX_SIZE:
            raise forms.ValidationError(
                _("This file is too large (%(size)s MB); the limit is %(limit)s MB."),
                params={"size": round(upload.size / 1024 / 1024, 1), "limit": DOCUMENT_MAX_SIZE // 1024 // 1024},
            )
        return upload

    def save(self, commit=True):
        attachment = super().save(commit=False)
        if attachment.file:
            attachment.size = attachment.file.size
        if commit:
            attachment.save()
        return attachment


DeadlineFormSet = inlineformset_factory(
    FundingCall, Deadline, form=DeadlineForm, extra=EMPTY_DEADLINE_ROWS, can_delete=True, max_num=30
)
AttachmentFormSet = inlineformset_factory(
    FundingCall, Attachment, form=AttachmentForm, extra=1, can_delete=True, max_num=20
)


class FundingCallForm(AccessibleFormMixin, OwnerChoiceMixin, forms.ModelForm):
    # The essentials, in the order the form shows them; the rest is grouped in fieldsets.
    essentials = ["title", "kind", "url", "beneficiaries", "themes", "summary"]
    groups = [
        (_("Dates"), ["opens_on", "recurrence"]),
        (_("Money"), ["amount_min", "amount_max", "cofinancing_rate"]),
        (_("Who funds it, where"), ["funders", "funder_names", "programme", "perimeter"]),
        (_("Eligibility and how to apply"), ["eligibility", "how_to_apply", "application_url"]),
        (_("Contact"), ["contact_name", "contact_email", "contact_phone"]),
    ]

    class Meta:
        model = FundingCall
        fields = [
            "owner",
            "title",
            "kind",
            "url",
            "beneficiaries",
            "themes",
            "summary",
            "opens_on",
            "recurrence",
            "amount_min",
            "amount_max",
            "cofinancing_rate",
            "funders",
            "funder_names",
            "programme",
            "perimeter",
            "eligibility",
            "how_to_apply",
            "application_url",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "eligibility": forms.Textarea(attrs={"rows": 4}),
            "how_to_apply": forms.Textarea(attrs={"rows": 4}),
            "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "themes": forms.CheckboxSelectMultiple,
            "beneficiaries": forms.CheckboxSelectMultiple,
            "funders": forms.CheckboxSelectMultiple,
            "amount_min": forms.NumberInput(attrs={"min": 0, "step": "any"}),
            "amount_max": forms.NumberInput(attrs={"min": 0, "step": "any"}),
            "cofinancing_rate": forms.NumberInput(attrs={"min": 0, "max": 100}),
        }
        help_texts = {
            "url": _("The funder's page about the call, where the official rules are."),
            "summary": _("One or two sentences: what it funds, for whom."),
        }

    def __init__(self, data=None, files=None, *, owners, **kwargs):
        super().__init__(data, files, owners=owners, **kwargs)
        # Labels are chosen in French, the language calls are written in; slugs are the same in Creole.
        locale = Locale.get_active()
        for name, model in (("themes", Theme), ("beneficiaries", Audience)):
            names = model.names(locale)
            self.fields[name].queryset = model.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
            self.fields[name].label_from_instance = lambda label, names=names: names.get(label.slug, label.name)
        self.fields["funders"].queryset = Organisation.objects.order_by("name")
        self.fields["url"].required = True
        self.fields["url"].widget.attrs["required"] = True
        self.fields["title"].widget.attrs["required"] = True
        self.fields["cofinancing_rate"].max_value = 100
        self.deadlines = DeadlineFormSet(data, instance=self.instance, prefix="deadlines")
        self.attachments = AttachmentFormSet(data, files, instance=self.instance, prefix="attachments")

    def essential_fields(self):
        return [self[name] for name in self.essentials]

    def grouped_fields(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.groups]

    def clean_cofinancing_rate(self):
        rate = self.cleaned_data["cofinancing_rate"]
        if rate is not None and rate > 100:
            raise forms.ValidationError(_("A funding rate cannot be over 100 %."))
        return rate

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("amount_min"), cleaned.get("amount_max")
        if low is not None and high is not None and high < low:
            self.add_error("amount_max", _("The maximum amount cannot be below the minimum amount."))
        return cleaned

    def is_valid(self):
        valid = super().is_valid()
        deadlines_valid = self.deadlines.is_valid()
        attachments_valid = self.attachments.is_valid()
        if not self.is_bound:
            return False
        return self.check_deadlines() and valid and deadlines_valid and attachments_valid

    def kept_deadlines(self):
        return [
            form
            for form in self.deadlines.forms
            if form.has_changed() or form.instance.pk
            if not (self.deadlines.can_delete and self.deadlines._should_delete_form(form))
        ]

    def check_deadlines(self):
        """What needs the form and its deadlines together: none before the opening, at least one."""
        ok = True
        opens_on = getattr(self, "cleaned_data", {}).get("opens_on")
        kept = self.kept_deadlines()
        for form in kept:
            due_on = getattr(form, "cleaned_data", {}).get("due_on")
            if opens_on and due_on and due_on < opens_on:
                form.add_error(
                    "due_on",
                    _("This deadline is before the opening date (%(date)s).")
                    % {"date": date_format(opens_on, "j F Y")},
                )
                mark_invalid(form, "due_on")
                ok = False
        recurrence = getattr(self, "cleaned_data", {}).get("recurrence")
        if not kept and recurrence and recurrence != FundingCall.Recurrence.ONGOING:
            self.add_error(
                "recurrence", _("Give at least one deadline, or choose “ongoing” if one can apply at any time.")
            )
            mark_invalid(self, "recurrence")
            ok = False
        return ok

    def all_errors(self):
        """Every mistake of the form and its rows, for the summary at the top: (field id, label, message)."""
        errors = [(None, None, error) for error in self.non_field_errors()]
        errors += [(field.id_for_label, field.label, error) for field in self for error in field.errors]
        for title, formset in ((_("Deadline"), self.deadlines), (_("Document"), self.attachments)):
            errors += [(None, title, error) for error in formset.non_form_errors()]
            for number, form in enumerate(formset.forms, start=1):
                for field in form:
                    errors += [(field.id_for_label, f"{title} {number} — {field.label}", e) for e in field.errors]
        return errors

    def _save_m2m(self):
        super()._save_m2m()
        for formset in (self.deadlines, self.attachments):
            formset.instance = self.instance
            formset.save()


class InterestForm(AccessibleFormMixin, forms.Form):
    intent = forms.ChoiceField(label=_("Your interest"), choices=Interest.Intent.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("A word for partners (optional)"),
        required=False,
        max_length=300,
        help_text=_("e.g. “We apply with the school canteen; we look for a farm.”"),
    )
