"""A citizen on a phone (360 px) finds a draft open for comment from the home page, comments
on it and reads the reference number; axe-core finds no WCAG 2.1 AA violation on the
listing, the draft, the form with an error and the thanks."""

import json

import pytest
from playwright.sync_api import expect

from tests import builders
from tests.helpers import setup_portal
from tests.portal.test_accessibility import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site_url(live_server):
    """The site as setup_portal leaves it and one open draft: the journey needs no more of
    the demo, whose loading would cost more than the journey."""
    setup_portal()
    builders.draft(drafting_unit=builders.unit("Phòng Phổ biến, giáo dục pháp luật"))
    return live_server.url


def test_a_citizen_comments_on_an_open_draft_at_360px(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 800}, bypass_csp=True)
    page = context.new_page()
    found = {}

    def check(name):
        problems = violations(page)
        if problems:
            found[name] = problems

    page.goto(site_url + "/")
    page.get_by_role("link", name="Tất cả dự thảo lấy ý kiến").click()
    page.wait_for_url("**/gop-y-du-thao/")
    check("listing")
    page.get_by_label("Trạng thái").select_option("open")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**trang_thai=open**")
    page.locator("ul.drafts li a").first.click()
    expect(page.get_by_text("Đang lấy ý kiến").first).to_be_visible()
    check("draft")

    page.get_by_label("Họ và tên").fill("Trần Thị Mai")
    page.get_by_label("Thư điện tử hoặc điện thoại").fill("mai@example")  # no domain ending
    page.locator("#id_content").fill("Đề nghị quy định rõ thời hạn bồi dưỡng.")
    page.get_by_role("button", name="Gửi ý kiến góp ý").click()
    expect(page.get_by_role("alert")).to_be_visible()
    check("form with an error")

    page.get_by_label("Thư điện tử hoặc điện thoại").fill("mai@example.vn")
    page.get_by_label("Điều, khoản góp ý").fill("Khoản 2 Điều 5")
    page.get_by_label("Tôi đồng ý").check()
    page.get_by_role("button", name="Gửi ý kiến góp ý").click()
    page.wait_for_url("**da-gui=1**")
    reference = page.locator(".reference strong").inner_text()
    assert reference.startswith("YK-")
    check("thanks")
    context.close()
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)
