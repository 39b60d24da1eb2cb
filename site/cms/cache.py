"""Whole-page cache for anonymous visitors.

A single generation number is stored with every cached page: publishing, unpublishing
or changing any page, snippet, setting or domain object bumps it, so a visitor never
sees stale content and no page has to know which others show it.

``PageCacheMiddleware`` answers a cached page before Wagtail routes the request (no SQL
at all); ``BasePage.serve`` stores the page after rendering it, only when the response
is the same for every anonymous visitor (no CSRF token, no cookie, no view restriction).
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
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
    if not is_cacheable_request(request):
        return None
    if hasattr(request, "_page_cache_generation"):
        return None  # already looked up (and missed) by the middleware
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
    """Keep a response only when it is the same for every anonymous visitor."""
    if not is_cacheable_request(request) or response.status_code != 200:
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()  # first: rendering is what asks for a CSRF token
    if (
        response.cookies
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
    current = getattr(request, "_page_cache_generation", None) or generation()
    cache.set(key_for(request), (current, response), settings.PAGE_CACHE_TIMEOUT)
    return response


def _has_view_restrictions(response):
    page = (getattr(response, "context_data", None) or {}).get("page")
    return page is not None and page.get_view_restrictions().exists()


class PageCacheMiddleware:
    """Serves cached Wagtail pages before routing; marks signed-in pages private."""

    def __init__(self, get_response):
        from wagtail.views import (
            serve,
        )  # needs the models: imported once apps are ready

        self.get_response = get_response
        self.wagtail_serve = serve

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            and not response.has_header("Cache-Control")
            and request.user.is_authenticated
        ):
            patch_cache_control(response, private=True, no_cache=True)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
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
