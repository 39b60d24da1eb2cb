"""The Wagtail site of a request, looked up once per content generation.

Wagtail finds the site of every request with a query (an annotated, ordered lookup
joined to the root page) whose building costs more CPU than most of a page. Sites
change rarely and any change bumps the content generation (``cms.cache``): the site
found for a host and port is kept in the cache under it.

``find_site(request)`` sets what ``Site.find_for_request`` reads back
(``request._wagtail_site``): the page chrome uses it on every page, and
``SiteMiddleware`` (in ``MIDDLEWARE``, after the page cache) before Wagtail routes a page.
"""

from django.http.request import split_domain_port
from wagtail.models import Site

from . import cache_policy, generational


def _lookup(request):
    return Site._find_for_request(request)


def find_site(request):
    """``Site.find_for_request(request)``, from the cache when the generation is current."""
    if not hasattr(request, "_wagtail_site"):
        hostname = split_domain_port(request.get_host())[0]
        port = request.get_port()
        request._wagtail_site = generational.get_or_compute(
            f"wagtail-site:{hostname}:{port}",
            lambda: _lookup(request),
            scopes=cache_policy.ONLY_CONTENT,
        )
    return request._wagtail_site


def page_url_maker():
    """``url(url_path)``: a page's public URL from its stored ``url_path``, as Wagtail's
    ``page.url`` gives it, for lists of ``.values()`` rows (no site lookup per page).

    Relative when the project has one site, else absolute; None outside every site.
    """
    roots = sorted(Site.get_site_root_paths(), key=lambda r: -len(r.root_path))
    single = len(roots) == 1

    def url(url_path):
        for root in roots:
            if url_path.startswith(root.root_path):
                path = url_path[len(root.root_path) - 1 :]
                return path if single else root.root_url + path
        return None

    return url


class SiteMiddleware:
    """Finds the site of the requests Wagtail serves, before Wagtail looks it up itself."""

    def __init__(self, get_response):
        from wagtail.views import (
            serve,
        )  # needs the models: imported once apps are ready

        self.get_response = get_response
        self.wagtail_serve = serve

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is self.wagtail_serve:
            find_site(request)
