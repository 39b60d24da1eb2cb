"""Open-data responses (CSV, JSON, GeoJSON) published under the Licence Ouverte 2.0.

Shared by every app that publishes data: the licence travels with each file (JSON and GeoJSON
carry a ``licence`` member, every response a ``Link: rel="license"`` header) so that a reused
file still says where it comes from and how it may be reused.
"""

import csv
import json
from decimal import Decimal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils import timezone

LICENCE_NAME = "Licence Ouverte / Open Licence version 2.0"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
PUBLISHER = getattr(settings, "WAGTAIL_SITE_NAME", "Grand Quercy")


class OpenDataEncoder(DjangoJSONEncoder):
    """Amounts as numbers, not strings: the files are meant for spreadsheets and scripts."""

    def default(self, o):
        if isinstance(o, Decimal):
            return float(o)
        return super().default(o)


def metadata(title, request=None):
    return {
        "titre": title,
        "producteur": PUBLISHER,
        "licence": {"nom": LICENCE_NAME, "url": LICENCE_URL},
        "source": request.build_absolute_uri() if request is not None else None,
        "date_de_generation": timezone.now().isoformat(timespec="seconds"),
    }


def _with_licence(response, filename):
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def csv_response(filename, header, rows):
    """A UTF-8 CSV (with BOM, so that spreadsheets read accents), comma-separated."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return _with_licence(response, filename)


def json_response(filename, records, title, request=None):
    payload = {**metadata(title, request), "donnees": list(records)}
    response = HttpResponse(
        json.dumps(payload, cls=OpenDataEncoder, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    return _with_licence(response, filename)


def feature(longitude, latitude, properties):
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
        "properties": properties,
    }


def geojson_response(filename, features, title, request=None):
    payload = {
        "type": "FeatureCollection",
        "metadata": metadata(title, request),
        "features": list(features),
    }
    response = HttpResponse(
        json.dumps(payload, cls=OpenDataEncoder, ensure_ascii=False),
        content_type="application/geo+json; charset=utf-8",
    )
    return _with_licence(response, filename)
