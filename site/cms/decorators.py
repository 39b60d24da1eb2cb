from functools import wraps

from .cache import (
    get_cached_response,
    get_private_response,
    store_private_response,
    store_response,
)


def cache_anonymous_view(view):
    """The anonymous page cache of Wagtail pages, for plain Django views (search, feeds)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        cached = get_cached_response(request)
        if cached is not None:
            return cached
        return store_response(request, view(request, *args, **kwargs))

    wrapper.page_cache = True  # lets PageCacheMiddleware answer before routing
    return wrapper


def cache_private_view(view):
    """A signed-in user's page kept for their session until anything is written.

    For pages read far more often than the data under them changes (dashboards,
    busy discussions); see ``cms.cache``.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        cached = get_private_response(request)
        if cached is not None:
            return cached
        return store_private_response(request, view(request, *args, **kwargs))

    return wrapper
