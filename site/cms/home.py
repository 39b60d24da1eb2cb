"""Key figures and « En ce moment » of the home page, contributed by the apps that own
the data through Wagtail hooks (``cms.hooks`` lists them all).

``register_key_figure``: a callable returning ``(value, label)``, or ``None`` when it
has nothing to show; the hook's ``order`` sorts figures left to right. Figures are
aggregates over whole tables (sums, counts): they are computed once per content
generation and language and kept in the cache until a write to any public scope
(``cms.cache_policy.EVERYTHING``) or the moment one of them says it turns wrong.

``register_happening_now``: a callable ``(request)`` returning ``{"key", "title",
"items": [{"title", "url", "meta"}], "empty", "more", "more_label"}`` or ``None``
(``more``: which of the home page's index links or quick accesses leads further), or
``{"key", "template"}`` for a block that is no list (« Ma commune », a form), so the
home page leads with what residents can do today without depending on the apps.

« Accès rapides »: the apps' ways in, each with a text its editors keep.
``register_home_index_page``: a callable returning a ``HomeIndexPage``: the app's index
page type, whose first live page below the home page gives a card (title, address, and
the text of its ``text_field``); read in the same query as the home page's own index
pages, and a target of ``more``. ``register_quick_access``: a callable ``(home,
request)`` returning a ``QuickAccess`` card that is no page of the tree, or ``None``.
Index pages' cards come first, each list in its hooks' ``order``.
"""

import hashlib
from dataclasses import dataclass

from django.utils.translation import get_language
from wagtail import hooks

from . import generational

KEY_FIGURE_HOOK = "register_key_figure"
HAPPENING_NOW_HOOK = "register_happening_now"
QUICK_ACCESS_HOOK = "register_quick_access"
HOME_INDEX_PAGE_HOOK = "register_home_index_page"


@dataclass(frozen=True)
class HomeIndexPage:
    """``key`` names it for ``more`` (e.g. ``consultations_index``); ``default_text``
    stands when the page's ``text_field`` is empty."""

    key: str
    page_type: type
    default_text: str
    text_field: str = "home_text"


@dataclass(frozen=True)
class QuickAccess:
    """``key`` names it for « En ce moment »'s ``more`` (e.g. ``consultations_index``)."""

    key: str
    title: str
    url: str
    text: str


def key_figure_providers():
    return hooks.get_hooks(KEY_FIGURE_HOOK)


def compute_key_figures():
    """``[(value, label), …]`` of every registered figure that has something to show."""
    figures = []
    for figure in key_figure_providers():
        result = figure()
        if result is not None:
            figures.append((str(result[0]), str(result[1])))
    return figures


def providers_version(hook_name=KEY_FIGURE_HOOK):
    """Changes with the registered callables (one registered for a test): a new key."""
    names = "|".join(
        f"{provider.__module__}.{getattr(provider, '__qualname__', repr(provider))}"
        for provider in hooks.get_hooks(hook_name)
    )
    return hashlib.blake2b(names.encode(), digest_size=6).hexdigest()


def get_key_figures():
    """The figures of the current content generation (computed on the first request)."""
    return generational.get_or_compute(
        f"home-key-figures:{providers_version()}:{get_language()}",
        compute_key_figures,
    )


def happening_now(request):
    blocks = []
    for provider in hooks.get_hooks(HAPPENING_NOW_HOOK):
        block = provider(request)
        if block is not None:
            blocks.append(block)
    return blocks


def home_index_pages():
    return [provider() for provider in hooks.get_hooks(HOME_INDEX_PAGE_HOOK)]


def quick_accesses(home, request):
    """The cards that are no index page; their providers read no table of their own
    (the page chrome brings the apps' settings, see ``cms.chrome``)."""
    accesses = []
    for provider in hooks.get_hooks(QUICK_ACCESS_HOOK):
        access = provider(home, request)
        if access is not None:
            accesses.append(access)
    return accesses
