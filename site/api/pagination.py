from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination

from .messages import french


class PageQuery(serializers.Serializer):
    page = serializers.IntegerField(
        min_value=1, required=False, error_messages=french(serializers.IntegerField)
    )
    page_size = serializers.IntegerField(
        min_value=1,
        max_value=100,
        required=False,
        error_messages=french(serializers.IntegerField),
    )


class Pagination(PageNumberPagination):
    """``?page=`` and ``?page_size=`` (100 at most); ``count``, ``next``, ``previous``.

    Strict: a page or page size that is not a number in range is a 400, a page past
    the last one a 404; nothing is silently replaced by a default.
    """

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    last_page_strings = ()
    page_query_description = _("Numéro de la page de résultats (à partir de 1).")
    page_size_query_description = _(
        "Nombre de résultats par page (20 par défaut, 100 au plus)."
    )
    invalid_page_message = _("Page introuvable.")

    def paginate_queryset(self, queryset, request, view=None):
        # A plain dict: "?page=" is an error, not the first page.
        query = PageQuery(data=dict(request.query_params.items()))
        query.is_valid(raise_exception=True)
        self.validated = query.validated_data
        return super().paginate_queryset(queryset, request, view)

    def get_page_size(self, request):
        return self.validated.get("page_size", self.page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        properties = response["properties"]
        properties["count"].update(
            description=str(_("Nombre total de résultats.")), example=57
        )
        properties["next"].update(
            description=str(_("Page suivante, ou null.")),
            example="https://www.grandquercy.fr/api/v1/projects/?page=3",
        )
        properties["previous"].update(
            description=str(_("Page précédente, ou null.")),
            example="https://www.grandquercy.fr/api/v1/projects/?page=1",
        )
        return response
