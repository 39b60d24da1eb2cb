from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from . import search as site_search
from .decorators import cache_anonymous_view
from .pagination import paginate

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
    """One search over pages, news, projects, proposals and documents (cms.search),
    grouped; ``groupe=`` pages through one group's results."""
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    context = {"search_query": query, "groups": [], "total": 0}
    chosen = {group.key: group for group in site_search.groups()}.get(
        request.GET.get("groupe", "")
    )
    if query and chosen:
        results = paginate(request, chosen.search(request, query))
        results.object_list = chosen.present(list(results.object_list), request)
        context.update(
            group_label=chosen.label, results=results, total=results.paginator.count
        )
    elif query:
        context["groups"] = site_search.search_groups(request, query, per_group=5)
        context["total"] = sum(group["count"] for group in context["groups"])
    return TemplateResponse(request, "cms/search.html", context)


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
