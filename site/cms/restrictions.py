"""Which pages are private, read once per content generation.

Wagtail's ``PageQuerySet.public()`` reads every view restriction at each call (one query
per list on a page). The restricted sections change only when a restriction is saved or
deleted, which bumps the content generation (``cms.cache``): their paths are kept in the
cache under it.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from . import cache_policy, generational


def _load():
    restricted = set(PageViewRestriction.objects.values_list("page__path", flat=True))
    # A page's restrictions include those of the page its ancestors are aliases of.
    aliases = (
        set(
            Page.objects.filter(alias_of__view_restrictions__isnull=False).values_list(
                "path", flat=True
            )
        )
        if restricted
        else set()
    )
    return {"restricted": sorted(restricted), "guarded": sorted(restricted | aliases)}


def paths(request=None):
    """``{"restricted": [...], "guarded": [...]}``, read once per request when given one."""
    found = getattr(request, "_cms_restrictions", None)
    if found is None:
        found = generational.get_or_compute(
            "page-restrictions", _load, scopes=cache_policy.ONLY_CONTENT
        )
        if request is not None:
            request._cms_restrictions = found
    return found


def restricted_paths(request=None):
    """Tree paths of the pages holding a view restriction (their subtrees are private)."""
    return paths(request)["restricted"]


def may_be_restricted(page):
    """False when no view restriction can apply to ``page`` (nor through an alias).

    Uses the restrictions kept on the page while routing (``_cms_restrictions``).
    """
    guarded = (getattr(page, "_cms_restrictions", None) or paths())["guarded"]
    if page.alias_of_id is not None and guarded:
        return True
    return any(page.path.startswith(path) for path in guarded)


def private_q(request=None, prefix=""):
    """Matches the pages of a private section, like ``PageQuerySet.private_q()``.

    ``prefix`` reaches the page through a relation (``"page__"`` for a page's items).
    """
    q = Q()
    for path in restricted_paths(request):
        q |= Q(**{f"{prefix}path__startswith": path})
    return q if q else Q(pk__in=[])


def public(queryset, request=None):
    """``queryset.public()`` without reading the restrictions again."""
    return queryset.exclude(private_q(request))


class PublicPageQuerySet(PageQuerySet):
    """A page queryset whose ``public()`` uses the cached restricted sections."""

    def public(self, request=None):
        return public(self, request)

    def not_public(self, request=None):
        return self.filter(private_q(request))


# --- what lies under a page: proposals, comments, their actions ----------------------


def _view_restrictions(request):
    """Every view restriction with its page, read once per request (none: no query)."""
    found = getattr(request, "_cms_view_restrictions", None)
    if found is None:
        found = []
        if restricted_paths(request):
            found = list(
                PageViewRestriction.objects.select_related("page").prefetch_related(
                    "groups"
                )
            )
        request._cms_view_restrictions = found
    return found


def _refused(page_path, request):
    """The restrictions over ``page_path`` that ``request`` has not passed."""
    return [
        restriction
        for restriction in _view_restrictions(request)
        if page_path.startswith(restriction.page.path)
        and not restriction.accept_request(request)
    ]


def visible_to(queryset, request, prefix=""):
    """``queryset`` without what lies under a restriction ``request`` has not passed
    (a password not given, a sign-in or a group missing).

    ``prefix`` reaches the page from the rows: ``"consultation__"`` for proposals and
    comments. Shared outputs (open data, feeds, the API, the sitemap) use ``public()``:
    they never show a restricted section, whoever asks.
    """
    q = Q()
    for restriction in _view_restrictions(request):
        if not restriction.accept_request(request):
            q |= Q(**{f"{prefix}path__startswith": restriction.page.path})
    return queryset.exclude(q) if q else queryset


def restricted_response(page, request):
    """What Wagtail answers for ``page`` itself (its password form, or the sign-in) when
    ``request`` has not passed its restrictions; None when it has.

    Pages under a consultation that are not Wagtail pages (a proposal) call it, so that
    the restriction follows the content.
    """
    # Imported when called: both modules need the models, which import this one.
    from wagtail.forms import PasswordViewRestrictionForm
    from wagtail.wagtail_hooks import require_wagtail_login

    for restriction in _refused(page.path, request):
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            form = PasswordViewRestrictionForm(
                instance=restriction, initial={"return_url": request.get_full_path()}
            )
            action_url = reverse(
                "wagtailcore_authenticate_with_password",
                args=[restriction.id, restriction.page_id],
            )
            response = page.serve_password_required_response(request, form, action_url)
        else:
            response = require_wagtail_login(next=request.get_full_path())
        add_never_cache_headers(response)
        return response
    return None


def may_see(page, request):
    """True when ``request`` passed every restriction over ``page``."""
    return not _refused(page.path, request)
