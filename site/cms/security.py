"""Hostile input and the headers every response carries, in one middleware.

* A NUL or another control character in the path or the query string is a 400 (never a
  500 deep inside a view or the database driver); under ``/api/`` a JSON 404 for the path,
  and the API's own French 400 for its filters.
* Submitted text loses its control characters (tab and line breaks stay) and its Unicode
  bidi controls, which can make a name or a title read backwards: every form, the admin's
  included, sees clean text. Files are untouched.
* ``Permissions-Policy`` turns off the browser features the site never uses.
"""

import re
from urllib.parse import unquote_plus

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import JsonResponse
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean_text(value):
    """``value`` without control characters (but tab, CR, LF) and bidi controls."""
    return BIDI.sub("", CONTROL.sub("", value))


class HostileInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(API_PREFIX):
            # The API answers in JSON: its filters refuse such values with their own
            # French 400, and no resource has such a name.
            if CONTROL.search(request.path):
                return JsonResponse({"detail": _("Introuvable.")}, status=404)
        elif CONTROL.search(request.path) or CONTROL.search(
            unquote_plus(request.META.get("QUERY_STRING", ""))
        ):
            raise BadRequest(_("L’adresse demandée contient des caractères interdits."))
        if request.method == "POST" and request.content_type in {
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        }:
            self.clean_post(request)
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response

    @staticmethod
    def clean_post(request):
        dirty = any(
            CONTROL.search(value) or BIDI.search(value)
            for values in request.POST.lists()
            for value in values[1]
        )
        if dirty:
            cleaned = request.POST.copy()
            for key, values in request.POST.lists():
                cleaned.setlist(key, [clean_text(value) for value in values])
            cleaned._mutable = False
            request.POST = cleaned
