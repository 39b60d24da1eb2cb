"""Whole-page cache: shared for anonymous visitors, per session for signed-in users.

What each page shows, what each write makes stale and how long a page stays right
are declared in ``cms.cache_policy``; this module is the machinery. Every scope has a
generation number; a page or fragment is stored with the generations of the scopes it
shows and the moment it stops being right, and is served only while all of them hold.
Writes are seen where they happen, in the database connection (``note_writes``):
``save()``, ``update()``, ``bulk_create()``, raw SQL and Wagtail's publishing alike.

``BasePage.serve`` (and views decorated with ``cms.decorators.cache_anonymous_view``)
decide whether a response is the same for every anonymous visitor: no CSRF token, no
cookie, no view restriction. ``PageCacheMiddleware``, placed right after the security
and static-file middleware, stores it once every middleware has processed it, and
answers a visitor without a session cookie from the cache before sessions, URL
routing, Wagtail or the database are involved.

One render per key: after a change, the first request renders the page while the
others get the previous copy (or, without one, wait for the new copy a moment).

Views decorated with ``cms.decorators.cache_private_view`` keep a signed-in user's
page for that session only (``PRIVATE_PAGE_CACHE_TIMEOUT`` seconds at most), never
when a message is waiting to be shown or the view touched the session or cookies.

Without the shared cache (Redis away, see ``cms.redis_cache``) pages are served
uncached.
"""

import contextlib
import functools
import hashlib
import time

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, patch_vary_headers

from . import cache_policy as policy

GENERATION_KEY = "page-cache:generation"
PRIVATE_GENERATION_KEY = "private-cache:generation"
CACHE_HEADER = "X-Page-Cache"
RENDER_LOCK_TIMEOUT = 10  # seconds: longer than any page takes to render
RENDER_WAIT = 2.0  # seconds a request waits for another's render when no copy exists


def scope_key(scope):
    if scope == policy.CONTENT:
        return GENERATION_KEY
    if scope == policy.PRIVATE:
        return PRIVATE_GENERATION_KEY
    return f"{GENERATION_KEY}:{scope}"


def pending_key(scope):
    return f"{scope_key(scope)}:pending"


FIXED_KEYS = [scope_key(scope) for scope in policy.FIXED_SCOPES]
PENDING_KEYS = [pending_key(scope) for scope in policy.LAGGED_SCOPES]


def is_shared():
    """False while the shared cache is away: nothing is read from or kept in it then."""
    return not getattr(cache, "is_degraded", False)


def generation(key=GENERATION_KEY):
    value = cache.get(key)
    if value is None:
        # Starting from the clock, a generation lost from the cache can never bring
        # back pages stored under an older one.
        cache.add(key, time.time_ns(), timeout=None)
        value = cache.get(key)
    return value


def generations(scopes, found=None):
    """``{scope: generation}``; ``found`` holds values already read (by key)."""
    found = dict(found or {})
    missing = [scope_key(s) for s in scopes if scope_key(s) not in found]
    if missing:
        found.update(cache.get_many(missing))
    return {
        scope: found.get(scope_key(scope)) or generation(scope_key(scope))
        for scope in scopes
    }


def token(scopes):
    """A short string that changes whenever one of ``scopes`` is written to."""
    current = generations(sorted(set(scopes)))
    return "-".join(str(current[scope]) for scope in sorted(current))


def _bump(key):
    try:
        cache.incr(key)
    except ValueError:
        generation(key)


def bump(scopes):
    lag = settings.PAGE_CACHE_FIGURES_LAG
    for scope in scopes:
        if lag and scope in policy.LAGGED_SCOPES:
            # The first write of a window starts it; the bump waits for its end.
            cache.add(pending_key(scope), time.time(), timeout=None)
        else:
            _bump(scope_key(scope))


def apply_due(found):
    """Bump the lagged scopes whose window has passed; ``found`` is updated in place.

    Read with the generations (same round trip): the first reader after the window
    bumps, once, since only one ``delete`` of the pending mark succeeds."""
    lag = settings.PAGE_CACHE_FIGURES_LAG
    for scope in policy.LAGGED_SCOPES:
        since = found.pop(pending_key(scope), None)
        if since is not None and time.time() - since >= lag:
            if cache.delete(pending_key(scope)):
                _bump(scope_key(scope))
            found.pop(scope_key(scope), None)
            found[scope_key(scope)] = generation(scope_key(scope))


def purge():
    """Every cached page is stale: public and private ones."""
    bump(policy.FIXED_SCOPES)


def purge_private():
    bump([policy.PRIVATE])


def remembered(key, compute):
    """A fact that never changes once true (which consultation a proposal is in)."""
    value = cache.get(key) if is_shared() else None
    if value is None:
        value = compute()
        if value is not None and is_shared():
            cache.set(key, value, timeout=None)
    return value


# --- entries: (generations, valid until, value) ---------------------------------------


def read(key, extra_keys=()):
    """``(current generations by key, fresh entry or None, stale value or None)``.

    One round trip for an entry of fixed scopes (and the ``extra_keys`` asked
    for); a second one for the generation of one consultation. An entry is
    ``(generations by scope, valid until or None, value)``.
    """
    found = cache.get_many([key, *FIXED_KEYS, *PENDING_KEYS, *extra_keys])
    apply_due(found)
    entry = found.pop(key, None)
    if not (isinstance(entry, tuple) and len(entry) == 3):
        return found, None, None
    stored, until, value = entry
    missing = [scope_key(s) for s in stored if scope_key(s) not in found]
    if missing:
        found.update(cache.get_many(missing))
    if until is not None and until <= time.time():
        return found, None, None  # the clock made it wrong: never served
    if all(found.get(scope_key(s)) == g for s, g in stored.items()):
        return found, entry, None
    return found, None, value


def write(key, value, scopes, found, frame, timeout):
    """Keep ``value`` under the generations read *before* it was computed."""
    current = generations(set(scopes) | frame.scopes, found)
    if frame.until is not None:
        timeout = min(timeout, int(frame.until - time.time()))
        if timeout < 1:
            return
    cache.set(key, (current, frame.until, value), timeout)


def get_or_compute(key, compute, scopes=policy.EVERYTHING, timeout=3600):
    """A fragment kept until one of ``scopes`` is written to or its moment passes."""
    if not is_shared():
        return compute()
    found, entry, _stale = read(key, [scope_key(s) for s in scopes])
    if entry is not None:
        stored, until, value = entry
        policy.shows(stored)
        policy.valid_until_stamp(until)
        return value
    frame, frame_token = policy.open_frame()
    try:
        value = compute()
    finally:
        policy.close_frame(frame_token)
    write(key, value, scopes, found, frame, timeout)
    policy.shows(set(scopes) | frame.scopes)
    policy.valid_until_stamp(frame.until)
    return value


# --- anonymous pages ---------------------------------------------------------------------


def is_cacheable_request(request):
    if not (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and "messages" not in request.COOKIES
        and not getattr(request, "is_preview", False)
        and is_shared()
    ):
        return False
    # Without a session cookie nobody is signed in: no need to load the session.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    return not request.user.is_authenticated


def key_for(request):
    return f"page-cache:{request.get_host()}{request.get_full_path()}"


def get_cached_response(request, scopes=None):
    """The stored response for this URL, if any and still right.

    ``scopes``: what the page shows, when known before it renders (a Wagtail page).
    """
    if not is_cacheable_request(request):
        return None
    if scopes is not None:
        request._page_cache_scopes = scopes
    if hasattr(request, "_page_cache_found"):
        return None  # already looked up (and missed)
    return _lookup(request)


def _lookup(request):
    key = key_for(request)
    request._page_cache_found, entry, stale = read(key)
    if entry is not None:
        return _hit(entry, "hit")
    lock = f"page-cache-render:{key}"
    if cache.add(lock, 1, RENDER_LOCK_TIMEOUT):
        request._page_cache_lock = lock
    elif stale is not None:
        stale[CACHE_HEADER] = "stale"  # another request is rendering the new copy
        return stale
    else:
        deadline = time.monotonic() + RENDER_WAIT
        while time.monotonic() < deadline:
            time.sleep(0.05)
            request._page_cache_found, entry, _stale = read(key)
            if entry is not None:
                return _hit(entry, "hit")
    request._page_cache_frame, request._page_cache_frame_token = policy.open_frame()
    return None


def _hit(entry, label):
    response = entry[2]
    response[CACHE_HEADER] = label
    return response


def release(request):
    lock = getattr(request, "_page_cache_lock", None)
    if lock is not None:
        cache.delete(lock)
        request._page_cache_lock = None
    frame_token = getattr(request, "_page_cache_frame_token", None)
    if frame_token is not None:
        # Opened in another context (a thread of the test client): nothing to close.
        with contextlib.suppress(ValueError):
            policy.close_frame(frame_token)
        request._page_cache_frame_token = None


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
    frame = getattr(request, "_page_cache_frame", None) or policy.Frame()
    headers = {
        "s_maxage": settings.PAGE_CACHE_S_MAXAGE,
        "stale_while_revalidate": settings.PAGE_CACHE_STALE_WHILE_REVALIDATE,
    }
    if frame.until is not None:
        left = int(frame.until - time.time())
        if left < 1:
            patch_cache_control(response, no_cache=True)
            return response
        # Right until then only: a CDN may neither keep it longer nor serve it stale.
        headers = {"s_maxage": min(headers["s_maxage"], left)}
    patch_cache_control(response, public=True, max_age=0, **headers)
    patch_vary_headers(response, ["Cookie"])
    response[CACHE_HEADER] = "miss"
    request._page_cache_store = True
    if not getattr(request, "_page_cache_middleware", False):
        _store(request, response)
    return response


def _store(request, response):
    scopes = getattr(request, "_page_cache_scopes", None) or policy.view_scopes(request)
    frame = getattr(request, "_page_cache_frame", None) or policy.Frame()
    found = getattr(request, "_page_cache_found", None) or {}
    write(key_for(request), response, scopes, found, frame, settings.PAGE_CACHE_TIMEOUT)
    release(request)


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
        policy.forget_concern()
        try:
            return self.respond(request)
        finally:
            release(request)

    def respond(self, request):
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
            and is_shared()
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


def note_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    scopes = policy.stales(sql)
    if scopes:
        bump(scopes)
        # Again once committed: a page rendered meanwhile from the old rows is dropped.
        connection = context["connection"]
        if connection.in_atomic_block:
            transaction.on_commit(
                functools.partial(bump, scopes), using=connection.alias
            )
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
        and is_shared()
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
    request._private_cache_found, entry, _stale = read(key)
    if entry is not None:
        return _hit(entry, "private-hit")
    request._page_cache_frame, request._page_cache_frame_token = policy.open_frame()
    return None


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
    scopes = {*policy.view_scopes(request), policy.PRIVATE}
    write(
        key,
        response,
        scopes,
        request._private_cache_found,
        getattr(request, "_page_cache_frame", None) or policy.Frame(),
        settings.PRIVATE_PAGE_CACHE_TIMEOUT,
    )
    return response
