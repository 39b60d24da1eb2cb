"""Sections other apps add to "Mon compte" (participation: "Mes contributions").

Call from ``AppConfig.ready()``::

    from accounts import dashboard

    dashboard.register_section(
        "participation/account_contributions.html",
        contributions_context,  # callable(request) -> dict
        order=10,
    )

Each section's template renders a ``<section>`` starting with an ``<h2>``; its
context callable must use a fixed number of queries.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string


@dataclass(frozen=True)
class DashboardSection:
    template_name: str
    context_callable: object
    order: int = 100

    def render(self, request):
        return render_to_string(
            self.template_name, self.context_callable(request), request=request
        )


SECTIONS = {}


def register_section(template_name, context_callable, order=100):
    """Register (or replace, keyed by template) a section of the dashboard."""
    SECTIONS[template_name] = DashboardSection(template_name, context_callable, order)


def render_sections(request):
    ordered = sorted(SECTIONS.values(), key=lambda s: (s.order, s.template_name))
    return [section.render(request) for section in ordered]
