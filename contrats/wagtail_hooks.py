"""Registrations only: the admin code lives in ``contrats.admin``."""

from wagtail import hooks

from cms import cache_policy

from . import home, search
from .admin.choosers import project_chooser_viewset
from .admin.viewsets import ContratsGroup
from .figures import key_figure_funding, key_figure_projects


@hooks.register("register_admin_viewset")
def register_contrats_viewsets():
    return [ContratsGroup(), project_chooser_viewset]


# The home page's key figures and quick access, the site search's group (cms.hooks).
hooks.register("register_key_figure", key_figure_projects, order=30)
hooks.register("register_key_figure", key_figure_funding, order=31)
hooks.register("register_home_index_page", home.contracts_index, order=10)
hooks.register("register_happening_now", home.my_commune, order=20)
hooks.register("register_search_group", search.projects, order=30)


# What the page cache keeps of contrats, and what a write to its tables stales.
@hooks.register("register_page_cache_scopes")
def page_cache_scopes():
    return {
        "contrats.contractsindexpage": cache_policy.ONLY_CONTENT,
        "contrats.contractpage": cache_policy.ONLY_CONTENT,
    }


@hooks.register("register_cache_scopes")
def view_cache_scopes():
    return dict.fromkeys(
        [
            "contrats:project_list",
            "contrats:project_detail",
            "contrats:project_map",
            "contrats:project_points",
            "contrats:zoning_map",
            "contrats:programme_detail",
        ],
        cache_policy.ONLY_CONTENT,
    )


@hooks.register("register_write_cache_scopes")
def write_cache_scopes():
    return {"contrats": cache_policy.CONTENT}
