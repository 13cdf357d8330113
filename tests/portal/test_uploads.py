"""Uploads are checked by content (Art. 7.2: operators keep the site secure): each
malicious file is refused with a Vietnamese message saying what to do, and nothing is
stored. Documents are served through the application, as attachments."""

import io
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from portal.core import roles

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (50 * 1024 * 1024))
        archive.writestr("[Content_Types].xml", b"<Types/>")
    return buffer.getvalue()


def upload_document(client, name, content):
    files = Document.objects.count()
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": "1"},
    )
    stored = Document.objects.count() - files
    return response, stored


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("thong-bao.pdf", b"<html><script>alert(1)</script></html>", "không phải là tệp PDF thật"),
        (
            "bieu-mau.docx",
            b"MZ\x90\x00\x03\x00\x00\x00 windows program",
            "không phải là tệp DOCX thật",
        ),
        ("ghi-chu.txt", b"<!DOCTYPE html><html><body>trang</body></html>", "mã trang web"),
        (
            "hinh.txt",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>',
            "mã trang web",
        ),
        ("bao-cao.docx", zip_bomb(), "zip bomb"),
        ("trang.html", b"<html></html>", "Tệp “trang.html” không được chấp nhận"),
        ("ma-doc.exe", b"MZ\x90\x00", "Tệp “ma-doc.exe” không được chấp nhận"),
    ],
)
def test_malicious_documents_are_refused_and_not_stored(client, login, name, content, message):
    login(roles.CONTRIBUTORS)
    response, stored = upload_document(client, name, content)
    assert stored == 0
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "is not allowed" not in page  # one message, in Vietnamese


def test_an_oversized_document_is_refused(client, login, settings):
    settings.DOCUMENT_MAX_UPLOAD_SIZE = 1024
    login(roles.CONTRIBUTORS)
    response, stored = upload_document(client, "lon.pdf", PDF + b"0" * 2048)
    assert stored == 0 and response.status_code == 200


def test_a_real_pdf_is_stored_and_served_as_an_attachment(client, login):
    login(roles.CONTRIBUTORS)
    response, stored = upload_document(client, "quyet-dinh.pdf", PDF)
    assert stored == 1 and response.status_code == 302
    document = Document.objects.latest("pk")
    client.logout()
    served = client.get(document.url)
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment")
    assert "default-src 'none'" in served["Content-Security-Policy"]
    # The media folder is not served by the application: only through the view above.
    assert document.url.startswith("/documents/")
    assert client.get(settings.MEDIA_URL + document.file.name).status_code == 404


def test_an_svg_with_script_is_not_an_image(client, login):
    login(roles.CONTRIBUTORS)
    images = Image.objects.count()
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>x()</script></svg>'
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "Ảnh", "file": SimpleUploadedFile("anh.png", svg), "collection": "1"},
    )
    assert response.status_code == 200 and Image.objects.count() == images


def test_a_broken_image_gets_a_message_not_a_server_error(client, login):
    login(roles.CONTRIBUTORS)
    images = Image.objects.count()
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Ảnh hỏng",
            "file": SimpleUploadedFile("anh.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
            "collection": "1",
        },
    )
    assert response.status_code == 200 and Image.objects.count() == images
    assert "không phải là ảnh đọc được" in response.content.decode()


@pytest.mark.antivirus
def test_a_file_carrying_a_virus_signature_is_refused(client, login):
    # `make test` starts clamd with a local signature file (scripts/services/clamav.sh).
    assert settings.CLAMAV_ADDRESS, "CLAMAV_ADDRESS must name the clamd of scripts/services"
    login(roles.CONTRIBUTORS)
    eicar = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
    response, stored = upload_document(client, "thu.txt", eicar)
    assert stored == 0
    assert "chứa virus" in response.content.decode()
    response, stored = upload_document(client, "sach.txt", "Văn bản sạch.".encode())
    assert stored == 1
    images = Image.objects.count()
    buffer = io.BytesIO()
    PILImage.new("RGB", (2, 2)).save(buffer, "GIF")
    gif = buffer.getvalue() + b"PORTAL-ANTIVIRUS-TEST-MARKER"  # after the image's end
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "Ảnh", "file": SimpleUploadedFile("anh.gif", gif), "collection": "1"},
    )
    assert Image.objects.count() == images and "chứa virus" in response.content.decode()
