"""What residents searched for, from the daily QueryStat counts: the most frequent queries and those
that found nothing, over the last days. Each list is one aggregate query."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone

from search.models import QueryStat

PERIODS = (7, 30)
LIMIT = 50


@dataclass
class QueryCount:
    query: str
    searches: int
    without_results: int


def since(days):
    # "The last 7 days" ends today: today and the six days before it.
    return timezone.localdate() - timedelta(days=days - 1)


def frequent_queries(days, limit=LIMIT):
    rows = (
        QueryStat.objects.filter(day__gte=since(days))
        .values("query")
        .annotate(total=Sum("searches"), empty=Sum("without_results"))
        .order_by("-total", "query")[:limit]
    )
    return [QueryCount(row["query"], row["total"], row["empty"]) for row in rows]


def queries_without_results(days, limit=LIMIT):
    rows = (
        QueryStat.objects.filter(day__gte=since(days), without_results__gt=0)
        .values("query")
        .annotate(total=Sum("searches"), empty=Sum("without_results"))
        .order_by("-empty", "query")[:limit]
    )
    return [QueryCount(row["query"], row["total"], row["empty"]) for row in rows]


def may_read(user):
    return user.is_active and user.has_perm("search.view_querystat")
