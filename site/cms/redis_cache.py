"""django-redis, degrading while Redis is away instead of failing every request.

When Redis does not answer (connection refused, timeout), the outage is logged once
at error level and, for ``RETRY_AFTER`` seconds, Redis is not asked again:

- pages and fragments are served uncached (``is_degraded``, read by ``cms.cache``);
- rate limits (allauth's, participation's, the API's) are counted in this process's
  memory: each app process enforces the limits on its own, so a site of N processes
  lets through at most N times a limit, never fewer attempts than allowed; the caps
  counted in PostgreSQL (reports per account) stay exact;
- sessions are read from and written to PostgreSQL alone (``cached_db``);
- everything else behaves as a cache miss.

When Redis answers again, what was written meanwhile may have left copies behind:
every page generation is bumped and the cached sessions are dropped, so there is
nothing to repair by hand.
"""

import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache as DjangoRedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from . import cache as page_cache

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0  # seconds without asking Redis once it failed
LOCAL_PREFIXES = ("allauth:rl:", "participation-rl:", "throttle_")
SESSION_PREFIX = "django.contrib.sessions.cached"
FAILURES = (ConnectionInterrupted, RedisConnectionError, RedisTimeoutError)

_state = {}  # server -> {"retry_at": monotonic seconds, "down": bool}
_lock = threading.Lock()
_local = LocMemCache(
    "redis-outage", {"TIMEOUT": 300, "OPTIONS": {"MAX_ENTRIES": 10000}}
)


def _is_local(key):
    return isinstance(key, str) and key.startswith(LOCAL_PREFIXES)


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._ignore_exceptions = False
        self._server_state = _state.setdefault(
            str(server), {"retry_at": 0.0, "down": False}
        )

    @property
    def is_degraded(self):
        """True while Redis is away; asks it again once ``RETRY_AFTER`` has passed."""
        if self._server_state["down"] and not self._skip_redis():
            self.has_key("redis-probe")
        return self._server_state["down"]

    def _skip_redis(self):
        state = self._server_state
        return state["down"] and time.monotonic() < state["retry_at"]

    def _went_down(self, error):
        with _lock:
            was_down = self._server_state["down"]
            self._server_state.update(
                down=True, retry_at=time.monotonic() + RETRY_AFTER
            )
        if not was_down:
            logger.error(
                "Redis unavailable (%s): pages served uncached, rate limits counted "
                "per process, sessions read from the database",
                error,
            )

    def _came_back(self):
        with _lock:
            if not self._server_state["down"]:
                return
            self._server_state.update(down=False, retry_at=0.0)
        logger.warning("Redis available again: cached pages and sessions renewed")
        try:
            page_cache.purge()
            super().delete_pattern(f"*{SESSION_PREFIX}*")
        except FAILURES as error:
            self._went_down(error)

    def _call(self, name, fallback, *args, **kwargs):
        if not self._skip_redis():
            try:
                result = getattr(super(), name)(*args, **kwargs)
            except FAILURES as error:
                self._went_down(error)
            else:
                if self._server_state["down"]:
                    self._came_back()
                return result
        return fallback()

    # --- one key ----------------------------------------------------------------------

    def _one(self, name, key, miss, *args, **kwargs):
        def fallback():
            if _is_local(key):
                return getattr(_local, name)(key, *args, **kwargs)
            if name == "incr" or name == "decr":
                raise ValueError(f"Key '{key}' not found")
            return miss

        return self._call(name, fallback, key, *args, **kwargs)

    def get(self, key, default=None, version=None, client=None):
        return self._one("get", key, default, default, version=version)

    def set(self, key, *args, **kwargs):
        return self._one("set", key, False, *args, **kwargs)

    def add(self, key, *args, **kwargs):
        return self._one("add", key, False, *args, **kwargs)

    def delete(self, key, *args, **kwargs):
        return self._one("delete", key, False, *args, **kwargs)

    def incr(self, key, *args, **kwargs):
        return self._one("incr", key, None, *args, **kwargs)

    def decr(self, key, *args, **kwargs):
        return self._one("decr", key, None, *args, **kwargs)

    def has_key(self, key, *args, **kwargs):
        return self._one("has_key", key, False, *args, **kwargs)

    def touch(self, key, *args, **kwargs):
        return self._one("touch", key, False, *args, **kwargs)

    # --- several keys -------------------------------------------------------------------

    def get_many(self, keys, *args, **kwargs):
        keys = list(keys)
        return self._call(
            "get_many",
            lambda: _local.get_many([k for k in keys if _is_local(k)]),
            keys,
            *args,
            **kwargs,
        )

    def set_many(self, data, *args, **kwargs):
        def fallback():
            _local.set_many({k: v for k, v in data.items() if _is_local(k)}, *args)
            return list(data)

        return self._call("set_many", fallback, data, *args, **kwargs)

    def delete_many(self, keys, *args, **kwargs):
        keys = list(keys)
        return self._call(
            "delete_many",
            lambda: _local.delete_many([k for k in keys if _is_local(k)]),
            keys,
            *args,
            **kwargs,
        )

    def clear(self):
        _local.clear()
        return self._call("clear", lambda: None)
