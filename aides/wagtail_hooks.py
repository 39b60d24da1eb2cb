"""Registrations only: the admin code lives in ``aides.admin``."""

from wagtail import hooks

from cms import cache_policy

from .admin.viewsets import AidSchemeViewSet


@hooks.register("register_admin_viewset")
def register_aides_viewsets():
    return AidSchemeViewSet("aides_schemes")


# What the page cache keeps of aides, and what a write to its tables stales.
@hooks.register("register_page_cache_scopes")
def page_cache_scopes():
    return {"aides.aidfinderpage": cache_policy.ONLY_CONTENT}


@hooks.register("register_cache_scopes")
def view_cache_scopes():
    return dict.fromkeys(
        ["aides:catalogue_csv", "aides:catalogue_json"],
        cache_policy.ONLY_CONTENT,
    )


@hooks.register("register_write_cache_scopes")
def write_cache_scopes():
    return {"aides": cache_policy.CONTENT}
