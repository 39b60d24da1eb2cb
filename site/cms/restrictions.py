"""Which pages are private, read once per content generation.

Wagtail's ``PageQuerySet.public()`` reads every view restriction at each call (one query
per list on a page). The restricted sections change only when a restriction is saved or
deleted, which bumps the content generation (``cms.cache``): their paths are kept in the
cache under it.
"""

from django.core.cache import cache as django_cache
from django.db.models import Q
from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet

from . import cache

TIMEOUT = 3600


def restricted_paths():
    """Tree paths of the pages holding a view restriction (their subtrees are private)."""
    key = f"page-restrictions:{cache.generation()}"
    paths = django_cache.get(key)
    if paths is None:
        paths = sorted(
            set(PageViewRestriction.objects.values_list("page__path", flat=True))
        )
        django_cache.set(key, paths, TIMEOUT)
    return paths


def private_q():
    """Matches the pages of a private section, like ``PageQuerySet.private_q()``."""
    q = Q()
    for path in restricted_paths():
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def public(queryset):
    """``queryset.public()`` without reading the restrictions again."""
    return queryset.exclude(private_q())


class PublicPageQuerySet(PageQuerySet):
    """A page queryset whose ``public()`` uses the cached restricted sections."""

    def public(self):
        return public(self)

    def not_public(self):
        return self.filter(private_q())
