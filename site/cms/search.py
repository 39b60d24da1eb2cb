"""One site search: pages, news, projects, published proposals and documents, grouped.

Each app registers its group (``register_search_group``) in its ``AppConfig.ready()``,
so the search page needs to know none of them. Every group searches with Wagtail's
database backend (PostgreSQL's French configuration in production, so that
« écoles » finds « école »).
"""

from django.utils.translation import gettext_lazy as _

_groups = {}


def register_search_group(order, key, label, search, present):
    """``search(request, query)`` returns Wagtail search results (sliceable, counted);
    ``present(obj, request)`` returns ``{"title", "url", "excerpt"}`` for one of them."""
    _groups[key] = (order, key, label, search, present)


def search_models(queryset, query):
    """Wagtail's search on a plain model's queryset (pages and documents have
    ``.search()`` of their own)."""
    from wagtail.search.backends import get_search_backend

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
                    "items": [present(obj, request) for obj in results[:per_group]],
                }
            )
    return found


def _pages(request, query):
    from wagtail.models import Page

    from .models import NewsPage
    from .restrictions import public

    return public(Page.objects.live(), request).not_type(NewsPage).search(query)


def _news(request, query):
    from .models import NewsPage
    from .restrictions import public

    return public(NewsPage.objects.live(), request).search(query)


def _present_page(page, request):
    page = page.specific_deferred
    return {
        "title": page.title,
        "url": page.get_url(request),
        "excerpt": page.get_meta_description(),
    }


def _documents(request, query):
    """Documents of the collections nobody restricted (nor any of their parents)."""
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    public = [
        collection.pk
        for collection in Collection.objects.all()
        if not collection.get_view_restrictions().exists()
    ]
    return get_document_model().objects.filter(collection__in=public).search(query)


def _present_document(document, request):
    extension = document.file_extension.upper()
    return {"title": document.title, "url": document.url, "excerpt": extension}


def register_cms_groups():
    register_search_group(10, "pages", _("Pages"), _pages, _present_page)
    register_search_group(20, "actualites", _("Actualités"), _news, _present_page)
    register_search_group(
        90, "documents", _("Documents"), _documents, _present_document
    )
