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
    before_serve_document hook), without the Content-Encoding that wagtail.utils.sendfile
    guesses from the file name: a literal "None" for most files, and for a name ending in .gz
    one that would have the browser unpack the download. The stored bytes are the file."""
    response = serve.serve(request, document_id, document_filename)
    if response.has_header("Content-Encoding"):
        del response["Content-Encoding"]
    return response
