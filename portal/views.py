from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from portal import health


@never_cache
def healthz(request):
    """200 with every check "ok", else 503 with what is wrong (portal/health.py)."""
    body, healthy = health.report()
    return JsonResponse(body, status=200 if healthy else 503)
