"""A small limit on how often something may be done, counted in the cache and nowhere else.

Keys are keyed hashes (an e-mail address or an IP address never appears in the cache in clear),
kept only for the period they count. The limit only protects: while the cache is unreachable it
lets everything through rather than refuse a resident, and no cookie is ever set to count.
"""

import logging

from django.core.cache import cache
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)


def cache_key(scope, value):
    return f"throttle:{scope}:{salted_hmac('caserurale.throttle.' + scope, value.casefold()).hexdigest()[:32]}"


def allow(scope, values, *, limit, period):
    """Count one use of each of ``values``; False once one went past ``limit`` uses in ``period`` seconds."""
    allowed = True
    for value in values:
        key = cache_key(scope, value)
        try:
            cache.add(key, 0, period)
            count = cache.incr(key)
        except ValueError:  # expired between add and incr: this is the first use of a new period
            count = 1
        except Exception:  # an unreachable cache must not stop a resident
            logger.warning("throttle %s: cache unreachable, letting through", scope, exc_info=True)
            return True
        # A cache that ignores its errors (django-redis while Redis is down) answers None: let through.
        if count is not None and count > limit:
            allowed = False
    return allowed


def client_ip(request):
    """The visitor's IP address as django-axes resolved it (behind the proxy), else the socket's."""
    return getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR") or "unknown"
