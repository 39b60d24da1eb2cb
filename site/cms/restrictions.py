"""Which pages are private, read once per content generation.

Wagtail's ``PageQuerySet.public()`` reads every view restriction at each call (one query
per list on a page). The restricted sections change only when a restriction is saved or
deleted, which bumps the content generation (``cms.cache``): their paths are kept in the
cache under it.
"""

from django.db.models import Q
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
