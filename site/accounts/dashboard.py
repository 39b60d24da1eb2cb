"""Sections other apps add to "Mon compte" (participation: "Mes contributions").

Declared in the app's ``wagtail_hooks.py`` (``cms.hooks`` lists every hook)::

    from accounts.dashboard import DashboardSection

    @hooks.register("register_dashboard_section", order=10)
    def contributions():
        return DashboardSection(
            "participation/account/contributions.html",
            contributions_context,  # callable(request) -> dict
        )

``region`` says where the section goes: ``"notices"`` above the profile (a warning),
``"profile"`` inside « Mon profil » (``<dt>``/``<dd>`` pairs), ``"sections"`` (the
default) below it, each a ``<section>`` starting with an ``<h2>``. A context callable
must use a fixed number of queries.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from wagtail import hooks

HOOK = "register_dashboard_section"
REGIONS = ("notices", "profile", "sections")


@dataclass(frozen=True)
class DashboardSection:
    template_name: str
    context_callable: object
    region: str = "sections"

    def render(self, request):
        return render_to_string(
            self.template_name, self.context_callable(request), request=request
        )


def render_sections(request):
    """``{region: [html, …]}`` in the hooks' order."""
    rendered = {region: [] for region in REGIONS}
    for hook in hooks.get_hooks(HOOK):
        section = hook()
        rendered[section.region].append(section.render(request))
    return rendered
