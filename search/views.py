from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page

from search.engines import new_search
from search.presenting import present
from search.tasks import record_query_later
from search.text import fold

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
SUGGESTIONS = 6


def promotions(query, locale):
    """Editors' promoted pages for this query, only those the reader may see."""
    visible = Page.objects.live().public().filter(locale=locale)
    return list(
        SearchPromotion.objects.filter(query__query_string__in={query.lower(), fold(query)}, page__in=visible)
        .select_related("page")
        .order_by("sort_order")
    )


@require_safe
def search(request):
    """Search everything the visitor may see, in their language first."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    locale = Locale.get_active()
    context = {"search_query": query, "results": None, "facets": [], "promotions": []}
    if query:
        found = new_search(query, user=request.user, locale=locale, kind=request.GET.get("type"))
        paginator = Paginator(found.results, RESULTS_PER_PAGE)
        paginator.count = found.count  # the facets' counts already say it: one query less
        try:
            results = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            results = paginator.page(1)
        present(results.object_list, found, locale)
        context.update(
            results=results,
            facets=found.facets,
            count=found.count,
            kind=found.kind,
            promotions=promotions(query, locale),
        )
        record_query_later(fold(query)[:100], bool(found.count))
    return TemplateResponse(request, "search/search.html", context)


@require_safe
def suggestions(request):
    """Titles for the words typed so far, from the same index and the same visibility rule."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    items = []
    if len(query) >= 2:
        locale = Locale.get_active()
        found = new_search(query, user=request.user, locale=locale)
        entries = present(found.suggestions(SUGGESTIONS), found, locale)
        items = [{"title": entry.title, "url": entry.link, "kind": str(entry.kind_label)} for entry in entries]
    return JsonResponse({"query": query, "suggestions": items})
