"""Django's Redis cache, keeping one client per server. Django builds a new redis-py client
for every get and set, and redis-py 8 fills a table of some 170 reply handlers each time:
0.3 ms a call, most of the cost of a page served from the cache (portal/page_cache.py)."""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        clients = self.__dict__.setdefault("_clients", {})
        if index not in clients:
            clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return clients[index]


class PortalRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClient
