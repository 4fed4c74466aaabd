"""The embedded default (`make run`): SQLite, database search, in-process tasks, console e-mail."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = True
SECRET_KEY = "dev-only-not-secret-0b5d1c0e8f2a4e6c9a7d3b1f"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]

MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
# Tasks run in-process: nothing to start but the web server.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = "cache+memory://"

SERVE_MEDIA = True
# Static files are served from the apps' folders: nothing is collected here.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Tasks run in-process here: resizing at save would make each upload (and the first `make run`)
# wait; pages resize on first view, as Wagtail does. `manage.py generate_renditions` does it all.
RENDITIONS_ON_SAVE = env_bool("RENDITIONS_ON_SAVE", False)
