"""The search page never writes to the database: its statistic goes to the Celery broker (the
worker counts it), and with the broker down the reader still gets their answer."""

import contextlib
import os
import uuid

import pytest
import redis
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caserurale.celery import app
from search.tasks import record_query

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
# locale, synonyms, close words (one query for every plain word), word weights, page restrictions,
# one pass for the facets and the candidates, the ranked page, parent pages, promotions, then the site chrome.
SEARCH_PAGE_QUERIES = {"sqlite": 22, "postgresql": 22}


@contextlib.contextmanager
def broker(url):
    queue = f"test-search-{uuid.uuid4().hex[:8]}"
    keys = ("task_always_eager", "broker_url", "task_default_queue")
    previous = {key: app.conf[key] for key in keys}
    app.conf.update(task_always_eager=False, broker_url=url, task_default_queue=queue)
    try:
        yield queue
    finally:
        app.conf.update(previous)
        with app.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)


def test_the_search_page_queues_its_statistic_and_writes_nothing(client):
    with broker(REDIS_URL) as queue:
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/recherche/", {"q": "épicerie sociale"})
        assert response.status_code == 200
        writes = [
            q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE"))
        ]
        assert writes == []
        assert len(queries) == SEARCH_PAGE_QUERIES[connection.vendor]
        assert redis.Redis.from_url(REDIS_URL).llen(queue) == 1


def test_the_broker_down_loses_the_statistic_not_the_page(client):
    with broker("redis://127.0.0.1:1/0"):
        response = client.get("/recherche/", {"q": "jardin"})
    assert response.status_code == 200
    assert b"search-results" in response.content


def test_the_worker_counts_queries_and_those_without_results():
    from search.models import QueryStat

    record_query("jardin", True)
    record_query("jardin", True)
    record_query("zzzz", False)
    assert QueryStat.objects.get(query="jardin").searches == 2
    assert QueryStat.objects.get(query="zzzz").without_results == 1
