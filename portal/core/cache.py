"""The content generation and the two-level cache (this process's memory in front of the
shared cache). The parts of every public page that rarely change (main menu, site settings)
are cached, so a page costs its own queries only. Any publish, unpublish, move or delete of a
page and any save of what pages show starts a new cache generation (the receivers are
connected in portal/apps.py), so citizens never see a stale menu, nor a stale page from the
page cache (portal/page_cache.py).

The cache must be shared by all application processes for that to hold: CACHES in
portal/settings/production.py is Redis."""

import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import cache, caches
from django.db import transaction

from portal.core import front_cache

GENERATION = "portal:generation"
local = caches["local"]
TIMEOUT = 60 * 60


pinned = ContextVar("generation", default=None)


def generation():
    """Changes whenever published content does; part of every cache key built on content.
    A clock reading, not a count from 1: should the cache lose this key (evicted, restarted),
    the next generation is still one no entry was ever stored under."""
    # With Redis, each process keeps it in memory, told of every change (portal/cache.py).
    watched = getattr(cache, "watched", None)
    return (
        pinned.get()
        or (watched and watched(GENERATION))
        or cache.get_or_set(GENERATION, time.time_ns, None)
    )


@contextmanager
def pinned_generation():
    """One reading of the generation for a whole citizen's GET, which changes no content,
    instead of one trip to the cache for each key built on it (portal/page_cache.py)."""
    token = pinned.set(generation())
    try:
        yield pinned.get()
    finally:
        pinned.reset(token)


def cache_key(name, site_id):
    return f"portal:{generation()}:{name}:{site_id}"


def get_or_build(key, build, timeout=TIMEOUT, local_seconds=None):
    """get_or_set() with this process's memory in front of the shared cache. A key that
    carries the generation never goes stale (a change makes a new key), so each worker asks
    the shared cache for it once; any other key is kept locally `local_seconds` only."""
    value = get_cached(key, local_seconds or timeout)
    if value is None:
        value = cache.get_or_set(key, build, timeout)
        local.set(key, value, local_seconds or timeout)
    return value


# name -> (key, value): the large values this process reads as they are (get_or_build_object).
objects = {}


def get_or_build_object(name, key, build):
    """For a large value read on many requests (e.g. the registry's counts table): kept in
    this process as the object itself, where get_or_build() would unpickle a copy at every
    read. Only the latest `key` of each `name` is kept, so a new generation frees the old
    value. The caller must not change what it gets."""
    held = objects.get(name)
    if held is None or held[0] != key:
        held = objects[name] = (key, build())
    return held[1]


def get_cached(key, timeout=TIMEOUT):
    """The value under `key`, from this process's memory, else from the shared cache (and
    then kept in memory too), else None."""
    value = local.get(key)
    if value is None:
        value = cache.get(key)
        if value is not None:
            local.set(key, value, timeout)
    return value


def _next_generation():
    value = max(generation() + 1, time.time_ns())
    announce = getattr(cache, "announce", None)
    if announce:
        announce(GENERATION, value)
    else:
        cache.set(GENERATION, value, None)


def new_generation(**kwargs):
    """Now, for this process, and again after commit, so a request that read the data
    before the transaction ended cannot keep it cached; and after commit the front-end
    cache, if any, drops its pages (portal/core/front_cache.py)."""
    _next_generation()
    transaction.on_commit(_next_generation)
    if front_cache.enabled():
        transaction.on_commit(front_cache.ban)
