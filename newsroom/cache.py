"""A Redis cache that an outage of Redis turns into misses, not into error pages.

Everything Newsroom keeps in a cache can be rebuilt from the database: copies of reader pages
(their generations live in the database, newsroom/pagecache.py) and the cookie catalogue
(consent/catalogue.py). Security counters are never cached (newsroom/models.py), so a cache
that answers "nothing here" can cost speed, never safety. Django's RedisCache raises on every
connection error instead, which would turn a Redis restart into a site-wide error.

After a failure the cache stays quiet for a few seconds, so that while Redis is down a request
pays for one failed connection per worker, not one for every cache read it makes.

A delete that does not reach Redis is remembered and sent again once Redis answers: deletes
are how edits retire cached values (the cookie catalogue), and a lost one would leave a stale
value in Redis after it comes back. Until then this worker reads those keys as misses.
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
# Deletes kept for sending again; past this many the oldest are forgotten (their values expire
# with their timeouts).
MAX_UNSENT_DELETES = 1000


class ResilientRedisCache(RedisCache):
    """Django's RedisCache where an unreachable Redis reads as a miss and writes are dropped."""

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._paused_until = 0.0
        # (key, version) pairs whose delete has not reached Redis yet, oldest first.
        self._unsent_deletes = {}

    def _attempt(self, operation, fallback, *args, **kwargs):
        if time.monotonic() < self._paused_until:
            return fallback
        try:
            if self._unsent_deletes:
                self._send_deletes()
            return getattr(super(), operation)(*args, **kwargs)
        except UNREACHABLE as error:
            self._paused_until = time.monotonic() + PAUSE_AFTER_FAILURE_SECONDS
            logger.warning(
                "Cache unreachable, serving without it for %ss: %s",
                PAUSE_AFTER_FAILURE_SECONDS,
                error,
            )
            return fallback

    def _send_deletes(self):
        for key, version in list(self._unsent_deletes):
            super().delete(key, version)
            del self._unsent_deletes[key, version]

    def _remember_deletes(self, keys, version):
        for key in keys:
            self._unsent_deletes.pop((key, version), None)
            self._unsent_deletes[key, version] = True
        while len(self._unsent_deletes) > MAX_UNSENT_DELETES:
            del self._unsent_deletes[next(iter(self._unsent_deletes))]

    def _unsent(self, key, version):
        return (key, version) in self._unsent_deletes

    def get(self, key, default=None, version=None):
        if self._unsent(key, version):
            return default
        return self._attempt("get", default, key, default, version)

    def get_many(self, keys, version=None):
        found = self._attempt("get_many", {}, keys, version)
        return {key: value for key, value in found.items() if not self._unsent(key, version)}

    def has_key(self, key, version=None):
        return not self._unsent(key, version) and self._attempt("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._attempt("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        deleted = self._attempt("delete", None, key, version)
        if deleted is None:
            self._remember_deletes([key], version)
        return bool(deleted)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        if self._attempt("delete_many", False, keys, version) is False:
            self._remember_deletes(keys, version)

    def clear(self):
        return self._attempt("clear", False)
