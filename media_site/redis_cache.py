"""Django's Redis cache backend, keeping one redis-py client per server.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every
cache call. The connections come from a shared pool, so that is correct, but
redis-py 8 fills a fresh table of some 170 response callbacks in each client's
constructor: about 0.4 ms of CPU a call, twice the whole cost of a trivial
view, on every page served from the cache (measured with cProfile, issue 9).
A `redis.Redis` is safe to share between threads and survives a fork (its
pool checks the process id), so one per server is kept and reused.
"""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(
                    self._servers[index], **self._pool_options
                )
            client = self._clients[index] = self._client(
                connection_pool=self._pools[index]
            )
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
