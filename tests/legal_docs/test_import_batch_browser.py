"""In a real Chromium: the board opens a batch with rejected records, reads what each document
would change, approves, and the documents are live and found by search (issue #17)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from legal_docs.importer import Importer, system_account
from legal_docs.models import ImportBatch, LegalDocumentIndexPage, LegalDocumentPage
from portal.core import roles
from tests import builders
from tests.builders import record
from tests.helpers import setup_portal
from tests.search_engine import refresh_engine, run_search_worker

SCREENSHOTS = Path(settings.BASE_DIR) / ".run" / "screenshots"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site_url(live_server):
    """The site as setup_portal leaves it and the Law on Civil Status the batch updates: the
    batch needs no more of the demo, whose loading would cost more than the test."""
    setup_portal()
    builders.civil_status_law(signer="Nguyễn Sinh Hùng")
    return live_server.url


@pytest.mark.parametrize("width", [390, 1280])
def test_the_board_reads_a_batch_and_approves_it(browser, site_url, width):
    member = get_user_model().objects.create_user(
        "banbientap", "bbt@example.vn", "mat-khau-ban-bien-tap-1"
    )
    member.groups.add(roles.group(roles.BOARD))
    registry = LegalDocumentIndexPage.objects.get(slug="van-ban")
    law = LegalDocumentPage.objects.get(number_key="60/2014/QH13")
    # Without its signer, so the record below adds one to read.
    LegalDocumentPage.objects.filter(pk=law.pk).update(signer="", signer_position="")
    importer = Importer(registry, "vbpl.json", imported_by=system_account())
    importer.run(
        [
            record(number_symbol="180/QĐ-UBND", summary="Về chứng thực bản sao điện tử"),
            {
                "number_symbol": "60/2014/QH13",
                "document_type": "Luật",
                "issuing_authority": "QH",
                "issue_date": "2014-11-20",
                "summary": "Luật Hộ tịch",
                "signer": "Nguyễn Sinh Hùng",
            },
            record(number_symbol="181/QĐ-UBND", issuing_authority="Sở Tư pháp Quảng Bình"),
        ]
    )
    batch = importer.batch

    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(site_url + "/admin/login/")
    page.fill("#id_username", "banbientap")
    page.fill("#id_password", "mat-khau-ban-bien-tap-1")
    page.click("button[type=submit]")
    response = page.goto(f"{site_url}/admin/import-batches/{batch.pk}/")
    assert response.status == 200
    diff = page.locator(".batch-diff").filter(has_text="Nguyễn Sinh Hùng")
    expect(diff).to_be_visible()
    assert "Người ký" in diff.inner_text()
    rejected = page.locator(".batch-rejections").inner_text()
    assert "181/QĐ-UBND" in rejected and "Sở Tư pháp Quảng Trị (STP)" in rejected
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"import-batch-{width}.png"), full_page=True)
    page.fill("#review-comment", "Đã đối chiếu với Cơ sở dữ liệu quốc gia")
    page.click("button[name=approve]")
    page.wait_for_load_state()
    assert "đã được duyệt" in page.content() or "Đã duyệt" in page.content()
    page.close()

    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.APPROVED
    assert LegalDocumentPage.objects.get(pk=law.pk).signer == "Nguyễn Sinh Hùng"
    assert LegalDocumentPage.objects.get(number_key="180/QD-UBND").live
    run_search_worker()
    refresh_engine()
    search = browser.new_page(viewport={"width": width, "height": 900})
    search.goto(f"{site_url}/van-ban/?q=chung+thuc+ban+sao+dien+tu")
    assert "180/QĐ-UBND" in search.content()
    search.close()
