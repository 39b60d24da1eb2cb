from django.urls import include, path
from drf_spectacular.generators import SchemaGenerator


class ApiSchemaGenerator(SchemaGenerator):
    """The schema of ``/api/v1/`` alone, not of Wagtail's admin API (which uses DRF too).

    ``SPECTACULAR_SETTINGS["DEFAULT_GENERATOR_CLASS"]``: used by the schema view and by
    drf-spectacular's ``check --deploy``, which then reports on this API only.
    """

    def __init__(self, *args, **kwargs):
        if kwargs.get("patterns") is None and kwargs.get("urlconf") is None:
            kwargs["patterns"] = [path("api/v1/", include("api.urls"))]
        super().__init__(*args, **kwargs)
