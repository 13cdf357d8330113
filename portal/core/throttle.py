"""Counters in the shared cache for throttles (feedback, page passwords, password resets).

Each counter is kept under a keyed hash of what it counts (an address, an email), so the
cache holds nothing that identifies anyone, and expires `window` seconds after its first
hit. The cache is shared by every process in production (Redis), so the limits hold there."""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache


def _key(scope, value):
    digest = hmac.new(settings.SECRET_KEY.encode(), str(value).encode(), hashlib.sha256)
    return f"throttle:{scope}:{digest.hexdigest()[:32]}"


def hits(scope, value):
    """How many times `value` was counted in `scope` within its window."""
    return cache.get(_key(scope, value), 0)


def count(scope, value, window):
    """Count one more for `value` in `scope`; returns the new total."""
    key = _key(scope, value)
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1
