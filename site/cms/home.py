"""Key figures and « En ce moment » of the home page, contributed by the apps that own
the data through Wagtail hooks (``cms.hooks`` lists them all).

``register_key_figure``: a callable returning ``(value, label)``, or ``None`` when it
has nothing to show; the hook's ``order`` sorts figures left to right. Figures are
aggregates over whole tables (sums, counts): they are computed once per content
generation and language and kept in the cache until a write to any public scope
(``cms.cache_policy.EVERYTHING``) or the moment one of them says it turns wrong.

``register_happening_now``: a callable ``(request)`` returning ``{"key", "title",
"items": [{"title", "url", "meta"}], "empty", "more", "more_label"}`` or ``None``
(``more``: which of the home page's index links leads further), so the home page leads
with what residents can do today without depending on the apps.
"""

import hashlib

from django.utils.translation import get_language
from wagtail import hooks

from . import generational

KEY_FIGURE_HOOK = "register_key_figure"
HAPPENING_NOW_HOOK = "register_happening_now"


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


def providers_version():
    """Changes with the registered figures (one registered for a test): a new key."""
    names = "|".join(
        f"{figure.__module__}.{getattr(figure, '__qualname__', repr(figure))}"
        for figure in key_figure_providers()
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
