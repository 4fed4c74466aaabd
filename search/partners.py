"""The partners' search: the same engine as the public one, with what the partner may see."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from wagtail.models import Locale

from extranet.views.decorators import partner_required
from search.engines import new_search
from search.presenting import present
from search.registry import EXTRANET

MAX_QUERY_LENGTH = 100
RESULTS_PER_PAGE = 20


@partner_required
def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    context = {"query": query, "results": None, "facets": [], "total": 0}
    if query:
        locale = Locale.get_active()
        found = new_search(query, user=request.user, locale=locale, area=EXTRANET, kind=request.GET.get("type"))
        paginator = Paginator(found.results, RESULTS_PER_PAGE)
        paginator.count = found.count
        try:
            results = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            results = paginator.page(1)
        present(results.object_list, found, locale, area=EXTRANET)
        context.update(results=results, facets=found.facets, total=found.count, kind=found.kind)
    return TemplateResponse(request, "extranet/search.html", context)
