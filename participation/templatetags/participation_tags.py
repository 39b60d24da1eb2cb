from django import template

from .. import charter
from ..text import render_plain

register = template.Library()


@register.filter
def plain_text(value):
    """A resident's text, escaped, with paragraphs and safe links."""
    return render_plain(value or "")


@register.simple_tag(takes_context=True)
def query_string(context, **changes):
    """The current query string with some parameters replaced (None removes one)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def charter_url(context):
    """The published participation charter's address ("" when none is chosen)."""
    return charter.charter_url(context["request"])
