"""Small builders of content: each test makes what it asserts on, on the site that
`setup_portal` leaves without --demo (the tree, groups, workflow and taxonomies). So a
change to the demo breaks no test but tests/demo/test_demo.py.

Each builder saves and publishes (outside the board's workflow, as setup_portal does) and
returns the page; keyword arguments override any field."""

from datetime import date

from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site

from home import setup
from home.models import (
    ArticleIndexPage,
    ArticlePage,
    CollectionItem,
    CollectionPage,
    OrganisationPage,
    Person,
    StandardPage,
    Unit,
)
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
    Validity,
)
from legal_docs.numbering import document_slug
from portal.core.models import Holiday, PortalSettings
from portal.demo.pdf import sample_pdf
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
    pairs, or (relation type, number of an outside document); `fields` a list of field
    names."""
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
        if isinstance(target, str):
            relation = LegalDocumentRelation(relation_type=relation_type, external_number=target)
        else:
            relation = LegalDocumentRelation(relation_type=relation_type, target=target)
        page.relations.add(relation)
    return publish(page)


def site_settings(**fields):
    """The default site's settings (footer, citations, the feedback address) with `fields`."""
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def image(title="Hội nghị tập huấn", filename="hoi-nghi.png"):
    return Image.objects.create(title=title, file=get_test_image_file(filename))


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


def section(slug):
    """A top-level section of the tree setup_portal makes (gioi-thieu, tai-chinh-thong-ke...)."""
    return Page.objects.get(slug=slug, depth=3).specific


def document(title="Kế hoạch công tác tư pháp năm 2025", filename="ke-hoach.pdf"):
    """A file in the library: a one-line PDF by default."""
    file = ContentFile(b"%PDF-1.4\n% " + title.encode() + b"\n", name=filename)
    return Document.objects.create(title=title, file=file)


def pdf_document(title="Quyết định 40/2025/QĐ-UBND", filename="quyet-dinh.pdf", articles=30):
    """A file in the library that a PDF reader draws: the demo's sample (A4, DejaVu embedded)
    with `articles` articles, two pages for the default 30."""
    paragraphs = tuple(
        f"Điều {n}. Quy định thử nghiệm số {n} về việc công khai văn bản quy phạm pháp luật "
        "trên trang thông tin điện tử của Sở Tư pháp."
        for n in range(1, articles + 1)
    )
    content = sample_pdf(title, ("QUYẾT ĐỊNH", title), paragraphs, "Sở Mẫu")
    return Document.objects.create(title=title, file=ContentFile(content, name=filename))


def unit(name="Văn phòng Sở", parent=None, **fields):
    base = {"phone": "0233 3852 520", "email": "vanphong@sotp.example.vn"}
    return Unit.objects.create(name=name, parent=parent, **{**base, **fields})


def person(name="Hoàng Kỳ", position="Giám đốc Sở", unit=None, **fields):
    return Person.objects.create(name=name, position=position, unit=unit, **fields)


def organisation_page(**fields):
    """/gioi-thieu/co-cau-to-chuc/, the organisation page (Art. 5.1đ)."""
    base = {
        "title": "Cơ cấu tổ chức",
        "slug": "co-cau-to-chuc",
        "show_in_menus": True,
        "functions": "<p>Tham mưu quản lý nhà nước về công tác tư pháp.</p>",
    }
    page = OrganisationPage(**{**base, **fields})
    add_live_child(section("gioi-thieu"), page)
    return publish(page)


def collection_page(items, parent="tai-chinh-thong-ke", title="Báo cáo tài chính", **fields):
    """A collection of files by year; `items` is a list of (title, date) pairs, each made a
    PDF in the library."""
    page = CollectionPage(title=title, slug=fields.pop("slug", slugify(title)), **fields)
    for order, (item_title, issued) in enumerate(items):
        page.items.add(
            CollectionItem(
                title=item_title,
                year=issued.year,
                issued_on=issued,
                document=document(item_title, f"tep-{order + 1}.pdf"),
                sort_order=order,
            )
        )
    add_live_child(section(parent), page)
    return publish(page)


def procedure_page(
    code="1.001193",
    title="Cấp bản sao trích lục hộ tịch",
    field="Hộ tịch",
    online_level="full",
    legal_basis=(),
    **overrides,
):
    """A published administrative procedure under /thu-tuc-hanh-chinh/; `legal_basis` a list
    of legal document pages."""
    fields = {
        "slug": f"thu-tuc-{code.replace('.', '-')}",
        "implementing_agency": "Sở Tư pháp tỉnh Quảng Trị",
        "processing_time": "03 ngày làm việc",
        "dossier": "<ul><li>Tờ khai</li></ul>",
        "steps": "<ol><li>Nộp hồ sơ</li><li>Nhận kết quả</li></ol>",
        "result": "Kết quả giải quyết thủ tục",
    }
    fields.update(overrides)
    page = ProcedurePage(
        code=code, title=title, field=legal_field(field), online_level=online_level, **fields
    )
    page.legal_basis = list(legal_basis)
    add_live_child(ProcedureIndexPage.objects.get(slug="thu-tuc-hanh-chinh"), page)
    return publish(page)


def civil_status_law(**overrides):
    """The Law on Civil Status, 60/2014/QH13, published."""
    return legal_document(
        "60/2014/QH13",
        "Luật",
        "Quốc hội",
        date(2014, 11, 20),
        date(2016, 1, 1),
        **{"title": "Luật Hộ tịch", "summary": "Luật Hộ tịch", "fields": ["Hộ tịch"], **overrides},
    )


def small_registry():
    """Laws, decrees, circulars and decisions on civil status, certification and legal aid:
    two no longer in force, one suspended, one naming an outside document as its basis."""
    old = legal_document(
        "69/2006/QH11",
        "Luật",
        "Quốc hội",
        date(2006, 6, 29),
        date(2007, 1, 1),
        title="Luật Trợ giúp pháp lý 2006",
        summary="Luật Trợ giúp pháp lý",
        fields=["Trợ giúp pháp lý"],
    )
    law = civil_status_law()
    decree = legal_document(
        "123/2015/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        date(2015, 11, 15),
        date(2016, 1, 1),
        summary="Quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch",
        fields=["Hộ tịch"],
        relations=[("guides", law)],
    )
    certification = legal_document(
        "23/2015/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        date(2015, 2, 16),
        date(2015, 4, 10),
        summary="Cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký",
        fields=["Chứng thực"],
    )
    return [
        old,
        law,
        decree,
        certification,
        legal_document(
            "04/2020/TT-BTP",
            "Thông tư",
            "Bộ Tư pháp",
            date(2020, 5, 28),
            date(2020, 7, 16),
            summary="Hướng dẫn thi hành Luật Hộ tịch và Nghị định 123/2015/NĐ-CP",
            fields=["Hộ tịch"],
            relations=[("guides", decree)],
        ),
        legal_document(
            "01/2020/TT-BTP",
            "Thông tư",
            "Bộ Tư pháp",
            date(2020, 3, 3),
            date(2020, 4, 20),
            summary="Hướng dẫn chứng thực bản sao từ bản chính, chứng thực chữ ký",
            fields=["Chứng thực"],
            relations=[("guides", certification)],
        ),
        legal_document(
            "11/2017/QH14",
            "Luật",
            "Quốc hội",
            date(2017, 6, 20),
            date(2018, 1, 1),
            title="Luật Trợ giúp pháp lý 2017",
            summary="Luật Trợ giúp pháp lý",
            fields=["Trợ giúp pháp lý"],
            relations=[("replaces", old)],
        ),
        legal_document(
            "2975/QĐ-UBND",
            issued=date(2024, 12, 6),
            effective=date(2024, 12, 6),
            summary="Ban hành Quy chế quản lý, vận hành Cổng Thông tin điện tử tỉnh",
            fields=["Tiếp cận thông tin"],
        ),
        legal_document(
            "15/2019/QĐ-UBND",
            issued=date(2019, 5, 2),
            effective=date(2019, 5, 15),
            expiry_date=date(2023, 1, 1),
            summary="Quy định về chứng thực bản sao trên địa bàn tỉnh",
            fields=["Chứng thực"],
        ),
        legal_document(
            "97/QĐ-STP",
            "Quyết định",
            "Sở Tư pháp tỉnh Quảng Trị",
            date(2024, 12, 20),
            date(2024, 12, 20),
            summary="Quyết định về đăng ký hộ tịch trực tuyến",
            fields=["Hộ tịch"],
            validity_override=Validity.SUSPENDED,
            validity_override_reason="Tạm ngưng để rà soát",
        ),
    ]


def standard_page(title="Chức năng, nhiệm vụ, quyền hạn", parent="gioi-thieu", **overrides):
    """A published general page under the section of slug `parent`."""
    fields = {"slug": slugify(title), "intro": "Giới thiệu chung."}
    fields.update(overrides)
    page = StandardPage(title=title, **fields)
    add_live_child(section(parent), page)
    return publish(page)


def paragraph(html):
    """A paragraph block of an article's or page's body."""
    return {"type": "paragraph", "value": html}


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


def holidays(*days, kind=Holiday.Kind.HOLIDAY):
    """The days as holidays (migration portal 0012 seeds them, but a transactional test's
    flush empties the table, so a test that counts with them makes its own)."""
    for day in days:
        Holiday.objects.get_or_create(date=day, defaults={"name": "Ngày nghỉ", "kind": kind})


TET_2026 = [date(2026, 2, day) for day in range(16, 21)]


def draft(title="Dự thảo Quyết định về công tác hòa giải ở cơ sở", start=None, end=None, **fields):
    """A draft for comment under /gop-y-du-thao/, open from `start` to `end` (by default
    from ten days ago to twenty days from now)."""
    from datetime import timedelta

    from django.utils import timezone

    from consultations.models import DraftPage

    today = timezone.localdate()
    base = {
        "title": title,
        "document_type": document_type(),
        "issuing_authority": authority("Ủy ban nhân dân tỉnh Quảng Trị"),
        "summary": "Quy định trách nhiệm của các cơ quan trong công tác hòa giải ở cơ sở.",
        "comment_start": start or today - timedelta(days=10),
        "comment_end": end or today + timedelta(days=20),
        "contact": "Phòng Phổ biến, giáo dục pháp luật; 0233 3852 523",
    }
    page = DraftPage(**{**base, **fields})
    if "draft_file" not in fields:
        page.draft_file = document("Toàn văn dự thảo", "du-thao.pdf")
    return publish(add_live_child(section("gop-y-du-thao"), page))
