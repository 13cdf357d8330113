"""In a real Chromium, on a 360 px phone and a desktop: browsing the registry by signer
(issue #25, item 4). From a document's page, its signer's name leads to the registry filtered
on that signer; there the signer filter lists each person's documents only, with counts. Nothing is wider than the screen, and axe-core's WCAG 2.1 AA rules pass."""

import json
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.builders import legal_document
from tests.helpers import setup_portal
from tests.portal.test_accessibility import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHAIR = "Nguyễn Văn Ánh"
DIRECTOR = "Trần Thị Bình"


@pytest.fixture
def document_url(live_server):
    """Two decisions signed by the chair, one by the director of the department."""
    setup_portal()
    first = legal_document(
        "1/2024/QĐ-UBND",
        issued=date(2024, 1, 5),
        signer=CHAIR,
        signer_position="Chủ tịch",
        summary="Quy định về hòa giải ở cơ sở",
    )
    legal_document(
        "2/2024/QĐ-UBND",
        issued=date(2024, 2, 5),
        signer=CHAIR,
        signer_position="Chủ tịch",
        summary="Quy định về chứng thực bản sao",
    )
    legal_document(
        "3/2024/QĐ-STP",
        authority_name="Sở Tư pháp tỉnh Quảng Trị",
        issued=date(2024, 3, 5),
        signer=DIRECTOR,
        signer_position="Giám đốc",
        summary="Quy định về lý lịch tư pháp",
    )
    return live_server.url + first.url


def numbers(page):
    return page.locator("table.documents a.number").all_inner_texts()


def fits_and_passes_axe(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    problems = violations(page)
    assert problems == [], json.dumps(problems, ensure_ascii=False, indent=1)


def test_browsing_by_signer_on_a_phone_and_a_desktop(browser, document_url):
    for width in (360, 1280):
        # axe is injected as a script, which the site's own policy rightly refuses.
        context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
        page = context.new_page()
        assert page.goto(document_url).status == 200
        signer = page.get_by_role("link", name=CHAIR, exact=True)
        expect(signer).to_be_visible()
        # The signer's title is beside the name, as the registry's filter reads.
        expect(page.get_by_role("cell", name=f"Chủ tịch — {CHAIR}")).to_be_visible()
        fits_and_passes_axe(page, width)

        signer.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "nguoi_ky=" in page.url
        assert sorted(numbers(page)) == ["1/2024/QĐ-UBND", "2/2024/QĐ-UBND"]
        chosen = page.get_by_label("Người ký")
        assert chosen.input_value() == CHAIR
        fits_and_passes_axe(page, width)

        # Another signer in the filter (folded on a phone), submitted from the keyboard.
        page.locator("details.filter-more").evaluate("details => { details.open = true; }")
        chosen.select_option(DIRECTOR)
        with page.expect_navigation():
            page.get_by_role("button", name="Lọc", exact=True).press("Enter")
        assert numbers(page) == ["3/2024/QĐ-STP"]
        assert page.get_by_label("Người ký").input_value() == DIRECTOR
        options = page.get_by_label("Người ký").evaluate("s => [...s.options].map(o => o.text)")
        assert f"Chủ tịch — {CHAIR} (2)" in options and f"Giám đốc — {DIRECTOR} (1)" in options
        fits_and_passes_axe(page, width)
        context.close()
