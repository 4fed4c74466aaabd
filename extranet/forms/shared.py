from django import forms
from django.utils.translation import gettext_lazy as _

from annuaire.access import Visibility
from annuaire.models import Circle, Organisation
from caserurale.forms import AccessibleFormMixin
from extranet.models import DOCUMENT_MAX_SIZE, Document, Resource


class OwnerChoiceMixin:
    """The owner is chosen among the organisations the user may publish for."""

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].empty_label = None
        if owners.count() == 1:
            self.fields["owner"].widget = forms.HiddenInput()
            self.fields["owner"].initial = owners.first()


class ResourceForm(AccessibleFormMixin, OwnerChoiceMixin, forms.ModelForm):
    class Meta:
        model = Resource
        fields = ["owner", "name", "kind", "description", "conditions", "location", "capacity"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "conditions": forms.Textarea(attrs={"rows": 3})}


class DocumentForm(AccessibleFormMixin, OwnerChoiceMixin, forms.ModelForm):
    class Meta:
        model = Document
        fields = ["owner", "title", "description", "file"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and upload.size > DOCUMENT_MAX_SIZE:
            raise forms.ValidationError(
                _("This file is too large (%(size)s MB); the limit is %(limit)s MB."),
                params={"size": round(upload.size / 1024 / 1024, 1), "limit": DOCUMENT_MAX_SIZE // 1024 // 1024},
            )
        return upload


class ShareForm(AccessibleFormMixin, forms.Form):
    """The one control that says who can see an object."""

    visibility = forms.ChoiceField(label=_("Who can see it?"), choices=Visibility.choices, widget=forms.RadioSelect)
    circles = forms.ModelMultipleChoiceField(
        label=_("Circles"),
        queryset=Circle.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only when “chosen circles” is selected."),
    )

    def __init__(self, *args, circles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["circles"].queryset = circles

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("visibility") == Visibility.CIRCLE and not cleaned.get("circles"):
            self.add_error("circles", _("Choose at least one circle, or another level."))
        return cleaned


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=100)
    owner = forms.ModelChoiceField(
        label=_("Shared by"), queryset=Organisation.objects.all(), required=False, empty_label=_("All organisations")
    )
    visibility = forms.ChoiceField(
        label=_("Visible to"), choices=[("", _("Any level")), *Visibility.choices], required=False
    )
