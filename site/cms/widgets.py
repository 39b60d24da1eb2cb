"""Form rendering without a template per option or per empty error list.

Django renders each ``<option>`` through two template includes and each field's empty
error list through two more: on a list of 150 communes that was most of a page's cost.
Every app's forms use these instead: the markup is Django's own.
"""

from django import forms
from django.utils.html import escape
from django.utils.safestring import mark_safe


def option_html(value, label):
    """One ``<option>``, escaped, as a ``(value, html)`` pair."""
    value = "" if value is None else str(value)
    return value, f'<option value="{escape(value)}">{escape(label)}</option>'


def attributes_html(attrs):
    """Attributes escaped and in their order, as Django's ``attrs.html`` writes them
    (``flatatt`` would move the boolean ones last)."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _options(choices):
    """``(value, html)`` pairs; an optgroup's opening and closing tags have no value."""
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            yield None, f'<optgroup label="{escape(value)}">'
            yield from (option_html(*choice) for choice in label)
            yield None, "</optgroup>"
        else:
            yield option_html(value, label)


class FastSelect(forms.Select):
    """A ``<select>`` written in one pass, option groups included.

    ``options`` may hold the options already written, as ``(value, html)`` pairs: long
    lists are then escaped once per content generation, not on every request.
    """

    options = None

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        options = self.options or _options(self.choices)
        return mark_safe(  # noqa: S308 (every value is escaped)
            f'<select name="{escape(name)}"{attributes_html(final_attrs)}>\n  '
            + "\n  ".join(
                html.replace(">", " selected>", 1)
                if option is not None and option in selected
                else html
                for option, html in options
            )
            + "\n</select>"
        )


class LeanFields:
    """Fields rendered with Django's markup, without templates for empty error lists."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.template_name is None:
                field.template_name = "cms/forms/field.html"
