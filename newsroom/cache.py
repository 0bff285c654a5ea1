"""A Redis cache that an outage of Redis turns into misses, not into error pages.

Everything Newsroom keeps in a cache can be rebuilt from the database, and no copy is retired by
deleting it: copies are keyed on generations the database holds (newsroom/copies.py), so a
change is seen at once whatever a cache still holds. Security counters are never cached
(newsroom/models.py), so a cache that answers "nothing here" can cost speed, never safety.
Django's RedisCache raises on every connection error instead, which would turn a Redis restart
into a site-wide error.

After a failure the cache stays quiet for a few seconds, so that while Redis is down a request
pays for one failed connection per worker, not one for every cache read it makes.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# How long a worker leaves Redis alone after it failed to answer.
PAUSE_AFTER_FAILURE_SECONDS = 5
# A Redis that accepts connections but does not answer must not hold a reader's page for long.
DEFAULT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}


class ResilientRedisCache(RedisCache):
    """Django's RedisCache where an unreachable Redis reads as a miss and writes are dropped."""

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._paused_until = 0.0

    def _attempt(self, operation, fallback, *args, **kwargs):
        if time.monotonic() < self._paused_until:
            return fallback
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except UNREACHABLE as error:
            self._paused_until = time.monotonic() + PAUSE_AFTER_FAILURE_SECONDS
            logger.warning(
                "Cache unreachable, serving without it for %ss: %s",
                PAUSE_AFTER_FAILURE_SECONDS,
                error,
            )
            return fallback

    def get(self, key, default=None, version=None):
        return self._attempt("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._attempt("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._attempt("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._attempt("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return bool(self._attempt("delete", False, key, version))

    def delete_many(self, keys, version=None):
        self._attempt("delete_many", None, list(keys), version)

    def clear(self):
        return self._attempt("clear", False)
