"""Images on the public pages are files under MEDIA_URL (renditions, and the originals that
`{% image %}` may link). With DEBUG off Django served none of them: every picture of the
site answered 404 unless the operator had configured the web server for it, and a whole
`/media/` location would also have published the document files (which must pass their
permission checks at /documents/) and the files citizens attach to comments. The application
serves the image folders, and only them."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from consultations.models import comment_file_path
from tests import builders

pytestmark = pytest.mark.django_db


def test_an_image_of_a_page_is_served_with_debug_off(client, settings):
    assert not settings.DEBUG
    image = builders.image()
    rendition = image.get_rendition("fill-300x200")
    for url in (rendition.url, image.file.url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/png"
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "public" in response["Cache-Control"]


def test_only_the_image_folders_are_served(client, settings):
    document = builders.document()
    attachment = ContentFile(b"%PDF-1.4\n% ho so ca nhan\n")
    name = comment_file_path(None, "y-kien.pdf")
    stored = default_storage.save(name, attachment)
    for path in (document.file.name, stored, "images/../documents/" + document.file.name):
        assert client.get(f"{settings.MEDIA_URL}{path}").status_code == 404, path
    # The document itself stays where its checks are.
    assert client.get(document.url).status_code == 200
