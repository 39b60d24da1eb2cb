"""Open-data responses (CSV, JSON, GeoJSON) published under the Licence Ouverte 2.0.

Shared by every app that publishes data: the licence travels with each file (JSON and GeoJSON
carry a ``licence`` member, every response a ``Link: rel="license"`` header) so that a reused
file still says where it comes from and how it may be reused.
"""

import datetime
import json
from decimal import Decimal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.utils import timezone

from .exports import write_csv

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
    """A UTF-8 CSV (with BOM, so that spreadsheets read accents), comma-separated;
    text that a spreadsheet would run as a formula stays text."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    write_csv(response, header, rows)
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


# --- DCAT-AP metadata, in JSON-LD ---------------------------------------------------

#: The licence's URI as data.gouv.fr records it (licence ``lov2``, no trailing slash):
#: its DCAT harvester (udata, ``License.guess`` on ``dct:license``) matches it exactly.
DCAT_LICENCE = "https://www.etalab.gouv.fr/licence-ouverte-open-licence"
#: Inline, so that no harvester (nor our tests' rdflib) has to fetch a remote context.
DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
EU = "http://publications.europa.eu/resource/authority"
FRENCH = {"@id": f"{EU}/language/FRA"}
#: Extension → (EU file type, IANA media type), the vocabularies DCAT-AP asks for.
FILE_TYPES = {
    "csv": (
        f"{EU}/file-type/CSV",
        "https://www.iana.org/assignments/media-types/text/csv",
    ),
    "json": (
        f"{EU}/file-type/JSON",
        "https://www.iana.org/assignments/media-types/application/json",
    ),
}


def dcat_moment(value):
    """A date or an aware datetime as a typed literal (UTC for datetimes)."""
    if hasattr(value, "hour"):
        return {
            "@value": value.astimezone(datetime.UTC).isoformat(timespec="seconds"),
            "@type": "xsd:dateTime",
        }
    return {"@value": value.isoformat(), "@type": "xsd:date"}


def dcat_distribution(node_id, url, extension, title, description=""):
    """One downloadable file of a dataset, under the Licence Ouverte."""
    file_type, media_type = FILE_TYPES[extension]
    distribution = {
        "@id": node_id,
        "@type": "dcat:Distribution",
        "dct:title": title,
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dct:format": {"@id": file_type},
        "dcat:mediaType": {"@id": media_type},
        "dct:license": {"@id": DCAT_LICENCE},
    }
    if description:
        distribution["dct:description"] = description
    return distribution


def jsonld_response(filename, document):
    """A JSON-LD document (``application/ld+json``) with its inline DCAT context."""
    response = HttpResponse(
        json.dumps(
            {"@context": DCAT_CONTEXT, **document},
            cls=OpenDataEncoder,
            ensure_ascii=False,
        ),
        content_type="application/ld+json; charset=utf-8",
    )
    return _with_licence(response, filename)
