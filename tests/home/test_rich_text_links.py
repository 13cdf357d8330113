"""Crafted rich-text references (issue #19, item 6): a Draftail link, document link or image
whose id is not the number of something that exists is refused on save with a message, and
one already stored renders as plain text in the editor, preview, revision compare and on the
public site, never a 500."""

import json

import pytest
from django.urls import reverse
from wagtail.rich_text import RichText

from home.models import ArticlePage
from legal_docs.models import DocumentType, IssuingAuthority, LegalDocumentPage
from portal.core import roles
from tests.admin_forms import add_url, article_form, edit_url, legal_document_form
from tests.builders import add_live_child
from tests.helpers import html

pytestmark = pytest.mark.django_db

CRAFTED = '1" onclick="alert(8)'
MESSAGE = "trỏ tới nội dung không có"


def contentstate(entity_type, data, text="Bấm vào đây"):
    block = {"key": "a", "type": "unstyled", "text": text, "depth": 0, "data": {}}
    block.update(inlineStyleRanges=[], entityRanges=[{"offset": 0, "length": len(text), "key": 0}])
    mutability = "IMMUTABLE" if entity_type == "IMAGE" else "MUTABLE"
    if entity_type == "IMAGE":
        block.update(type="atomic", text=" ", entityRanges=[{"offset": 0, "length": 1, "key": 0}])
    entity = {"type": entity_type, "mutability": mutability, "data": data}
    return json.dumps({"blocks": [block], "entityMap": {"0": entity}})


def body_with(entity_type, data):
    return {
        "body-count": "1",
        "body-0-type": "paragraph",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-value": contentstate(entity_type, data),
        "body-0-id": "a1b2c3",
    }


@pytest.mark.parametrize(
    "entity_type, data",
    [
        ("LINK", {"id": CRAFTED, "url": "/"}),
        ("LINK", {"id": 987654321, "url": "/"}),  # a number, but no such page
        ("DOCUMENT", {"id": "x1", "url": "/documents/1/a.pdf"}),
    ],
)
def test_a_bad_reference_is_refused_on_save(client, team, news, entity_type, data):
    client.force_login(team["contributor"])
    form = article_form(slug="lien-ket-gia")
    form.update(body_with(entity_type, data))
    response = client.post(add_url(news), form)
    assert response.status_code == 200
    # Shown on the block, from the JSON the editor reads.
    assert json.dumps(MESSAGE)[1:-1] in response.content.decode()
    assert not ArticlePage.objects.filter(slug="lien-ket-gia").exists()


@pytest.mark.parametrize(
    "entity_type, data",
    [
        ("IMAGE", {"id": CRAFTED, "format": "fullwidth", "alt": "", "src": ""}),
        ("LINK", {"id": CRAFTED, "url": "/"}),
    ],
)
def test_a_bad_reference_in_a_rich_text_field_is_refused(
    client, login, registry, entity_type, data
):
    login(roles.BOARD)
    form = legal_document_form(
        document_type=DocumentType.objects.get(name="Quyết định").pk,
        issuing_authority=IssuingAuthority.objects.get(abbreviation="STP").pk,
        full_text=contentstate(entity_type, data),
    )
    url = reverse("wagtailadmin_pages:add", args=("legal_docs", "legaldocumentpage", registry.pk))
    response = client.post(url, form)
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not LegalDocumentPage.objects.filter(number_symbol="55/QĐ-STP").exists()


def test_a_good_page_link_is_still_saved(client, team, news):
    client.force_login(team["contributor"])
    form = article_form(slug="lien-ket-that")
    form.update(body_with("LINK", {"id": news.pk, "url": news.url}))
    assert client.post(add_url(news), form).status_code == 302
    page = ArticlePage.objects.get(slug="lien-ket-that").get_latest_revision_as_object()
    assert f'id="{news.pk}"' in page.body[0].value.source


STORED = (
    f'<p><a linktype="page" id="{CRAFTED.replace(chr(34), "&quot;")}">Bấm vào đây</a> '
    '<a linktype="document" id="abc">tệp</a></p>'
    '<embed embedtype="image" format="fullwidth" id="1 OR 1=1" alt=""/>'
)


def test_a_stored_bad_reference_renders_as_plain_text(client, team, news):
    page = ArticlePage(
        title="Liên kết đã lưu",
        slug="da-luu",
        lead="Một liên kết hỏng đã lưu từ trước.",
        body=[("paragraph", RichText(STORED))],
        author="Nguyễn Văn An",
        source="Phòng Hành chính tư pháp",
    )
    add_live_child(news, page)
    revision = page.save_revision(user=team["board_a"])
    page.title = "Tiêu đề mới"
    newer = page.save_revision(user=team["board_a"])

    public = html(client, page.url)
    assert "Bấm vào đây" in public and "onclick" not in public

    client.force_login(team["board_a"])
    for url in [
        edit_url(page),
        reverse("wagtailadmin_pages:revisions_view", args=(page.pk, revision.pk)),
        reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, revision.pk, newer.pk)),
        reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, "live", newer.pk)),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
