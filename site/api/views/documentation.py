"""The OpenAPI schema, its documentation page, and the 404 of everything else."""

import functools

from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from cms.decorators import cache_anonymous_view

from ..messages import method_not_allowed
from ..schema import ApiSchemaGenerator


def not_found(request, rest=""):
    """Anything else under ``/api/v1/``: a JSON 404, or the address with its slash."""
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path_info + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                request.path + "/" + (f"?{query}" if query else "")
            )
    return JsonResponse({"detail": str(_("Introuvable."))}, status=404)


# --- the schema and its documentation page ------------------------------------------


@functools.cache
def openapi_schema():
    """The OpenAPI document of ``/api/v1/``, generated once per process."""
    return ApiSchemaGenerator().get_schema(request=None, public=True)


class SchemaView(SpectacularAPIView):
    """``/api/v1/schema/``: JSON by default, YAML with ``?format=yaml``."""

    renderer_classes = [OpenApiJsonRenderer, OpenApiYamlRenderer]
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []
    http_method_names = ["get", "head"]

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise method_not_allowed(request.method)

    def _get_schema_response(self, request):
        suffix = self.perform_content_negotiation(request, force=True)[0].format
        return Response(
            data=openapi_schema(),
            headers={
                "Content-Disposition": f'inline; filename="api-grand-quercy.{suffix}"'
            },
        )


def _type_label(schema, components):
    if "$ref" in schema:
        schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
    if "allOf" in schema:
        return _type_label(schema["allOf"][0], components)
    if "oneOf" in schema:
        labels = (_type_label(option, components) for option in schema["oneOf"])
        return " ou ".join(label for label in labels if label)
    if "enum" in schema:
        values = [value for value in schema["enum"] if value not in ("", None)]
        return "texte : " + ", ".join(values) if values else "chaîne vide"
    kind = schema.get("type", "object")
    if kind == "array":
        return f"liste [{_type_label(schema.get('items', {}), components)}]"
    if kind == "object" and schema.get("properties"):
        return f"objet ({', '.join(schema['properties'])})"
    if kind == "string" and schema.get("format") in STRING_FORMATS:
        return STRING_FORMATS[schema["format"]]
    return {
        "integer": "entier",
        "number": "nombre",
        "string": "texte",
        "boolean": "booléen",
        "object": "objet",
    }.get(kind, kind)


STRING_FORMATS = {
    "date-time": "date et heure (ISO 8601)",
    "date": "date (ISO 8601)",
    "uri": "adresse web",
}


def _description(spec):
    """The description without the list of values drf-spectacular appends to enums."""
    return spec.get("description", "").split("\n\n* `")[0]


def documentation_context(schema):
    components = schema.get("components", {}).get("schemas", {})
    endpoints = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            response = operation["responses"]["200"]["content"]["application/json"]
            ref = response["schema"].get("$ref", "")
            name = ref.rsplit("/", 1)[-1]
            is_list = name.startswith("Paginated")
            item_name = components.get(name, {})
            if is_list:
                results = item_name["properties"]["results"]["items"]["$ref"]
                item_name = components[results.rsplit("/", 1)[-1]]
            endpoints.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "id": operation["operationId"],
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "is_list": is_list,
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "location": parameter["in"],
                            "type": _type_label(
                                parameter.get("schema", {}), components
                            ),
                            "description": _description(parameter),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "fields": [
                        {
                            "name": field,
                            "type": _type_label(spec, components),
                            "nullable": spec.get("nullable", False),
                            "description": _description(spec),
                        }
                        for field, spec in item_name.get("properties", {}).items()
                    ],
                }
            )
    return {"schema_info": schema["info"], "endpoints": endpoints}


@require_safe
@cache_anonymous_view
def documentation(request):
    return render(
        request, "api/documentation.html", documentation_context(openapi_schema())
    )
