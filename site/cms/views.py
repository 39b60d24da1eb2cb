from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

from .decorators import cache_anonymous_view
from .pagination import paginate
from .restrictions import public

SEARCH_MAX_LENGTH = 200


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /compte/",
        "Disallow: /espace-elus/",
        "Disallow: /recherche/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )


@require_GET
@cache_anonymous_view
def search(request):
    """Full-text search over published pages (Wagtail's database backend, French config)."""
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    results = None
    if query:
        results = paginate(request, public(Page.objects.live(), request).search(query))
    return TemplateResponse(
        request, "cms/search.html", {"search_query": query, "results": results}
    )


class PageSitemap(Sitemap):
    """Wagtail's page sitemap in a fixed number of queries, not one per page type.

    ``get_sitemap_urls`` only reads the base page's fields, so the specific fields
    can stay deferred.
    """

    def items(self):
        return super().items().specific(defer=True)


@require_GET
@cache_anonymous_view
def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"wagtail": PageSitemap})
