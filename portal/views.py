from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from wagtail.documents.views import serve

from portal import health


@never_cache
def healthz(request):
    """200 with every check "ok", else 503 with what is wrong (portal/health.py)."""
    body, healthy = health.report()
    return JsonResponse(body, status=200 if healthy else 503)


def serve_document(request, document_id, document_filename):
    """Wagtail's document download (who may have it: portal/media.py, through the
    before_serve_document hook), without the `Content-Encoding: None` that
    wagtail.utils.sendfile writes when the file name suggests no encoding."""
    response = serve.serve(request, document_id, document_filename)
    if response.get("Content-Encoding") == "None":
        del response["Content-Encoding"]
    return response
