"""Settings shared by every environment. Environment-specific files override them."""

import datetime
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.csp import CSP

from caserurale.languages import LANGUAGES as SITE_LANGUAGES

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


INSTALLED_APPS = [
    # Our apps first so their templates and translations win.
    "caserurale",
    "home",
    "annuaire",
    "agenda",
    "appels",
    "extranet",
    "reservations",
    "parcours",
    "search",
    "wagtail_localize",
    "leaflet",  # only its static files: the directory's map loads leaflet.js from our own origin
    "ninja",  # the open-data API's docs page, with its scripts served from our static files
    "wagtail_localize.locales",  # replaces wagtail.locales: adds tree synchronisation
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "guardian",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Wagtail's database search uses PostgreSQL's full-text search there; harmless on SQLite.
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "caserurale.csp.SitePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous visitors' public pages from the cache: after the CSP middleware (fresh nonce and
    # policy for each answer), before the session middleware (a hit costs no query).
    "caserurale.page_cache.AnonymousPageCacheMiddleware",
    # The open-data API at /api/: CORS, cache headers, no cookies (before the session middleware).
    "caserurale.middleware.OpenDataApiMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "extranet.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a lockout into the page that explains it.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses locked-out people before checking passwords
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
LOGIN_URL = "extranet:login"
LOGIN_REDIRECT_URL = "extranet:dashboard"
LOGOUT_REDIRECT_URL = "extranet:login"

# Sessions end after 30 minutes without activity.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True

# django-guardian: object permissions only, no "AnonymousUser" row in the user list.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_404 = True

# Public forms, per sender and per hour: enough for a family or a welcome desk sharing one
# connection, too few for a script to flood the team's inbox or fill a workshop (caserurale.throttle).
PUBLIC_FORM_LIMITS = {
    "contact": {"per_email": 5, "per_network_address": 20, "seconds": 3600},
    "registration": {"per_email": 10, "per_network_address": 30, "seconds": 3600},
    # « Send it to me »: a stranger's address could be typed in, so only a few e-mails to each.
    "result_email": {"per_email": 3, "per_network_address": 10, "seconds": 3600},
}

# django-axes: 5 failures for one e-mail address from one network address, then 15 minutes' wait.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "extranet/account/locked_out.html"
AXES_VERBOSE = False

# django-otp: the issuer shown in authenticator apps.
OTP_TOTP_ISSUER = "La Case Rurale"

ROOT_URLCONF = "caserurale.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Whole public pages kept in the cache for anonymous visitors (caserurale.page_cache), dropped
# whenever content changes; 0 turns it off. The cache is local memory unless CACHE_URL says more.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
PAGE_CACHE_ALIAS = "default"

WSGI_APPLICATION = "caserurale.wsgi.application"

# SQLite is the embedded default; DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        # A connection kept across requests is checked before use, so a restarted
        # PostgreSQL costs one failed request at most, not every request of a worker.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # No JIT: the site's queries are short, and a query estimated costly (the search's, with its
    # visibility subqueries) spent 0.5 s compiling itself for 40 ms of work (EXPLAIN, bench/search.py).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
# SQLite for several readers and writers at once (`make run` serves threads): readers never
# wait for a writer (WAL), a writer waits its turn instead of failing at once (busy timeout),
# and a transaction takes the write lock when it begins, so two transactions that read then
# write cannot deadlock into "database is locked".
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: French by default at /, Réunion Creole at /rcf/.
LANGUAGE_CODE = "fr"
LANGUAGES = SITE_LANGUAGES
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = SITE_LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [SITE_DIR / "locale"]
FORMAT_MODULE_PATH = ["caserurale.formats"]
TIME_ZONE = "Indian/Reunion"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [SITE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
SERVE_MEDIA = False
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT", BASE_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Partners' documents: never under MEDIA_ROOT, served only by a permission-checked view.
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": PRIVATE_ROOT}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Wagtail
WAGTAIL_SITE_NAME = "La Case Rurale"
# Avatars are uploaded or drawn as initials: no editor's e-mail hash goes to Gravatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # refuses decompression bombs
# Every size the site shows (caserurale.renditions) made by a Celery task when an image is saved,
# so no visitor waits for an image to be resized (AVIF takes seconds).
RENDITIONS_ON_SAVE = env_bool("RENDITIONS_ON_SAVE", True)
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "docx", "xlsx", "csv", "txt", "png", "jpg"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Wagtail queues its index updates as django_tasks: through Celery, after the commit, never in the save.
TASKS = {"default": {"BACKEND": "caserurale.task_backend.CeleryBackend"}}
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
# The site search's own index there (search/elastic.py), beside Wagtail's (INDEX_PREFIX).
ELASTICSEARCH_INDEX = os.environ.get("ELASTICSEARCH_INDEX", "caserurale_search")
if ELASTICSEARCH_URL:
    from search.backend import elasticsearch_backend

    WAGTAILSEARCH_BACKENDS["default"] = elasticsearch_backend(ELASTICSEARCH_URL)

# E-mail
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "La Case Rurale <ne-pas-repondre@caserurale.re>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "contact@caserurale.re")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
# Editors choose how they hear of what waits (home.desk_alerts); Wagtail's own e-mail would double it.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False

# Cache: production uses Redis (caserurale.settings.production), the others memory.


def redis_cache(location):
    """A Redis cache that only accelerates: while Redis is down, reads miss and writes are dropped.

    django-redis logs each ignored error (DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS) instead of raising
    it, so the page cache, Wagtail's site root paths and cached sessions fall back to the database.
    Short socket timeouts: an unreachable Redis costs a quarter of a second, not the request.
    """
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": location,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.25,
            "SOCKET_TIMEOUT": 0.25,
        },
    }


DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "caserurale.cache"


# Celery: safe delivery by default. A task is acknowledged only once it has
# run, so a worker that dies mid-task leaves it to another worker.
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", REDIS_URL)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE
# Redis redelivers an unacknowledged task after this long: longer than any task.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BEAT_SCHEDULE = {
    # Partners' iCalendar feeds (agenda.CalendarSource), each queued as its own task.
    "import-active-calendars": {
        "task": "agenda.tasks.import_active_calendars",
        "schedule": datetime.timedelta(hours=1),
    },
    # Funding calls (appels.tasks): saved searches' digests and deadline reminders, each queued
    # per recipient at 7:00 in La Réunion (CELERY_TIMEZONE); weekly digests on Mondays.
    "funding-daily-digests": {
        "task": "appels.tasks.queue_daily_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "funding-weekly-digests": {
        "task": "appels.tasks.queue_weekly_digests",
        "schedule": crontab(hour=7, minute=0, day_of_week="monday"),
    },
    "funding-deadline-reminders": {
        "task": "appels.tasks.queue_deadline_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    # Bookings (reservations.tasks): digests of their news, and owners reminded of unanswered requests.
    "booking-daily-digests": {
        "task": "reservations.tasks.send_digests",
        "schedule": crontab(hour=7, minute=15),
        "args": ["daily"],
    },
    "booking-weekly-digests": {
        "task": "reservations.tasks.send_digests",
        "schedule": crontab(hour=7, minute=15, day_of_week="monday"),
        "args": ["weekly"],
    },
    "booking-reminders": {
        "task": "reservations.tasks.remind_unanswered",
        "schedule": crontab(hour=7, minute=20),
    },
    # The editors' desk (home.desk_alerts): the digest of what waits, to editors who chose it.
    "editors-daily-digest": {
        "task": "home.tasks.queue_editor_digests",
        "schedule": crontab(hour=7, minute=30),
    },
}
# How long an e-mail claimed by a task may stay unconfirmed before another run takes it over and
# sends it (caserurale.delivery; the funding e-mails and the editors' alerts): much longer than an
# SMTP exchange, shorter than a day.
FUNDING_NOTIFICATION_LEASE = datetime.timedelta(minutes=15)
# The same lease for partners' moderation e-mails (agenda.moderation_delivery).
MODERATION_NOTICE_LEASE = datetime.timedelta(minutes=15)
# And for the bookings' notices (reservations.notice_delivery).
BOOKING_NOTICE_LEASE = datetime.timedelta(minutes=15)

# A booking request left unanswered this many days reminds the owner's admins (once).
BOOKING_REMINDER_DAYS = 3

# Remote fetches (caserurale.remote: partners' calendars) reach public addresses only; networks
# listed here are allowed all the same, e.g. ["10.20.0.0/16"] for a calendar server on an intranet.
REMOTE_FETCH_ALLOWED_NETWORKS = []

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Addresses can carry secrets (a personal calendar token): other sites never see them.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content Security Policy (Django's middleware, caserurale/csp.py). Video players and OpenStreetMap's
# map tiles (images only) are the only third-party content, and only once a visitor opens them.
OSM_TILES = "https://tile.openstreetmap.org"
VIDEO_PLAYERS = ["https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"]
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    # OpenStreetMap's tiles, requested only once a reader opens the directory's map.
    "img-src": [CSP.SELF, "data:", OSM_TILES],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": VIDEO_PLAYERS,
    "media-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
WAGTAILADMIN_PATH = "/admin/"
ADMIN_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "frame-src": [CSP.SELF, *VIDEO_PLAYERS],
    "frame-ancestors": [CSP.SELF],  # the admin frames its own previews
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Failed logins and refused accesses (annuaire.access, extranet, django-axes).
        "caserurale.security": {"level": "INFO"},
        # django-axes says INFO at every login; its lockouts are WARNINGs, and failed logins
        # are logged by extranet.signals.
        "axes": {"level": "WARNING"},
        "django.db.backends": {"level": "WARNING"},
        # Wagtail runs its index updates as Django tasks; one INFO line each is noise.
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
    },
}
