from django.core.exceptions import PermissionDenied
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class ClientRateThrottle(SimpleRateThrottle):
    """Requests per client address, counted in the shared cache.

    The address is the one allauth and the participation limits use, so a proxy is
    trusted the same way (``ALLAUTH_TRUSTED_PROXY_COUNT``). The rate is read at each
    request from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["api"]``.
    """

    scope = "api"

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        from allauth.account.adapter import get_adapter

        try:
            ident = get_adapter(request).get_client_ip(request)
        except PermissionDenied:
            ident = "unknown"
        return self.cache_format % {"scope": self.scope, "ident": ident}
