"""``/api/v1/``: the documentation page, the OpenAPI schema and the endpoints."""

from django.urls import path, re_path
from django.views.decorators.vary import vary_on_headers

from cms.decorators import cache_anonymous_view

from . import views

app_name = "api"


def endpoint(viewset, name, lookup="<int:id>"):
    """A list and a detail route, both through the anonymous page cache."""
    routes = [
        path(
            f"{name}/",
            cache_anonymous_view(viewset.as_view({"get": "list"})),
            name=f"{name}-list",
        )
    ]
    if lookup:
        routes.append(
            path(
                f"{name}/{lookup}/",
                cache_anonymous_view(viewset.as_view({"get": "retrieve"})),
                name=f"{name}-detail",
            )
        )
    return routes


urlpatterns = [
    path("", views.documentation, name="documentation"),
    # Not page-cached: its content depends on Accept (JSON or YAML), which the page
    # cache's key ignores; the document is built once per process anyway.
    path(
        "schema/",
        vary_on_headers("Accept")(views.SchemaView.as_view()),
        name="schema",
    ),
    *endpoint(views.ConsultationViewSet, "consultations"),
    *endpoint(views.ProposalViewSet, "proposals"),
    *endpoint(views.AnswerViewSet, "answers", lookup=None),
    *endpoint(views.ProjectViewSet, "projects"),
    *endpoint(views.AidSchemeViewSet, "aid-schemes"),
    *endpoint(views.CommuneViewSet, "communes", lookup="<str:insee_code>"),
    re_path(r"^(?P<rest>.*)$", views.not_found),
]
