"""Form helpers shared by every app."""


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
