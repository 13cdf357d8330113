"""In a real Chromium: a document's relationship diagram (lược đồ) readable on a 360 px phone,
on a desktop and on paper, with headings a screen reader lists, and axe-core's WCAG 2.1 AA
rules passing."""

import json
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from legal_docs.models import LegalDocumentRelation, RelationType
from tests.builders import legal_document
from tests.helpers import setup_portal
from tests.portal.test_accessibility import violations

SCREENSHOTS = Path(settings.BASE_DIR) / ".run" / "screenshots"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def document_url(live_server):
    """A decision with a relation of every type in both directions, one to an outside
    document with a long title."""
    setup_portal()
    subject = legal_document(
        "40/2025/QĐ-UBND",
        issued=date(2025, 5, 1),
        effective=date(2025, 6, 1),
        national_database_url="https://vbpl.vn/quangtri/Pages/vbpq-toanvan.aspx?ItemID=1",
        consolidated_url="https://vbpl.vn/quangtri/Pages/vbpq-van-ban-hop-nhat.aspx?ItemID=2",
    )
    for n, relation_type in enumerate(RelationType.values, start=1):
        part = "khoản 2 Điều 5; Điều 7" if "part" in relation_type else ""
        older = legal_document(f"{n}/2020/QĐ-UBND", issued=date(2020, 1, 1))
        newer = legal_document(
            f"{n}/2025/QĐ-STP", issued=date(2025, 5, 2), effective=date(2025, 6, 1)
        )
        LegalDocumentRelation.objects.create(
            page=subject, target=older, relation_type=relation_type, provisions=part
        )
        LegalDocumentRelation.objects.create(
            page=newer,
            target=subject,
            relation_type=relation_type,
            provisions=part,
            effective_date=date(2025, 7, 1),
        )
    LegalDocumentRelation.objects.create(
        page=subject,
        relation_type="refers_to",
        external_number="22/2023/TT-BTTTT",
        external_title="Thông tư quy định cấu trúc, bố cục, yêu cầu kỹ thuật cho cổng thông tin "
        "điện tử và trang thông tin điện tử của cơ quan nhà nước",
    )
    return live_server.url + subject.url


@pytest.mark.parametrize("width", [360, 1280])
def test_the_diagram_reads_on_a_phone_a_desktop_and_paper(browser, document_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    assert page.goto(document_url).status == 200
    diagram = page.get_by_role("region", name="Lược đồ văn bản")
    expect(diagram).to_be_visible()
    # Every type's two groups, each a heading over its list.
    headings = diagram.get_by_role("heading", level=3)
    assert headings.count() == 2 * len(RelationType.values) - 1  # "related" reads alike
    expect(diagram.get_by_role("heading", name="Văn bản hướng dẫn (1)")).to_be_visible()
    expect(diagram.get_by_role("heading", name="Văn bản bị bãi bỏ một phần (1)")).to_be_visible()
    expect(diagram.get_by_role("link", name="1/2020/QĐ-UBND", exact=True)).to_be_visible()
    expect(diagram.get_by_text("22/2023/TT-BTTTT").first).to_be_visible()  # named, not linked
    expect(page.get_by_role("link", name="Văn bản hợp nhất")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{width}-diagram.png"), full_page=True)
    problems = violations(page)
    assert problems == [], json.dumps(problems, ensure_ascii=False, indent=1)

    # On paper the groups follow one another, the full width of the page.
    page.emulate_media(media="print")
    boxes = [box for box in (g.bounding_box() for g in diagram.locator(".diagram-group").all())]
    assert len({round(box["x"]) for box in boxes}) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
