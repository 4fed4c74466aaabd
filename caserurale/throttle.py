"""How often one sender may send a public form (contact, registration…): counted per e-mail
address and per network address, in fixed windows kept in the cache.

No cookie and nothing in the database: the cache keys are keyed hashes of the addresses, so the
cache holds no address in clear. If the cache is down the form goes through: a flood costs the
team less than a resident's lost message.
"""

import logging
from dataclasses import dataclass

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import caches
from django.utils.crypto import salted_hmac

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    scope: str
    per_email: int
    per_network_address: int
    seconds: int


def limit(scope):
    """The limit settings.PUBLIC_FORM_LIMITS sets for ``scope``."""
    return Limit(scope, **settings.PUBLIC_FORM_LIMITS[scope])


def over_limit(scope, *, request, email=""):
    """Counts this sending; True when its e-mail or network address has gone over ``scope``'s limit."""
    rule = limit(scope)
    senders = [("network", get_client_ip_address(request) or "", rule.per_network_address)]
    if email:
        senders.append(("email", email.strip().casefold(), rule.per_email))
    cache = caches["default"]  # the shared cache (Redis in production), not a per-process one
    over = False
    for kind, sender, allowed in senders:
        if not sender:
            continue
        key = f"throttle:{scope}:{kind}:{salted_hmac('throttle', sender).hexdigest()[:32]}"
        try:
            cache.add(key, 0, timeout=rule.seconds)
            count = cache.incr(key)
        except Exception:  # the cache is down, or forgot the key between add and incr: let it through
            logger.warning("Could not count a %s sending; let through.", scope, exc_info=True)
            continue
        over = over or (count is not None and count > allowed)
    return over
