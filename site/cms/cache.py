"""Whole-page cache for anonymous visitors.

A single generation number is stored with every cached page: publishing, unpublishing
or changing any page, snippet, setting or domain object bumps it, so a visitor never
sees stale content and no page has to know which others show it.

``BasePage.serve`` (and views decorated with ``cms.decorators.cache_anonymous_view``)
decide whether a response is the same for every anonymous visitor: no CSRF token, no
cookie, no view restriction. ``PageCacheMiddleware``, placed right after the security
and static-file middleware, stores it once every middleware has processed it, and
answers a visitor without a session cookie from the cache before sessions, URL
routing, Wagtail or the database are involved.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, patch_vary_headers
from wagtail.signals import page_published, page_unpublished

GENERATION_KEY = "page-cache:generation"
WATCHED_APPS = {
    "cms",
    "contrats",
    "participation",
    "mayors",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "taggit",
}
CACHE_HEADER = "X-Page-Cache"


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Starting from the clock, a generation lost from the cache can never bring
        # back pages stored under an older one.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY)
    return value


def purge():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        generation()


def is_cacheable_request(request):
    if not (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and "messages" not in request.COOKIES
        and not getattr(request, "is_preview", False)
    ):
        return False
    # Without a session cookie nobody is signed in: no need to load the session.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    return not request.user.is_authenticated


def key_for(request):
    return f"page-cache:{request.get_host()}{request.get_full_path()}"


def get_cached_response(request):
    """The stored response for this URL, if any and still of the current generation."""
    if not is_cacheable_request(request) or hasattr(request, "_page_cache_generation"):
        return None  # not for this visitor, or already looked up (and missed)
    return _lookup(request)


def _lookup(request):
    key = key_for(request)
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY)
    if current is None:
        current = generation()
    request._page_cache_generation = current
    entry = found.get(key)
    if entry is None or entry[0] != current:
        return None
    response = entry[1]
    response[CACHE_HEADER] = "hit"
    return response


def store_response(request, response):
    """Mark a response to keep, when it is the same for every anonymous visitor."""
    if not is_cacheable_request(request) or response.status_code != 200:
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()  # first: rendering is what asks for a CSRF token
    if (
        response.cookies
        or response.streaming
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or response.has_header("Cache-Control")
        or _has_view_restrictions(response)
    ):
        return response
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=settings.PAGE_CACHE_S_MAXAGE,
        stale_while_revalidate=settings.PAGE_CACHE_STALE_WHILE_REVALIDATE,
    )
    patch_vary_headers(response, ["Cookie"])
    response[CACHE_HEADER] = "miss"
    request._page_cache_store = True
    if not getattr(request, "_page_cache_middleware", False):
        _store(request, response)
    return response


def _store(request, response):
    current = getattr(request, "_page_cache_generation", None) or generation()
    cache.set(key_for(request), (current, response), settings.PAGE_CACHE_TIMEOUT)


def _has_view_restrictions(response):
    page = (getattr(response, "context_data", None) or {}).get("page")
    return page is not None and page.get_view_restrictions().exists()


class PageCacheMiddleware:
    """Answers and stores cached pages; marks the pages of signed-in users private.

    Goes right after SecurityMiddleware and WhiteNoiseMiddleware.
    """

    def __init__(self, get_response):
        from wagtail.views import (
            serve,
        )  # needs the models: imported once apps are ready

        self.get_response = get_response
        self.wagtail_serve = serve

    def __call__(self, request):
        request._page_cache_middleware = True
        if self.answers_early(request):
            cached = _lookup(request)
            if cached is not None:
                return cached
        response = self.get_response(request)
        if getattr(request, "_page_cache_store", False):
            # Stored as sent: a cookie set by an inner middleware means it is personal.
            if response.status_code == 200 and not response.cookies:
                _store(request, response)
            else:
                response.headers.pop("Cache-Control", None)
                response.headers.pop(CACHE_HEADER, None)
                patch_cache_control(response, private=True, no_cache=True)
        elif (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            and not response.has_header("Cache-Control")
            and getattr(request, "user", None) is not None
            and request.user.is_authenticated
        ):
            patch_cache_control(response, private=True, no_cache=True)
        return response

    def answers_early(self, request):
        """A visitor without a session cookie, asking for a page the cache may hold."""
        if not (
            settings.PAGE_CACHE_ENABLED
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
        ):
            return False
        try:
            view = resolve(request.path_info).func
        except Resolver404:
            return False
        return view is self.wagtail_serve or getattr(view, "page_cache", False)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Visitors with a session cookie: known anonymous only once it is loaded."""
        if view_func is self.wagtail_serve:
            return get_cached_response(request)
        return None


@receiver(page_published)
@receiver(page_unpublished)
def purge_on_publication(sender, **kwargs):
    purge()


@receiver(post_save)
@receiver(post_delete)
def purge_on_change(sender, **kwargs):
    if sender._meta.app_label in WATCHED_APPS:
        purge()
