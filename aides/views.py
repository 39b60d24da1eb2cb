"""The catalogue as open data: CSV and JSON under the Licence Ouverte 2.0."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cms import opendata
from cms.decorators import cache_anonymous_view

from .opendata import FIELDS, csv_row, published_schemes, scheme_record


@require_safe
@cache_anonymous_view
def catalogue_csv(request):
    return opendata.csv_response(
        "aides.csv",
        FIELDS,
        (csv_row(scheme_record(scheme, request)) for scheme in published_schemes()),
    )


@require_safe
@cache_anonymous_view
def catalogue_json(request):
    return opendata.json_response(
        "aides.json",
        (scheme_record(scheme, request) for scheme in published_schemes()),
        _("Aides et financements pour les projets du Grand Quercy"),
        request,
    )
