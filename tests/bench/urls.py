"""The site's URLs plus a trivial view: the ceiling every page is compared with."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns

CEILING_PATH = "/bench/ok"


def ok(request):
    """Goes through the whole middleware stack and does nothing else."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path(CEILING_PATH.lstrip("/"), ok, name="bench_ok"), *site_urlpatterns]
