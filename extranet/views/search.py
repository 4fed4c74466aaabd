from django.conf import settings
from django.db.models import Q
from django.template.response import TemplateResponse

from agenda.models import Event
from appels.models import FundingCall
from extranet.models import Document, Resource
from extranet.views.decorators import partner_required

MAX_QUERY_LENGTH = 100
RESULTS_PER_KIND = 20

# Each kind of shared object and the fields its words are looked for in.
SEARCHED = [
    (Resource, ["name", "description", "conditions", "location"]),
    (Document, ["title", "description"]),
    (Event, ["title", "summary", "description"]),
    (FundingCall, ["title", "summary", "eligibility", "programme", "funder_names"]),
]
TRANSLATED = {Event, FundingCall}  # partners write in French: one result per event or call, not per language


@partner_required
def search(request):
    """Search what the partner may see, through the same visibility filter as the lists."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    groups = []
    if query:
        for model, fields in SEARCHED:
            condition = Q()
            for field in fields:
                condition |= Q(**{f"{field}__icontains": query})
            objects = model.objects.visible_to(request.user).filter(condition)
            if model in TRANSLATED:
                objects = objects.filter(locale__language_code=settings.LANGUAGE_CODE)
            results = list(objects.select_related("owner")[:RESULTS_PER_KIND])
            groups.append({"label": model._meta.verbose_name_plural, "results": results})
    return TemplateResponse(
        request,
        "extranet/search.html",
        {"query": query, "groups": groups, "total": sum(len(group["results"]) for group in groups)},
    )
