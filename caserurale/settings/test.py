"""Test settings: the database comes from DATABASE_URL (PostgreSQL in CI), SQLite otherwise."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret-6f4a2d9e1c7b8a3f5e0d"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
SERVE_MEDIA = True
# Static files are served from the apps' folders: nothing is collected here.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The whole suite sends forms from one address, in one cache per process: no limit here, and
# tests/caserurale/test_throttle.py puts the production limits back on a cache of its own.
PUBLIC_FORM_LIMITS = {
    scope: {**rule, "per_email": 10**6, "per_network_address": 10**6}
    for scope, rule in PUBLIC_FORM_LIMITS.items()  # noqa: F405
}
# Off, so that each test sees its own data and the pinned query counts measure the real work;
# tests/caserurale/test_page_cache.py turns it on.
PAGE_CACHE_SECONDS = 0

# Unit tests run tasks eagerly; the Celery integration tests switch to the
# real broker below (a Redis database of its own) and a real worker.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
CELERY_BROKER_URL = TEST_REDIS_URL
CELERY_RESULT_BACKEND = TEST_REDIS_URL

MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
PRIVATE_ROOT = BASE_DIR / "var" / "test-private"  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": PRIVATE_ROOT}},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# The demo images would be resized by every test worker at start-up (a minute of AVIF encoding);
# tests/caserurale/test_renditions.py turns it on.
RENDITIONS_ON_SAVE = False
