"""One refusal path in the admin, as on the public site: a view raises PermissionDenied
with its French reason (``cms.permissions.refusal``) and the answer is a 403 that states
it, inside the admin's chrome.

Wagtail's ``require_admin_access``, around every admin URL, would turn the exception
into a redirection to the dashboard with a generic message; ``explain_refusals`` answers
it first. The viewset bases of ``cms.admin.viewsets`` apply it to every URL they give
Wagtail, so no project admin view can take the other path.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

DEFAULT_REASON = _(
    "Votre compte ne permet pas cette action dans l’administration : "
    "demandez-la à une personne de l’équipe qui en a le rôle."
)


class RefusedView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "cms/admin/refused.html"
    page_title = _("Accès refusé")
    header_icon = "lock"
    reason = None

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(reason=self.reason or DEFAULT_REASON, **kwargs)


def refused(request, exception=None):
    """The 403 answer to ``exception``, whatever the method: its message, or a general
    French one."""
    reason = str(exception.args[0]) if exception and exception.args else None
    view = RefusedView(reason=reason)
    view.setup(request)
    return view.render_to_response(view.get_context_data(), status=403)


def explain_refusals(view):
    """A view decorator: a PermissionDenied becomes the 403 that states its reason."""
    if getattr(view, "explains_refusals", False):
        return view

    @wraps(view)
    def explained(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as exception:
            return refused(request, exception)

    explained.explains_refusals = True
    return explained


def explain_urlpatterns(urlpatterns):
    """``explain_refusals`` around every view of ``urlpatterns`` (and their includes)."""
    for pattern in urlpatterns:
        if hasattr(pattern, "url_patterns"):
            explain_urlpatterns(pattern.url_patterns)
        if getattr(pattern, "callback", None):
            pattern.callback = explain_refusals(pattern.callback)
    return urlpatterns


class ExplainedRefusals:
    """For an admin ViewSet: each URL it gives Wagtail answers refusals with their
    reason, including those of subclasses that write their own ``get_urlpatterns``."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("get_urlpatterns")
        if own is not None:

            @wraps(own)
            def get_urlpatterns(self):
                return explain_urlpatterns(own(self))

            cls.get_urlpatterns = get_urlpatterns

    def get_urlpatterns(self):
        return explain_urlpatterns(super().get_urlpatterns())
