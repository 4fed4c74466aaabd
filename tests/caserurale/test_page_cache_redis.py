"""The page cache on the production backend: Django's Redis cache, on a real Redis (TEST_REDIS_URL)."""

import os
import uuid

import pytest
import redis
from django.core.cache import caches
from django.test import Client
from django_redis.cache import RedisCache

from caserurale.settings.base import redis_cache as production_redis_cache
from home.models import HomePage
from tests.caserurale.test_settings import PRODUCTION_ENV, manage

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("TEST_REDIS_URL")


def test_production_caches_pages_in_redis_for_five_minutes():
    script = (
        "from django.conf import settings as s;"
        "print(s.CACHES['default']['BACKEND']);"
        "print(s.CACHES['default']['LOCATION']);"
        "print(s.PAGE_CACHE_SECONDS);"
        "print(s.MIDDLEWARE.index('caserurale.page_cache.AnonymousPageCacheMiddleware')"
        " > s.MIDDLEWARE.index('caserurale.csp.SitePolicyMiddleware'))"
    )
    result = manage("shell", "--no-imports", "-c", script, env={**PRODUCTION_ENV, "CACHE_URL": "redis://cache:6379/2"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "django_redis.cache.RedisCache",
        "redis://cache:6379/2",
        "300",
        "True",
    ]


@pytest.fixture
def redis_cache(settings):
    if not REDIS_URL:
        pytest.skip("TEST_REDIS_URL is not set (CI sets it)")
    prefix = f"test-page-cache-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {
            **production_redis_cache(REDIS_URL),
            "KEY_PREFIX": prefix,
        }
    }
    settings.PAGE_CACHE_SECONDS = 60
    yield prefix
    # Only this test's keys: the database may be shared with other suites running at the same time.
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


def test_pages_are_served_from_redis_and_dropped_when_content_changes(redis_cache, django_assert_num_queries):
    assert isinstance(caches["default"], RedisCache)
    assert caches["default"]._ignore_exceptions  # production's own configuration
    assert Client().get("/")["X-Cache"] == "miss"
    stored = redis.Redis.from_url(REDIS_URL).keys(f"{redis_cache}:*:page-cache:*")
    assert len(stored) == 2  # the generation and the page
    with django_assert_num_queries(0):
        response = Client().get("/")
    assert response["X-Cache"] == "hit"

    home = HomePage.objects.get(locale__language_code="fr")
    home.hero_title = "Publié pendant que Redis gardait la page"
    home.save_revision().publish()
    response = Client().get("/")
    assert response["X-Cache"] == "miss" and "Publié pendant que Redis gardait la page" in response.content.decode()
    assert Client().get("/")["X-Cache"] == "hit"


def test_pages_and_publishing_still_work_when_the_page_cache_is_unreachable(settings, caplog):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"},
    }
    settings.PAGE_CACHE_ALIAS = "pages"
    settings.PAGE_CACHE_SECONDS = 60

    response = Client().get("/")
    assert response.status_code == 200 and response["X-Cache"] == "pass"
    home = HomePage.objects.get(locale__language_code="fr")
    home.hero_title = "Publié malgré tout"
    home.save_revision().publish()
    assert "Publié malgré tout" in Client().get("/").content.decode()
    assert "The page cache could not be read." in caplog.text
    assert "The page cache could not be invalidated." in caplog.text
