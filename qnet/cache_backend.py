"""Django's Redis cache, with one redis-py client per connection pool instead of one per
cache call.

Django's RedisCacheClient.get_client() builds a new `redis.Redis` for every get, set and
get_many, and redis-py's constructor fills its table of about 170 response callbacks each
time. A page reads the cache several times (session, table generations, fragments), and
those constructions were a measurable part of a cached page. The client is as safe to
keep as the pool Django already keeps: it holds no connection of its own and is
thread-safe; the pool underneath notices a fork and reconnects.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(index))
            self._clients[index] = client
        return client


class ReusedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
