"""Values computed once and kept in the cache until what they show is written to.

``scopes`` (``cms.cache_policy``) name what the value shows; by default every public
scope. A value computed while the clock matters says until when it is right
(``cache_policy.valid_until``) and is kept no longer.
"""

from . import cache, cache_policy

TIMEOUT = 3600


def get_or_compute(key, compute, timeout=TIMEOUT, scopes=cache_policy.EVERYTHING):
    return cache.get_or_compute(key, compute, scopes=scopes, timeout=timeout)
