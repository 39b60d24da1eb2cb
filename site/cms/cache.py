"""Whole-page cache: shared for anonymous visitors, per session for signed-in users.

Every write to the database bumps a generation number stored with each cached page,
so a visitor never sees stale content and no page has to know which others show it.
Writes are seen where they happen, in the database connection (``note_writes``):
``save()``, ``update()``, ``bulk_create()``, raw SQL and Wagtail's publishing alike.
Writes to the public content (the tables of ``WATCHED_APPS``) bump the public
generation; any other write except to sessions bumps only the private one, which
signed-in pages (names, preferences, memberships) depend on as well.

``BasePage.serve`` (and views decorated with ``cms.decorators.cache_anonymous_view``)
decide whether a response is the same for every anonymous visitor: no CSRF token, no
cookie, no view restriction. ``PageCacheMiddleware``, placed right after the security
and static-file middleware, stores it once every middleware has processed it, and
answers a visitor without a session cookie from the cache before sessions, URL
routing, Wagtail or the database are involved.

Views decorated with ``cms.decorators.cache_private_view`` keep a signed-in user's
page for that session only (``PRIVATE_PAGE_CACHE_TIMEOUT`` seconds at most), never
when a message is waiting to be shown or the view touched the session or cookies.
"""

import functools
import hashlib
import re
import time

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, patch_vary_headers

GENERATION_KEY = "page-cache:generation"
PRIVATE_GENERATION_KEY = "private-cache:generation"
WATCHED_APPS = {
    "accounts",  # participants' public names appear beside their contributions
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


def generation(key=GENERATION_KEY):
    value = cache.get(key)
    if value is None:
        # Starting from the clock, a generation lost from the cache can never bring
        # back pages stored under an older one.
        cache.add(key, time.time_ns(), timeout=None)
        value = cache.get(key)
    return value


def _bump(key):
    try:
        cache.incr(key)
    except ValueError:
        generation(key)


def purge():
    """Every cached page is stale: public and private ones."""
    _bump(GENERATION_KEY)
    _bump(PRIVATE_GENERATION_KEY)


def purge_private():
    _bump(PRIVATE_GENERATION_KEY)


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


def read(key, generation_key=GENERATION_KEY):
    """``(current generation, value stored under it or None)`` in one cache round trip.

    Values are stored as ``(generation, value)``; one of an older generation is stale.
    """
    found = cache.get_many([generation_key, key])
    current = found.get(generation_key)
    if current is None:
        current = generation(generation_key)
    entry = found.get(key)
    if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == current:
        return current, entry[1]
    return current, None


def _lookup(request):
    request._page_cache_generation, response = read(key_for(request))
    if response is not None:
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


# --- what makes pages stale: writes, seen in the database connection ----------------

WRITE_STATEMENT = re.compile(
    r"\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+[\"`]?(\w+)",
    re.IGNORECASE,
)


@functools.cache
def table_apps():
    from django.apps import apps

    return {
        model._meta.db_table: model._meta.app_label
        for model in apps.get_models(include_auto_created=True)
    }


def stale_pages_after(sql):
    """The purge a statement calls for: ``purge``, ``purge_private`` or None."""
    match = WRITE_STATEMENT.match(sql)
    if match is None:
        return None
    app_label = table_apps().get(match[1])
    if app_label == "sessions":
        return None
    return purge if app_label in WATCHED_APPS else purge_private


def note_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    purge_for = stale_pages_after(sql)
    if purge_for is not None:
        purge_for()
        # Again once committed: a page rendered meanwhile from the old rows is dropped.
        connection = context["connection"]
        if connection.in_atomic_block:
            transaction.on_commit(purge_for, using=connection.alias)
    return result


@receiver(connection_created)
def watch_writes(sender, connection, **kwargs):
    if note_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(note_writes)


# --- signed-in pages, per session ---------------------------------------------------


def private_key(request):
    """The cache key of this signed-in user's page, or None when it must be fresh."""
    session_key = request.session.session_key
    if not (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and session_key
        and request.user.is_authenticated
        and not request.COOKIES.get("messages")
        and not len(messages.get_messages(request))
    ):
        return None
    csrf = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    identity = f"{session_key}|{csrf}|{request.get_host()}{request.get_full_path()}"
    return "private-cache:" + hashlib.sha256(identity.encode()).hexdigest()


def get_private_response(request):
    key = private_key(request)
    request._private_cache_key = key
    if key is None:
        return None
    request._private_cache_generation, response = read(key, PRIVATE_GENERATION_KEY)
    if response is not None:
        response[CACHE_HEADER] = "private-hit"
    return response


def store_private_response(request, response):
    key = getattr(request, "_private_cache_key", None)
    if key is None or response.status_code != 200 or response.streaming:
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    csrf_secret = request.META.get("CSRF_COOKIE")
    if (
        response.cookies
        or request.session.modified
        # Forms may be kept only with the CSRF secret the browser already holds.
        or (
            csrf_secret
            and csrf_secret != request.COOKIES.get(settings.CSRF_COOKIE_NAME)
        )
        or len(messages.get_messages(request))
        or response.has_header("Cache-Control")
    ):
        return response
    response[CACHE_HEADER] = "private-miss"
    cache.set(
        key,
        (request._private_cache_generation, response),
        settings.PRIVATE_PAGE_CACHE_TIMEOUT,
    )
    return response
