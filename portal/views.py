import base64
import mimetypes
import posixpath
from functools import wraps

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.views.decorators.cache import never_cache
from django.views.defaults import page_not_found
from wagtail import views as wagtail_views
from wagtail.documents.views import serve

from portal import health, visits
from portal.core import throttle
from portal.core.addresses import client_address


@never_cache
def healthz(request):
    """200 with every check "ok", else 503 with what is wrong (portal/health.py)."""
    body, healthy = health.report()
    return JsonResponse(body, status=200 if healthy else 503)


# A transparent 1×1 GIF.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@never_cache
def visit_beacon(request, page_id):
    """The beacon of a page served by the front-end cache: counts its view (portal/visits.py)."""
    visits.count_beacon(request, page_id)
    return HttpResponse(PIXEL, content_type="image/gif")


# Wagtail's image folders under MEDIA_ROOT: originals and renditions, as public as the pages
# that show them. Not the rest of MEDIA_ROOT: document files must pass their checks at
# /documents/, and what citizens attach to comments is for the drafting unit only.
IMAGE_FOLDERS = ("images/", "original_images/")


def serve_image(request, path):
    """An image of the site with DEBUG off, where Django serves no media: without this every
    picture answered 404 unless the web server had been set up for it (docs/operations.md
    shows that faster way)."""
    path = posixpath.normpath(path)
    if not path.startswith(IMAGE_FOLDERS):
        raise Http404
    # Through the storage, so from the folder or the bucket alike (portal/storage.py says why
    # not a redirect to the bucket); opened at once, one trip to a bucket, not two.
    try:
        file = default_storage.open(path, "rb")
    except (FileNotFoundError, IsADirectoryError):
        raise Http404 from None
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response = FileResponse(file, content_type=content_type)
    # A rendition's name carries its size and crop; an original replaced gets a new name.
    response["Cache-Control"] = "public, max-age=86400"
    return response


def serve_document(request, document_id, document_filename):
    """Wagtail's document download (who may have it: portal/media.py, through the
    before_serve_document hook), without the Content-Encoding that wagtail.utils.sendfile
    guesses from the file name: a literal "None" for most files, and for a name ending in .gz
    one that would have the browser unpack the download. The stored bytes are the file.
    Each download is counted as a page view is (portal/visits.py)."""
    response = serve.serve(request, document_id, document_filename)
    visits.count_download(int(document_id), request, response)
    if response.has_header("Content-Encoding"):
        del response["Content-Encoding"]
    return response


def throttled_password(view):
    """Wagtail's password form of a protected page or document, with at most
    PASSWORD_FORM_GUESSES wrong passwords from one address in PASSWORD_FORM_MINUTES: without
    it a script tries thousands a minute."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        address = client_address(request)
        minutes = settings.PASSWORD_FORM_MINUTES
        if throttle.hits("view-password", address) >= settings.PASSWORD_FORM_GUESSES:
            context = {"limit": settings.PASSWORD_FORM_GUESSES, "minutes": minutes}
            return render(request, "portal/too_many_guesses.html", context, status=429)
        response = view(request, *args, **kwargs)
        if response.status_code == 200:  # the form again: the password was wrong
            throttle.count("view-password", address, minutes * 60)
        return response

    return guarded


page_password = throttled_password(wagtail_views.authenticate_with_password)
document_password = throttled_password(serve.authenticate_with_password)


class SiteNotFoundMiddleware:
    """With DEBUG on (`make run`) Django answers a missing page with its English list of
    URL patterns; citizens' pages get the site's own Vietnamese 404 instead, as in
    production. The admin keeps Django's page, which helps whoever develops it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.applies(request):
            try:
                resolve(request.path_info)  # an address no URL pattern takes (with a dot)
            except Resolver404 as error:
                return page_not_found(request, error)
        return self.get_response(request)

    def applies(self, request):
        return settings.DEBUG and not request.path.startswith("/admin/")

    def process_exception(self, request, exception):
        # A page Wagtail (or a view) did not find.
        if isinstance(exception, Http404) and self.applies(request):
            return page_not_found(request, exception)
        return None
