from functools import wraps

from .cache import get_cached_response, store_response


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
