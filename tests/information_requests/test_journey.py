"""A citizen's information request in Chromium on a 360 px phone: the form (with an error
first), the tracking number, the status page; axe-core finds no WCAG 2.1 AA violation on
any of them."""

import json

import pytest
from playwright.sync_api import expect

from information_requests.models import InformationRequest
from tests.helpers import setup_portal
from tests.portal.test_accessibility import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PAGE = "/danh-muc-thong-tin-cong-khai/yeu-cau-cung-cap-thong-tin/"


def test_request_tracking_number_and_status_at_360_px(browser, live_server):
    setup_portal()
    context = browser.new_context(viewport={"width": 360, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10000)
    found = {}
    page.goto(live_server.url + "/danh-muc-thong-tin-cong-khai/")
    found["catalogue"] = violations(page)
    page.get_by_role("link", name="Yêu cầu cung cấp thông tin", exact=True).last.click()
    page.wait_for_url(f"**{PAGE}")
    found["form"] = violations(page)
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Hoa")
    page.get_by_label("Nơi cư trú").fill("Phường Đông Hà, Quảng Trị")
    page.get_by_label("Số căn cước").fill("12345")
    page.get_by_label("Thư điện tử hoặc điện thoại").fill("hoa@example.vn")
    page.get_by_label("Thông tin yêu cầu cung cấp").fill("Kế hoạch phổ biến pháp luật năm nay.")
    page.get_by_label("Mục đích yêu cầu").fill("Tìm hiểu.")
    page.get_by_label("Tôi cam kết").check()
    page.get_by_role("button", name="Gửi yêu cầu").click()
    expect(page.get_by_role("alert")).to_be_visible()  # the identity number is too short
    found["form with an error"] = violations(page)
    page.get_by_label("Số căn cước").fill("045190001234")
    page.get_by_role("button", name="Gửi yêu cầu").click()
    page.wait_for_url("**da-gui=1**")
    number = page.locator(".tracking-number").inner_text()
    found["tracking number"] = violations(page)
    # Nothing wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("link", name="Tra cứu yêu cầu bằng mã tra cứu").click()
    page.get_by_label("Mã tra cứu").fill(number)
    page.get_by_role("button", name="Tra cứu").click()
    row = InformationRequest.objects.get()
    status = page.locator(".request-status")
    assert row.reference in status.inner_text() and "Đã tiếp nhận" in status.inner_text()
    assert "045190001234" not in page.content()
    found["status"] = violations(page)
    context.close()
    assert {name: v for name, v in found.items() if v} == {}, json.dumps(found, ensure_ascii=False)
