"""Every admin screen of the project answers a refusal the same way (``cms.admin.refusals``):
a 403 stating the reason, not Wagtail's redirection to the dashboard (the pages
themselves: tests/participation/test_admin_refusals.py, tests/ops/test_admin.py)."""

from django.urls import URLResolver, get_resolver
from wagtail.admin.viewsets import viewsets

PROJECT = {
    "accounts",
    "aides",
    "api",
    "cms",
    "contrats",
    "mayors",
    "ops",
    "outbox",
    "participation",
}


def callbacks(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from callbacks(pattern.url_patterns)
        else:
            yield pattern


def served_namespaces(patterns, namespaces):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in namespaces:
                yield pattern
            else:
                yield from served_namespaces(pattern.url_patterns, namespaces)


def test_every_admin_screen_of_the_project_explains_its_refusals():
    urls = get_resolver().url_patterns  # the admin's URLs, and so its viewsets, loaded
    project = {
        viewset.url_namespace
        for viewset in viewsets.viewsets
        if type(viewset).__module__.split(".")[0] in PROJECT
    }
    assert len(project) > 15
    served = list(served_namespaces(urls, project))
    assert {resolver.namespace for resolver in served} == project
    unexplained = [
        f"{resolver.namespace}:{pattern.name}"
        for resolver in served
        for pattern in callbacks(resolver.url_patterns)
        if not getattr(pattern.callback, "explains_refusals", False)
    ]
    assert unexplained == []
