"""Whole public pages served from the cache to anonymous visitors, dropped whenever content changes.

What is cached: the full 200 answer to a GET from a visitor without a session, on the public site
only (never the admin, the extranet, the API, documents or search), unless rendering it used a
CSRF token, set a cookie, was a preview or asked not to be cached. The key is the scheme, host and
full address (so French and Creole are cached apart) and the current generation.

Invalidation: one "generation" value in the cache is part of every key. Any change to something a
public page shows (a page published, unpublished, moved or deleted, an event, a funding call, an
organisation, a setting, an image…) replaces it, so every cached page goes stale at once: simple,
and always right for a site of this size. Pages whose content depends on the date alone (the next
six weeks of the agenda, a call's status) are at most PAGE_CACHE_SECONDS late.

Nonces: Django's CSP nonce is lazy, and only pages with an inline script use it (the event page's
JSON-LD). Such a page is stored with the nonce it was rendered with; each visitor who gets it
from the cache gets a new nonce in place of that one, in the page and in the policy header.
The old value came from the random generator during rendering, so no text stored beforehand
(a partner's description, an address someone made up) can contain it by design.
"""

import functools
import logging
import re
import secrets
import time
from hashlib import sha256

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.utils.autoreload import file_changed
from wagtail.models import get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"

# Models whose changes show on public pages (besides every page type, handled on its own).
WATCHED_MODELS = [
    "home.SiteSettings",
    "home.MenuItem",
    "home.SocialLink",
    "home.LegalSettings",
    "home.FooterText",
    "annuaire.Theme",
    "annuaire.Audience",
    "annuaire.Organisation",
    "annuaire.Place",
    "annuaire.Service",
    "annuaire.OrganisationDescription",
    "agenda.Event",
    "agenda.Registration",  # places left
    "appels.FundingCall",
    "appels.Deadline",
    "appels.Attachment",
    "appels.Interest",  # "organisations applying" on a call's page
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "wagtailcore.PageViewRestriction",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailembeds.Embed",
]
# Models of the same apps that no public page shows, or that follow a watched model (occurrences
# are rewritten when their event is saved). Listening to them would be noise: a receiver on
# post_delete also stops Django deleting their rows in one query.
NOT_SHOWN_MODELS = [
    "home.ContactSubmission",
    "home.EditorPreference",
    "annuaire.Membership",
    "annuaire.Circle",
    "annuaire.MemberProfile",
    "annuaire.AccessLogEntry",
    "agenda.Occurrence",
    "agenda.CalendarSource",
    "agenda.ModerationNotice",
    "agenda.EventUserObjectPermission",
    "agenda.EventGroupObjectPermission",
    "appels.SavedSearch",
    "appels.SentNotification",
    "appels.CalendarToken",
    "appels.FundingCallUserObjectPermission",
    "appels.FundingCallGroupObjectPermission",
]
# The apps whose every model must be in one of the two lists (a test checks it).
CONTENT_APPS = ["home", "annuaire", "agenda", "appels"]


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def enabled():
    return settings.PAGE_CACHE_SECONDS > 0


def current_generation():
    store = cache()
    generation = store.get(GENERATION_KEY)
    if generation is None:
        # First request, or the value was evicted: a fresh random value can match no old key.
        store.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        generation = store.get(GENERATION_KEY)
    return generation


def new_generation():
    """Every cached page goes stale. If the cache cannot be reached, saving content must still work:
    the failure is logged, and pages kept from before are at most PAGE_CACHE_SECONDS old."""
    try:
        cache().set(GENERATION_KEY, secrets.token_hex(8), timeout=None)
    except Exception:
        logger.exception("The page cache could not be invalidated.")


def invalidate(**kwargs):
    """Now, and again once the transaction commits, so that a page rendered meanwhile from the
    data not yet committed is not kept either."""
    if not enabled():
        return
    new_generation()
    transaction.on_commit(new_generation)


def invalidate_m2m(sender, instance, model, action, **kwargs):
    watched = watched_models()
    if action.startswith("post_") and (type(instance) in watched or model in watched):
        invalidate()


@functools.cache
def watched_models():
    return frozenset(apps.get_model(label) for label in WATCHED_MODELS) | frozenset(get_page_models())


def connect_signals():
    for model in watched_models():
        post_save.connect(invalidate, sender=model, dispatch_uid=f"page-cache-save-{model._meta.label}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"page-cache-delete-{model._meta.label}")
    # A page moved is updated in place by treebeard, without save(); a snippet published or
    # unpublished is saved too, these say so explicitly.
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(invalidate, dispatch_uid="page-cache")
    m2m_changed.connect(invalidate_m2m, dispatch_uid="page-cache")
    # runserver reloads templates without restarting: pages cached from the old ones must go too.
    file_changed.connect(invalidate_on_file_change, dispatch_uid="page-cache")


def invalidate_on_file_change(sender, file_path, **kwargs):
    if enabled():
        new_generation()


def excluded_paths():
    """The admin, the extranet (in every language), the API, documents, media and search.

    Search is left out because every query is its own address: little to gain, much to store.
    """
    languages = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    prefixes = [settings.WAGTAILADMIN_PATH, "/api/", "/documents/", settings.MEDIA_URL, settings.STATIC_URL]
    return re.compile(
        "^(?:" + "|".join(re.escape(p) for p in prefixes) + rf"|/(?:(?:{languages})/)?(?:extranet|recherche)/)"
    )


class AnonymousPageCacheMiddleware:
    """Placed after the CSP middleware (which gives each answer its nonce and policy header) and
    before the session middleware, so that a page found in the cache costs no query at all."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded = excluded_paths()

    def __call__(self, request):
        # Wagtail runs previews through the middleware as a "dummy" request at the page's address.
        if not enabled() or self.excluded.match(request.path) or getattr(request, "is_dummy", False):
            return self.get_response(request)
        key = entry = None
        if self.may_use_cache(request):
            try:
                key = self.key(request)
                entry = cache().get(key) if key else None
            except Exception:  # the cache is down: the site still answers, from the database
                logger.exception("The page cache could not be read.")
                key = None
        if entry is not None:
            response = self.from_entry(entry, request)
            if response is not None:
                return response
        response = self.get_response(request)
        response["X-Cache"] = "pass"
        if key and request.method == "GET" and self.may_store(request, response):
            try:
                cache().set(key, self.entry(response, request), settings.PAGE_CACHE_SECONDS)
            except Exception:
                logger.exception("The page cache could not store %s.", request.path)
            else:
                response["X-Cache"] = "miss"
        return response

    def may_use_cache(self, request):
        return (
            request.method in ("GET", "HEAD")
            and "HTTP_AUTHORIZATION" not in request.META
            # No cookie but the CSRF one: a session (even an anonymous one), flash messages or
            # anything else could change what the page says.
            and set(request.COOKIES) <= {settings.CSRF_COOKIE_NAME}
        )

    def key(self, request):
        try:
            host = request.get_host()
        except DisallowedHost:  # Django answers it, uncached
            return None
        address = sha256(f"{request.scheme}://{host}{request.get_full_path()}".encode()).hexdigest()
        return f"page-cache:{current_generation()}:{address}"

    def may_store(self, request, response):
        cache_control = {d.split("=")[0].strip().lower() for d in response.get("Cache-Control", "").split(",")}
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            # The page holds this visitor's CSRF token (Django also sends the cookie again then).
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not getattr(request, "is_preview", False)
            and not (cache_control & {"private", "no-cache", "no-store"})
            and "*" not in response.get("Vary", "")
            # A view with its own policy: it would be lost on the way back from the cache.
            and not hasattr(response, "_csp_config")
            and not hasattr(response, "_csp_ro_config")
            and "Content-Security-Policy" not in response
            and not (getattr(request, "user", None) and request.user.is_authenticated)
        )

    def entry(self, response, request):
        nonce = get_nonce(request)
        return {
            "status": response.status_code,
            "headers": [(name, value) for name, value in response.items() if name.lower() != "x-cache"],
            "content": response.content,
            "nonce": str(nonce) if nonce else None,  # only if rendering used it
            "stored_at": time.time(),
        }

    def from_entry(self, entry, request):
        content = entry["content"]
        if entry["nonce"]:
            nonce = get_nonce(request)
            if nonce is None:  # no CSP middleware before this one: the page cannot be reused safely
                return None
            content = content.replace(entry["nonce"].encode(), str(nonce).encode())
        response = HttpResponse(b"" if request.method == "HEAD" else content, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["Content-Length"] = str(len(content))
        response["Age"] = str(max(0, int(time.time() - entry["stored_at"])))
        response["X-Cache"] = "hit"
        return response
