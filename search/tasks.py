import logging

from celery import shared_task
from django.db import IntegrityError
from django.db.models import F
from django.utils import timezone

from search import elastic_sync, indexing
from search.models import QueryStat

logger = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, max_retries=5, autoretry_for=(IntegrityError,), retry_backoff=True)
def index_objects(self, kind, pks):
    """Re-index objects once their transaction has committed; running it twice changes nothing."""
    return indexing.index_objects(kind, pks)


@shared_task(bind=True, acks_late=True, max_retries=5, autoretry_for=(OSError,), retry_backoff=True)
def push_synonyms(self):
    """Elasticsearch's synonyms set rewritten from the editors' groups (its analyzers reload)."""
    elastic_sync.elastic_index().put_synonyms(elastic_sync.synonym_groups())


@shared_task(acks_late=True, ignore_result=True)
def record_query(query, found):
    """Count a query of the day (and whether it found nothing): the query alone, no person."""
    day = timezone.localdate()
    QueryStat.objects.get_or_create(query=query, day=day)
    QueryStat.objects.filter(query=query, day=day).update(
        searches=F("searches") + 1, without_results=F("without_results") + (0 if found else 1)
    )


def record_query_later(query, found):
    """Queue the statistic; the search page never writes to the database itself. With the broker
    down a statistic is lost, never the reader's answer."""
    if record_query.app.conf.task_always_eager:
        return  # tasks run in this process (tests, make run): counting here would write during a GET
    try:
        record_query.apply_async((query, found), retry=False, ignore_result=True)
    except Exception:  # kombu/redis errors: the broker is unreachable
        logger.warning("Search statistic lost: the task broker is unreachable", exc_info=True)
