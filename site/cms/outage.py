"""PostgreSQL not answering: a French 503 with ``Retry-After`` instead of an error 500.

``handler500`` (config.urls) is called while the exception is being handled: a
database that refuses connections or drops them gives a 503 page (JSON under
``/api/``) that needs neither the database nor the request's context; anything else
keeps the usual 500 page. A form sent while PostgreSQL is down fails on its first
query, before anything is written, and the page says it was not recorded. Once
PostgreSQL answers
again the next request reconnects (``CONN_HEALTH_CHECKS``): no restart is needed.
Cached anonymous pages keep being served meanwhile (``cms.cache``).
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views import defaults

RETRY_AFTER = 30  # seconds: what a client or a crawler should wait before trying again


def server_error(request, *args, **kwargs):
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return unavailable(request)
    return defaults.server_error(request, *args, **kwargs)


def unavailable(request):
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {
                "detail": _(
                    "Service momentanément indisponible : la base de données ne "
                    "répond pas. Réessayez dans quelques instants."
                )
            },
            status=503,
        )
    else:
        response = HttpResponse(
            render_to_string("503.html", {"posted": request.method == "POST"}),
            status=503,
        )
    response["Retry-After"] = str(RETRY_AFTER)
    patch_cache_control(response, no_store=True)
    return response
