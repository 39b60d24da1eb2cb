from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import report


@require_GET
@never_cache
def healthz(request):
    """For the load balancer and the monitoring: 200 when every service answers, 503
    otherwise, with what each one said."""
    healthy, body = report()
    return JsonResponse(body, status=200 if healthy else 503)
