"""What contracts pages compute once per content generation: explorer vocabulary,
strategy trees, project and commune sections."""

from django.utils.translation import get_language

from cms.cache_policy import ONLY_CONTENT
from cms.generational import get_or_compute


def per_generation(name, compute):
    """``compute()`` once per content generation and language (``cms.generational``)."""
    return get_or_compute(
        f"contrats:{name}:{get_language()}", compute, scopes=ONLY_CONTENT
    )
