"""Form helpers shared by every app."""

from datetime import date

from django.http import QueryDict


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


def sorted_choices(names):
    """``{value: label}`` as choices in the reader's alphabetical order, whatever the case."""
    return sorted(names.items(), key=lambda item: item[1].casefold())


def filter_query_string(values, **overrides):
    """Filters as the query string that carries them to other views and feeds (``?theme=numerique&gratuit=1``).

    Empty values are left out, a ticked box is ``1``, a date is ISO; ``overrides`` replace values, or
    drop them when ``None``.
    """
    query = QueryDict(mutable=True)
    for name, value in values.items():
        if value in (None, "", False):
            continue
        query[name] = "1" if value is True else (value.isoformat() if isinstance(value, date) else str(value))
    for name, value in overrides.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = value
    return query.urlencode()
