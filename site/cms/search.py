"""One site search: pages, news, projects, published proposals and documents, grouped.

Each app registers its group through the ``register_search_group`` Wagtail hook
(``cms.hooks``; ``order=`` sorts the groups), cms its own in its ``wagtail_hooks.py``,
so the search page needs to know none of them. Every group searches with Wagtail's
database backend (PostgreSQL's French configuration in production, so that
« écoles » finds « école »).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page
from wagtail.search.backends import get_search_backend

from .models import NewsPage
from .restrictions import public

SEARCH_GROUP_HOOK = "register_search_group"


@dataclass(frozen=True)
class SearchGroup:
    """``search(request, query)`` returns Wagtail search results (sliceable, counted);
    ``present(objects, request)`` returns ``{"title", "url", "excerpt"}`` for each of a
    page of them (all at once: the number of queries stays flat)."""

    key: str
    label: str
    search: Callable
    present: Callable


def search_models(queryset, query):
    """Wagtail's search on a plain model's queryset (pages and documents have
    ``.search()`` of their own)."""
    return get_search_backend().search(query, queryset)


def groups():
    """The registered groups, in the hooks' order."""
    return [group() for group in hooks.get_hooks(SEARCH_GROUP_HOOK)]


def search_groups(request, query, per_group):
    """``[{"key", "label", "count", "items"}]`` of the groups that found something."""
    found = []
    for group in groups():
        results = group.search(request, query)
        count = results.count()
        if count:
            found.append(
                {
                    "key": group.key,
                    "label": group.label,
                    "count": count,
                    "items": group.present(list(results[:per_group]), request),
                }
            )
    return found


def _pages(request, query):
    return public(Page.objects.live(), request).not_type(NewsPage).search(query)


def _news(request, query):
    return public(NewsPage.objects.live(), request).search(query)


def _present_pages(pages, request):
    specific = (
        Page.objects.filter(pk__in=[page.pk for page in pages])
        .specific()
        .defer_streamfields()
    )
    by_pk = {page.pk: page for page in specific}
    return [
        {
            "title": page.title,
            "url": page.get_url(request),
            "excerpt": page.get_meta_description(),
        }
        for page in (by_pk.get(page.pk, page) for page in pages)
    ]


def _documents(request, query):
    """Documents of the collections nobody restricted (nor any of their parents)."""
    documents = get_document_model().objects.all()
    restricted = list(
        CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    )
    if restricted:
        open_collections = [
            pk
            for pk, path in Collection.objects.values_list("pk", "path")
            if not any(path.startswith(prefix) for prefix in restricted)
        ]
        documents = documents.filter(collection__in=open_collections)
    return documents.search(query)


def _present_news(articles, request):
    return [
        {
            "title": article.title,
            "url": article.get_url(request),
            "excerpt": article.get_meta_description(),
        }
        for article in articles
    ]


def _present_documents(documents, request):
    return [
        {
            "title": document.title,
            "url": document.url,
            "excerpt": document.file_extension.upper(),
        }
        for document in documents
    ]


def pages_group():
    return SearchGroup("pages", _("Pages"), _pages, _present_pages)


def news_group():
    return SearchGroup("actualites", _("Actualités"), _news, _present_news)


def documents_group():
    return SearchGroup("documents", _("Documents"), _documents, _present_documents)
