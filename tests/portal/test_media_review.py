"""Files and images under review (issue #19, items 3 and 11): the file of a document or image
used by a published page changes only by the board's hand, logged; a document used only by
drafts or private pages goes only to those who may see them; downloads carry no
`Content-Encoding: None`."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import ModelLogEntry, PageViewRestriction
from wagtail.rich_text import RichText

from home.models import ArticlePage
from tests.builders import add_live_child

pytestmark = pytest.mark.django_db

OLD, NEW = b"%PDF-1.4\n% ban da duyet\n", b"%PDF-1.4\n% ban thay the\n"
REFUSAL = "chỉ Ban Biên tập được thay"


def png(colour):
    out = io.BytesIO()
    PILImage.new("RGB", (40, 30), colour).save(out, "PNG")
    return out.getvalue()


def document_by(user):
    return get_document_model().objects.create(
        title="Quyết định đã duyệt",
        file=ContentFile(OLD, name="quyet-dinh.pdf"),
        uploaded_by_user=user,
    )


def image_by(user):
    return get_image_model().objects.create(
        title="Ảnh đã duyệt", file=ContentFile(png("red"), name="anh.png"), uploaded_by_user=user
    )


def article(news, slug, document=None, image=None, live=True):
    link = f'<p><a linktype="document" id="{document.pk}">Tải về</a></p>' if document else "<p/>"
    page = ArticlePage(
        title=f"Bài {slug}",
        slug=slug,
        lead="Bài có tệp đính kèm.",
        body=[("paragraph", RichText(link))],
        author="Nguyễn Văn An",
        source="Phòng Hành chính tư pháp",
        image=image,
        live=live,
    )
    if live:
        return add_live_child(news, page)
    return news.add_child(instance=page)


def download(client, document):
    response = client.get(document.url)
    content = b"".join(response.streaming_content) if response.status_code == 200 else b""
    return response, content


def replace_document(client, document):
    return client.post(
        reverse("wagtaildocs:edit", args=(document.pk,)),
        {"title": document.title, "file": SimpleUploadedFile("moi.pdf", NEW)},
    )


def test_a_contributor_cannot_swap_the_file_of_a_published_page(client, team, news):
    document = document_by(team["contributor"])
    article(news, "co-tep", document=document)
    client.force_login(team["contributor"])
    response = replace_document(client, document)
    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    client.logout()
    assert download(client, document)[1] == OLD


def test_the_board_may_replace_it_and_that_is_logged(client, team, news):
    document = document_by(team["contributor"])
    page = article(news, "co-tep-bbt", document=document)
    client.force_login(team["board_a"])
    assert replace_document(client, document).status_code == 302
    client.logout()
    document.refresh_from_db()
    assert download(client, document)[1] == NEW
    entry = ModelLogEntry.objects.get(action="portal.media_replace", object_id=str(document.pk))
    assert entry.user == team["board_a"] and entry.data["pages"] == [page.pk]


def test_a_contributor_may_still_replace_a_file_no_published_page_uses(client, team, news):
    document = document_by(team["contributor"])
    article(news, "ban-nhap-tep", document=document, live=False)
    client.force_login(team["contributor"])
    assert replace_document(client, document).status_code == 302


def test_a_contributor_cannot_swap_a_published_image(client, team, news):
    image = image_by(team["contributor"])
    article(news, "co-anh", image=image)
    client.force_login(team["contributor"])
    response = client.post(
        reverse("wagtailimages:edit", args=(image.pk,)),
        {"title": image.title, "file": SimpleUploadedFile("moi.png", png("blue"))},
    )
    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    image.refresh_from_db()
    with image.open_file() as stored:
        assert stored.read() == png("red")


# Downloads


def test_a_document_of_a_draft_goes_only_to_the_admin(client, team, news):
    document = document_by(team["contributor"])
    article(news, "ban-nhap", document=document, live=False)
    assert client.get(document.url).status_code == 404
    client.force_login(team["contributor"])
    assert download(client, document)[1] == OLD


def test_a_document_of_a_private_page_goes_only_past_its_restriction(client, team, news):
    document = document_by(team["contributor"])
    page = article(news, "rieng-tu", document=document)
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau-trang"
    )
    assert client.get(document.url).status_code == 404
    restriction = PageViewRestriction.objects.get(page=page)
    url = reverse("wagtailcore_authenticate_with_password", args=(restriction.pk, page.pk))
    client.post(url, {"password": "mat-khau-trang", "return_url": page.url})
    assert download(client, document)[1] == OLD


def test_a_document_of_a_public_page_is_public_without_a_bogus_encoding(client, team, news):
    document = document_by(team["contributor"])
    article(news, "cong-khai", document=document)
    response, content = download(client, document)
    assert content == OLD
    assert response.get("Content-Encoding") in (None, "gzip", "br")
