"""Small builders of content: each test makes what it asserts on, on the site that
`setup_portal` leaves without --demo (the tree, groups, workflow and taxonomies). So a
change to the demo breaks no test but tests/demo/test_demo.py.

Each builder saves and publishes (outside the board's workflow, as setup_portal does) and
returns the page; keyword arguments override any field."""

from datetime import date

from django.utils.text import slugify

from home import setup
from home.models import ArticleIndexPage, ArticlePage
from legal_docs.models import (
    DocumentType,
    IssuingAuthority,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalDocumentRelation,
    LegalField,
)
from legal_docs.numbering import document_slug
from workflow.guard import authorised
from workflow.models import RoyaltyGenre


def add_live_child(parent, page):
    with authorised("test"):
        return parent.add_child(instance=page)


def publish(page):
    """Publish fixture content outside the board's workflow, as setup_portal does."""
    with authorised("test"):
        return setup.publish(page)


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


def new_document(registry, number, issued=date(2024, 3, 1), effective=date(2024, 3, 15), **fields):
    page = LegalDocumentPage(
        title=f"Quyết định {number}",
        number_symbol=number,
        summary="Về việc thử nghiệm",
        document_type=DocumentType.objects.get(name="Quyết định"),
        issuing_authority=IssuingAuthority.objects.get(abbreviation="STP"),
        issue_date=issued,
        effective_date=effective,
        slug=f"tam-{abs(hash(number))}",
        **fields,
    )
    with authorised("test"):
        registry.add_child(instance=page)  # saving a live page runs full_clean()
        return setup.publish(page)


def record(**overrides):
    base = {
        "number_symbol": "150/QĐ-UBND",
        "document_type": "Quyết định",
        "issuing_authority": "Ủy ban nhân dân tỉnh Quảng Trị",
        "issue_date": "2025-03-10",
        "effective_date": "2025-03-10",
        "title": "Quyết định 150/QĐ-UBND",
        "summary": "Công bố danh mục thủ tục hành chính lĩnh vực hộ tịch",
        "fields": ["Hộ tịch"],
        "source": "national_database",
        "relations": [
            {
                "type": "guides",
                "number_symbol": "60/2014/QH13",
                "issuing_authority": "Quốc hội",
                "year": 2014,
            }
        ],
    }
    base.update(overrides)
    return base


def genre(name="Tin"):
    return RoyaltyGenre.objects.get(name=name)
