"""Django's Redis cache, keeping one client per server, and keeping the content generation
(portal/core/cache.py) in each process's memory.

Django builds a new redis-py client for every get and set, and redis-py 8 fills a table of
some 170 reply handlers each time: 0.3 ms a call, most of the cost of a page served from the
cache (portal/page_cache.py).

The generation is read on every request, and that round trip to Redis was most of what was
left of a page cache hit (docs/benchmarks.md). So each process subscribes to a channel on
which every new generation is published with its write, in one transaction, and reads the
messages waiting on that connection at the start of each request, without waiting (a poll
of the socket): a change published before a request began is seen by it, as Redis sends the
message with the write's own reply; a message makes the process read the key again (the
channels of a Redis server are shared by its databases, and so by the sites on it, where keys
are not). The value in memory is believed only while the
subscription is known to be alive (it pings Redis when quiet); otherwise, as before, the
request asks Redis."""

import functools
import logging
import os
import select
import time

import redis
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)
# A Redis that does not answer is not asked again for this long: a stopped one refuses at
# once, but an unreachable one would hold each call for its connect timeout.
DOWN_SECONDS = 5
FAILURES = (redis.ConnectionError, redis.TimeoutError, OSError)
QUIET_SECONDS = 2  # a subscription heard nothing for this long pings Redis
TRUSTED_SECONDS = 3 * QUIET_SECONDS  # and is not believed if it heard nothing for this long


class ReusedClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        clients = self.__dict__.setdefault("_clients", {})
        if index not in clients:
            clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return clients[index]


class Watcher:
    """An integer kept in Redis under `key`, mirrored in this process through a subscription
    to the channel of the same name; no thread: the requests read its messages."""

    def __init__(self, url, key):
        self.client = redis.Redis.from_url(
            url, socket_timeout=TRUSTED_SECONDS, socket_connect_timeout=0.5
        )
        self.key, self.pubsub, self.subscribed = key, None, False
        self.current, self.heard, self.pinged, self.retry = None, 0.0, 0.0, 0.0

    def value(self):
        if time.monotonic() < self.retry:
            return None
        try:
            self.read_messages()
        except (redis.RedisError, OSError, ValueError):
            # Subscribe again on a request after DOWN_SECONDS.
            self.pubsub, self.subscribed, self.current = None, False, None
            self.retry = time.monotonic() + DOWN_SECONDS
        if self.current is None or time.monotonic() - self.heard > TRUSTED_SECONDS:
            return None
        return self.current

    def waiting(self):
        """Whether a message may be waiting: one poll of the subscription's socket. redis-py's
        own check, which get_message() makes, tries a read and catches its failure, several
        times the cost on every request. What redis-py already holds in its buffer, what TLS
        holds decrypted (rediss://), and a connection or parser not of the form known here
        (hiredis keeps a plain bytearray) are left to get_message()."""
        connection = self.pubsub.connection
        sock = getattr(connection, "_sock", None)
        buffer = getattr(getattr(connection, "_parser", None), "_buffer", None)
        if sock is None or not hasattr(buffer, "unread_bytes") or buffer.unread_bytes():
            return True
        if getattr(sock, "pending", None) and sock.pending():
            return True
        return bool(select.select([sock], [], [], 0)[0])

    def read_messages(self):
        if self.pubsub is None:
            self.pubsub = self.client.pubsub()
            self.pubsub.subscribe(self.key)
        now = time.monotonic()
        while self.waiting() and (message := self.pubsub.get_message(timeout=0)) is not None:
            self.heard = now
            if message["type"] == "subscribe":
                self.subscribed = True
            elif message["type"] == "message":
                # Read again from the key: Redis's channels are shared by all its databases,
                # so a site on another database of the same server announces here too, and
                # its value is not this site's. The key was written before the message left.
                self.current = None
        if self.subscribed and self.current is None:
            # Read once subscribed, so no change can fall between the read and the first
            # message; values only grow, so a message older than the read changes nothing.
            # Read again until there is a value: the key may not have been written yet.
            stored = self.client.get(self.key)
            self.current = int(stored) if stored is not None else None
        if now - max(self.heard, self.pinged) > QUIET_SECONDS:
            self.pubsub.ping()  # its answer comes as a message, read by a later request
            self.pinged = now


def tolerant(fallback):
    """A cache method that, while Redis does not answer, logs it and returns what `fallback`
    gives for the same arguments: a miss, nothing stored. Pages then render every time and
    content generations last one request (portal/core/cache.py), so nothing stale is shown;
    the limits on forms (portal/core/throttle.py) count from one again."""

    def decorate(method):
        @functools.wraps(method)
        def call(self, *args, **kwargs):
            if time.monotonic() < self._down_until:
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except FAILURES as error:
                self._down_until = time.monotonic() + DOWN_SECONDS
                logger.error(
                    "Redis does not answer (%s): pages are rendered without the shared cache; "
                    "trying again in %s s",
                    error,
                    DOWN_SECONDS,
                )
                return fallback(*args, **kwargs)

        return call

    return decorate


def missing(key, default=None, version=None):
    return default


def nothing(*args, **kwargs):
    return None


def refused(*args, **kwargs):
    return False


def not_counted(*args, **kwargs):
    raise ValueError("Redis does not answer")  # as for a key that expired: callers set it


class PortalRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClient
        self._watchers = {}
        self._down_until = 0.0

    get = tolerant(missing)(RedisCache.get)
    add = tolerant(refused)(RedisCache.add)
    set = tolerant(nothing)(RedisCache.set)
    touch = tolerant(refused)(RedisCache.touch)
    delete = tolerant(refused)(RedisCache.delete)
    has_key = tolerant(refused)(RedisCache.has_key)
    incr = tolerant(not_counted)(RedisCache.incr)
    get_many = tolerant(lambda *args, **kwargs: {})(RedisCache.get_many)
    set_many = tolerant(lambda *args, **kwargs: [])(RedisCache.set_many)
    delete_many = tolerant(nothing)(RedisCache.delete_many)
    clear = tolerant(nothing)(RedisCache.clear)

    def watched(self, key):
        """The integer under `key` from this process's memory, or None when it cannot be
        trusted yet (just started, Redis unreachable): then the caller asks Redis."""
        # A subscription's connection belongs to the process that opened it: gunicorn forks
        # its workers from a process that may have opened one.
        pid, watcher = self._watchers.get(key, (None, None))
        if pid != os.getpid():
            watcher = Watcher(self._servers[0], self.make_and_validate_key(key))
            self._watchers[key] = (os.getpid(), watcher)
        return watcher.value()

    @tolerant(nothing)
    def announce(self, key, value):
        """Store the integer `value` under `key` for good and tell every process's watcher."""
        key = self.make_and_validate_key(key)
        client = self._cache.get_client(key, write=True)
        with client.pipeline(transaction=True) as pipeline:
            pipeline.set(key, value)
            pipeline.publish(key, value)
            pipeline.execute()
