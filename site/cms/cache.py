"""Whole-page cache for anonymous visitors.

A single generation number is part of every key: publishing, unpublishing or changing
any page, snippet, setting or domain object bumps it, so a visitor never sees stale
content and no page has to know which others show it.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
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


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = 1
        cache.add(GENERATION_KEY, value, timeout=None)
    return value


def purge():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def is_cacheable_request(request):
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and "messages" not in request.COOKIES
        and not getattr(request, "is_preview", False)
    )


def key_for(request):
    return f"page-cache:{generation()}:{request.get_full_path()}"


def get_cached_response(request):
    if not is_cacheable_request(request):
        return None
    return cache.get(key_for(request))


def store_response(request, response):
    """Keep a response only when it is the same for every anonymous visitor."""
    if (
        is_cacheable_request(request)
        and response.status_code == 200
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
    ):
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        cache.set(key_for(request), response, settings.PAGE_CACHE_TIMEOUT)
    return response


@receiver(page_published)
@receiver(page_unpublished)
def purge_on_publication(sender, **kwargs):
    purge()


@receiver(post_save)
@receiver(post_delete)
def purge_on_change(sender, **kwargs):
    if sender._meta.app_label in WATCHED_APPS:
        purge()
