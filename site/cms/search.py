"""One site search: pages, news, projects, published proposals and documents, grouped.

Each app registers its group (``register_search_group``) in its ``AppConfig.ready()``,
so the search page needs to know none of them. Every group searches with Wagtail's
database backend (PostgreSQL's French configuration in production, so that
« écoles » finds « école »).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page
from wagtail.search.backends import get_search_backend

from .models import NewsPage
from .restrictions import public

_groups = {}


def register_search_group(order, key, label, search, present):
    """``search(request, query)`` returns Wagtail search results (sliceable, counted);
    ``present(objects, request)`` returns ``{"title", "url", "excerpt"}`` for each of a
    page of them (all at once: the number of queries stays flat)."""
    _groups[key] = (order, key, label, search, present)


def search_models(queryset, query):
    """Wagtail's search on a plain model's queryset (pages and documents have
    ``.search()`` of their own)."""
    return get_search_backend().search(query, queryset)


def groups():
    return [entry[1:] for entry in sorted(_groups.values(), key=lambda e: e[0])]


def search_groups(request, query, per_group):
    """``[{"key", "label", "count", "items"}]`` of the groups that found something."""
    found = []
    for key, label, search, present in groups():
        results = search(request, query)
        count = results.count()
        if count:
            found.append(
                {
                    "key": key,
                    "label": label,
                    "count": count,
                    "items": present(list(results[:per_group]), request),
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


def register_cms_groups():
    register_search_group(10, "pages", _("Pages"), _pages, _present_pages)
    register_search_group(20, "actualites", _("Actualités"), _news, _present_news)
    register_search_group(
        90, "documents", _("Documents"), _documents, _present_documents
    )
