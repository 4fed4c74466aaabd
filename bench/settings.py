"""gunicorn in the benchmark: the production settings, served over plain HTTP on 127.0.0.1.

The benchmark's environment gives SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and PAGE_CACHE_SECONDS.
What differs from production, and why: no HTTPS redirect (no proxy in front), the benchmark's own
static and media folders, and a cache in each worker's memory unless CACHE_URL or REDIS_URL is set.
"""

import os

from caserurale.settings.production import *  # noqa: F403
from caserurale.settings.test import MEDIA_ROOT, PRIVATE_ROOT  # noqa: F401  the files `make bench` seeded

SECURE_SSL_REDIRECT = False
STATIC_ROOT = BASE_DIR / "var" / "bench-static"  # noqa: F405
STORAGES = {**STORAGES, "private": {**STORAGES["private"], "OPTIONS": {"location": PRIVATE_ROOT}}}  # noqa: F405

if not (os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
