"""Residents write plain text: escaped, paragraphs kept, links clickable but not endorsed."""

from django.template.defaultfilters import linebreaks_filter
from django.utils.html import urlize
from django.utils.safestring import mark_safe


def render_plain(text):
    """urlize escapes everything that is not a link; links get rel="nofollow ugc"."""
    linked = urlize(text, nofollow=False, autoescape=True)
    linked = linked.replace("<a href=", '<a rel="nofollow ugc" href=')
    return mark_safe(linebreaks_filter(linked, autoescape=False))  # noqa: S308
