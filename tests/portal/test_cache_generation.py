"""The content generation on the production cache (Redis, portal/cache.py): each process keeps
it in memory, told of every change by Redis, so a page from the page cache costs no round
trip; and a change made by one process is seen by the next request of every other."""

import os
import time
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.test import override_settings
from redis.connection import AbstractConnection

from portal.cache import PortalRedisCache
from portal.core import cache as portal_cache

pytestmark = pytest.mark.redis

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/1")


def redis_cache(prefix):
    return {
        "default": {
            "BACKEND": "portal.cache.PortalRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        },
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }


def until(condition):
    """`condition`'s value once it is true; the subscription's first answer is on its way."""
    for _ in range(200):
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("Redis never answered the subscription")


def test_a_process_reads_the_generation_from_memory_once_redis_has_told_it(monkeypatch):
    with override_settings(CACHES=redis_cache(f"test-{uuid.uuid4().hex}")):
        first = portal_cache.generation()
        until(lambda: portal_cache.cache.watched(portal_cache.GENERATION))
        # Every command this process sends to Redis, on any connection.
        sent, send = [], AbstractConnection.send_command
        monkeypatch.setattr(
            AbstractConnection,
            "send_command",
            lambda connection, *args, **kwargs: (
                sent.append(args[0]),
                send(connection, *args, **kwargs),
            )[1],
        )
        assert {portal_cache.generation() for _ in range(50)} == {first}
        assert "GET" not in sent


def test_a_new_generation_reaches_every_process_before_its_next_request():
    prefix = f"test-{uuid.uuid4().hex}"
    with override_settings(CACHES=redis_cache(prefix)):
        # Another process: a cache of its own on the same Redis and key prefix.
        other = PortalRedisCache(REDIS_URL, {"KEY_PREFIX": prefix})
        start = portal_cache.generation()
        until(lambda: other.watched(portal_cache.GENERATION))
        portal_cache._next_generation()
        changed = portal_cache.generation()
        assert changed > start
        # Read as a request would, right after; the message left Redis with the write's reply.
        assert until(lambda: other.watched(portal_cache.GENERATION) == changed)
        assert other.get(portal_cache.GENERATION) == changed


def test_a_generation_announced_in_another_redis_database_is_not_heard():
    # Redis's channels are shared by all its databases: two sites on one Redis server, each
    # with its own database, must not move each other's generation (every page would miss).
    prefix = f"test-{uuid.uuid4().hex}"
    db = int(urlsplit(REDIS_URL).path.strip("/") or 0)
    elsewhere_url = urlunsplit(urlsplit(REDIS_URL)._replace(path=f"/{db + 1}"))
    here = PortalRedisCache(REDIS_URL, {"KEY_PREFIX": prefix})
    elsewhere = PortalRedisCache(elsewhere_url, {"KEY_PREFIX": prefix})
    start = here.get_or_set(portal_cache.GENERATION, time.time_ns, None)
    try:
        until(lambda: here.watched(portal_cache.GENERATION))
        elsewhere.announce(portal_cache.GENERATION, start + 10**12)
        here.announce(portal_cache.GENERATION, start + 1)
        assert until(lambda: here.watched(portal_cache.GENERATION) == start + 1)
    finally:
        here.delete(portal_cache.GENERATION), elsewhere.delete(portal_cache.GENERATION)


class Unknown:
    """A parser's buffer of a form the poll does not know (hiredis's is a bytearray)."""

    def __init__(self, buffer):
        self.buffer = buffer

    def __getattr__(self, name):
        if name == "unread_bytes":
            raise AttributeError(name)
        return getattr(self.buffer, name)


def test_a_parser_of_another_form_still_hears_every_generation():
    # With hiredis installed, redis-py's parser keeps a plain bytearray, not the buffer the
    # socket poll knows (portal/cache.py, Watcher.waiting): get_message() then decides.
    prefix = f"test-{uuid.uuid4().hex}"
    cache = PortalRedisCache(REDIS_URL, {"KEY_PREFIX": prefix})
    start = cache.get_or_set(portal_cache.GENERATION, time.time_ns, None)
    try:
        until(lambda: cache.watched(portal_cache.GENERATION))
        _pid, watcher = cache._watchers[portal_cache.GENERATION]
        parser = watcher.pubsub.connection._parser
        parser._buffer = Unknown(parser._buffer)
        cache.announce(portal_cache.GENERATION, start + 1)
        assert until(lambda: cache.watched(portal_cache.GENERATION) == start + 1)
    finally:
        cache.delete(portal_cache.GENERATION)
