"""Key figures of the home page, contributed by the apps that own the data.

An app calls ``register_key_figure(order, figure)`` in its ``AppConfig.ready()``; ``figure``
is a callable returning ``(value, label)`` — or ``None`` when it has nothing to show.

Figures are aggregates over whole tables (sums, counts): they are computed once and
language and kept in the cache until a write to any public scope
(``cms.cache_policy.EVERYTHING``) or the moment one of them says it turns wrong.
"""

from django.utils.translation import get_language

from . import generational

_registry = {}
_registry_version = [0]  # changes when a figure is (un)registered: a new cache key


def register_key_figure(order, figure):
    """Register (or replace) a figure; ``order`` sorts figures left to right."""
    _registry[getattr(figure, "__qualname__", repr(figure)), figure.__module__] = (
        order,
        figure,
    )
    _registry_version[0] += 1
    return figure


def unregister_key_figure(figure):
    _registry.pop(
        (getattr(figure, "__qualname__", repr(figure)), figure.__module__), None
    )
    _registry_version[0] += 1


def compute_key_figures():
    """``[(value, label), …]`` of every registered figure that has something to show."""
    figures = []
    for _order, figure in sorted(_registry.values(), key=lambda item: item[0]):
        result = figure()
        if result is not None:
            figures.append((str(result[0]), str(result[1])))
    return figures


def get_key_figures():
    """The figures of the current content generation (computed on the first request)."""
    return generational.get_or_compute(
        f"home-key-figures:{_registry_version[0]}:{get_language()}",
        compute_key_figures,
    )


_now_registry = {}


def register_happening_now(order, provider):
    """Register a block of the home page's « En ce moment » (e.g. open consultations).

    ``provider(request)`` returns ``{"key", "title", "items": [{"title", "url",
    "meta"}], "empty", "more", "more_label"}`` or ``None`` (``more``: which of the home
    page's index links leads further); apps register theirs so the home page leads
    with what residents can do today without depending on them.
    """
    _now_registry[provider.__module__, provider.__qualname__] = (order, provider)
    return provider


def happening_now(request):
    blocks = []
    for _order, provider in sorted(_now_registry.values(), key=lambda item: item[0]):
        block = provider(request)
        if block is not None:
            blocks.append(block)
    return blocks
