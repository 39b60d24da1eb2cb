"""Values computed once per content generation (see ``cms.cache``) and kept in the cache.

The value is stored with the generation it was computed for, under a fixed key: the
current generation and the value are read in one round trip to the cache, and a value
of an older generation is never returned.
"""

from django.core.cache import cache as django_cache

from . import cache

TIMEOUT = 3600


def get_or_compute(key, compute, timeout=TIMEOUT):
    current, value = cache.read(key)
    if value is None:
        # Computed after reading the generation: a write meanwhile bumps it, and the
        # value stored here under the older one is then never read.
        value = compute()
        django_cache.set(key, (current, value), timeout)
    return value
