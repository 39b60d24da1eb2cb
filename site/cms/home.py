"""Key figures of the home page, contributed by the apps that own the data.

An app calls ``register_key_figure(order, figure)`` in its ``AppConfig.ready()``; ``figure``
is a callable returning ``(value, label)`` — or ``None`` when it has nothing to show —
evaluated at each rendering (anonymous pages are cached anyway).
"""

_registry = {}


def register_key_figure(order, figure):
    """Register (or replace) a figure; ``order`` sorts figures left to right."""
    _registry[getattr(figure, "__qualname__", repr(figure)), figure.__module__] = (
        order,
        figure,
    )
    return figure


def unregister_key_figure(figure):
    _registry.pop(
        (getattr(figure, "__qualname__", repr(figure)), figure.__module__), None
    )


def get_key_figures():
    """``[(value, label), …]`` of every registered figure that has something to show."""
    figures = []
    for _order, figure in sorted(_registry.values(), key=lambda item: item[0]):
        result = figure()
        if result is not None:
            figures.append(result)
    return figures
