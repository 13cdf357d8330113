"""The demo's legal documents have a file to download and a full text to search (issue #23):
sample PDFs drawn at setup with a Vietnamese font, marked as samples, checked as uploads."""

import io

import pytest
from pypdf import PdfReader

from legal_docs.models import LegalDocumentPage
from portal.demo.documents import FIELD_ARTICLES

pytestmark = [pytest.mark.django_db, pytest.mark.search, pytest.mark.usefixtures("demo_content")]

BODY_WORDS = "đóng dấu giáp lai"  # in the sample article of the notarial field only


def test_every_demo_document_has_a_sample_pdf_and_full_text(client):
    documents = LegalDocumentPage.objects.live()
    assert documents.count() >= 40
    for page in documents:
        assert page.files.count() == 1, page.number_symbol
        assert "Bản mẫu — không có giá trị pháp lý".upper() in page.full_text

    page = documents.get(number_symbol="46/2024/QH15")
    file = page.files.get().document
    response = client.get(file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert data.startswith(b"%PDF")
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    # The font draws every Vietnamese letter: they come back out of the file as they went in.
    assert "BẢN MẪU — KHÔNG CÓ GIÁ TRỊ PHÁP LÝ" in text
    assert "Số: 46/2024/QH15" in text and "giáp lai" in text
    # The document's page offers the download.
    assert file.url in client.get(page.url).content.decode()


def test_a_word_only_in_the_body_finds_the_document(client):
    assert BODY_WORDS in FIELD_ARTICLES["Công chứng"][1]
    notarial = LegalDocumentPage.objects.get(number_symbol="46/2024/QH15")
    for page in LegalDocumentPage.objects.all():
        assert "giáp lai" not in f"{page.title} {page.summary}".lower()
    for url in ("/tim-kiem/", "/van-ban/"):
        response = client.get(url, {"q": "giáp lai"})
        assert response.status_code == 200
        assert notarial.url in response.content.decode(), url


def test_the_regulation_is_a_page_of_gioi_thieu_linked_from_footer_registry_and_news(client):
    url = "/gioi-thieu/quy-che-hoat-dong-trang-thong-tin-dien-tu/"
    page = client.get(url).content.decode()
    assert "Điều 12. Điều khoản thi hành" in page
    # The domain in the text is a link, not "<https://...>" printed as it was typed.
    assert '<a href="https://sotp.quangtri.gov.vn">https://sotp.quangtri.gov.vn</a>' in page
    assert "&lt;https://" not in page
    link = f'<a href="{url}">Quy chế hoạt động Trang thông tin điện tử</a>'
    assert link in client.get("/").content.decode()  # the footer, on every page
    assert link in client.get("/van-ban/").content.decode()
    news = client.get("/tin-tuc/ban-hanh-quy-che-hoat-dong-trang-thong-tin-dien-tu/")
    assert f'href="{url}"' in news.content.decode()
    assert url in client.get("/gioi-thieu/").content.decode()
