"""Form helpers shared by every app."""


def form_status(request):
    """400 when a sent form is shown again with its mistakes, 200 when it is first shown.

    Views redirect after a valid form, so a form still rendered after a POST had errors.
    """
    return 400 if request.method == "POST" else 200


class AccessibleFormMixin:
    """Ties each field to its help text and errors, so screen readers announce them with the field."""

    def full_clean(self):
        super().full_clean()
        for name, field in self.fields.items():
            bound = self[name]
            described_by = []
            if field.help_text:
                described_by.append(f"{bound.id_for_label}-help")
            if bound.errors:
                described_by.append(f"{bound.id_for_label}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if described_by:
                field.widget.attrs["aria-describedby"] = " ".join(described_by)
