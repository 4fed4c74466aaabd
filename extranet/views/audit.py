from django import forms
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from annuaire.models import AccessLogEntry
from extranet.views.decorators import coordinator_required


class LogFilter(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("All actions")), *AccessLogEntry.Action.choices], required=False
    )


@coordinator_required
def access_log(request):
    """Every change of access, newest first: coordinators only."""
    form = LogFilter(request.GET or None)
    entries = AccessLogEntry.objects.select_related("actor")
    if form.is_valid() and form.cleaned_data["action"]:
        entries = entries.filter(action=form.cleaned_data["action"])
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return TemplateResponse(request, "extranet/access_log.html", {"page_obj": page, "filter_form": form})
