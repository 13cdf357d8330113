"""Small builders of content: each test makes what it asserts on, on the site that
`setup_portal` leaves without --demo (the tree, groups, workflow and taxonomies). So a
change to the demo breaks no test but tests/demo/test_demo.py.

Each builder saves and publishes (outside the board's workflow, as setup_portal does) and
returns the page; keyword arguments override any field."""

from datetime import date

from django.utils.text import slugify

from home.models import ArticleIndexPage, ArticlePage
from legal_docs.models import (
    DocumentType,
    IssuingAuthority,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalDocumentRelation,
    LegalField,
    OnlineLevel,
    ProcedureIndexPage,
    ProcedurePage,
)
from legal_docs.numbering import document_slug
from tests.helpers import add_live_child, publish


def document_type(name="Quyết định", **fields):
    """A type of the reference list, or a new one of that name."""
    return DocumentType.objects.get_or_create(name=name, defaults=fields)[0]


def authority(name="Sở Tư pháp tỉnh Quảng Trị", **fields):
    """An issuing authority of the reference list, or a new one of that name."""
    return IssuingAuthority.objects.get_or_create(name=name, defaults=fields)[0]


def legal_field(name="Hộ tịch"):
    return LegalField.objects.get_or_create(name=name)[0]


def registry():
    """/van-ban/, which setup_portal makes."""
    return LegalDocumentIndexPage.objects.get(slug="van-ban")


def legal_document(
    number="12/2024/QĐ-UBND",
    type_name="Quyết định",
    authority_name="Ủy ban nhân dân tỉnh Quảng Trị",
    issued=date(2024, 3, 1),
    effective=date(2024, 3, 15),
    relations=(),
    fields=(),
    parent=None,
    **overrides,
):
    """A published legal document. `relations` is a list of (relation type, target page)
    pairs; `fields` a list of field names."""
    page = LegalDocumentPage(
        title=overrides.pop("title", f"{type_name} {number}"),
        slug=overrides.pop("slug", document_slug(number, issued.year)),
        number_symbol=number,
        summary=overrides.pop("summary", f"Về việc thử nghiệm {number}"),
        document_type=document_type(type_name),
        issuing_authority=authority(authority_name),
        issue_date=issued,
        effective_date=effective,
        **overrides,
    )
    page.fields = [legal_field(name) for name in fields]
    add_live_child(parent or registry(), page)
    for relation_type, target in relations:
        page.relations.add(LegalDocumentRelation(relation_type=relation_type, target=target))
    return publish(page)


def news_index():
    """/tin-tuc/, which setup_portal makes."""
    return ArticleIndexPage.objects.get(slug="tin-tuc")


def article(title="Hội nghị tập huấn nghiệp vụ hộ tịch", parent=None, **overrides):
    """A published article with the author and source the editor requires."""
    fields = {
        "slug": slugify(title),
        "lead": "Tóm tắt của bài viết.",
        "author": "Nguyễn Văn An",
        "source": "Văn phòng Sở",
    }
    fields.update(overrides)
    page = ArticlePage(title=title, **fields)
    add_live_child(parent or news_index(), page)
    return publish(page)


def procedures_index():
    """/thu-tuc-hanh-chinh/, which setup_portal makes."""
    return ProcedureIndexPage.objects.get(slug="thu-tuc-hanh-chinh")


def procedure(
    code="1.000894", title="Đăng ký khai tử có yếu tố nước ngoài", field="Hộ tịch", **overrides
):
    """A published administrative procedure with every field the editor requires."""
    fields = {
        "slug": f"thu-tuc-{code.replace('.', '-')}",
        "implementing_agency": "Sở Tư pháp tỉnh Quảng Trị",
        "online_level": OnlineLevel.FULL,
        "processing_time": "03 ngày làm việc",
        "dossier": "<p>Tờ khai</p>",
        "steps": "<p>Nộp hồ sơ</p>",
        "result": "Trích lục",
    }
    fields.update(overrides)
    page = ProcedurePage(title=title, code=code, field=legal_field(field), **fields)
    add_live_child(procedures_index(), page)
    return publish(page)
