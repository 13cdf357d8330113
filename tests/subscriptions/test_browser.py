"""In a real Chromium at 360 px: a citizen subscribes to the registry search they are
looking at, confirms by the mail's link, manages and cancels by links, without an account;
axe-core's WCAG 2.1 AA rules pass on every page of the journey."""

import json
import re
from datetime import date

import pytest
from django.core import mail
from playwright.sync_api import expect

from subscriptions.models import Subscription
from tests.builders import legal_document, legal_field
from tests.helpers import setup_portal
from tests.portal.test_accessibility import violations
from tests.subscriptions.helpers import run_mail_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTH = 360


def accessible(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    problems = violations(page)
    assert problems == [], json.dumps(problems, ensure_ascii=False, indent=1)


def test_subscribe_confirm_manage_and_unsubscribe_on_a_phone(browser, live_server):
    setup_portal()
    field = legal_field("Hộ tịch")
    legal_document(
        "1/2025/QĐ-UBND", issued=date(2025, 1, 2), effective=date(2025, 2, 1), fields=["Hộ tịch"]
    )
    context = browser.new_context(viewport={"width": WIDTH, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/van-ban/?linh_vuc={field.pk}")
    page.get_by_role("button", name="Nhận thư khi có văn bản phù hợp với tìm kiếm này").click()
    expect(page.get_by_text("Tìm kiếm văn bản: Lĩnh vực: Hộ tịch")).to_be_visible()
    accessible(page)

    # Sent without an address: the error summary says what to fix, and passes axe too.
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    expect(page.get_by_role("alert").get_by_text("Hãy nhập địa chỉ thư điện tử")).to_be_visible()
    accessible(page)
    page.get_by_label("Địa chỉ thư điện tử của bạn").fill("dan@example.vn")
    page.get_by_label("Mỗi ngày một thư tổng hợp").check()
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    expect(page.get_by_role("status").get_by_text("Cảm ơn bạn")).to_be_visible()
    accessible(page)
    subscription = Subscription.objects.get()
    assert not subscription.is_active and subscription.frequency == "daily"

    run_mail_worker()
    [confirmation] = mail.outbox
    confirm = re.search(r"http\S+/nhan-tin/xac-nhan/\S+/", confirmation.body).group(0)
    page.goto(live_server.url + "/" + confirm.split("/", 3)[3])
    accessible(page)
    page.get_by_role("button", name="Xác nhận đăng ký").click()
    expect(page.get_by_text("Đăng ký của bạn đã được xác nhận")).to_be_visible()
    subscription.refresh_from_db()
    assert subscription.is_active

    page.get_by_role("link", name="Quản lý đăng ký nhận tin").click()
    expect(page.get_by_role("heading", name="Đăng ký nhận tin của bạn")).to_be_visible()
    accessible(page)
    page.get_by_label("Tần suất").select_option("immediate")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu thay đổi của bạn.")).to_be_visible()
    subscription.refresh_from_db()
    assert subscription.frequency == "immediate"

    page.goto(f"{live_server.url}/nhan-tin/huy/{subscription.token}/")
    accessible(page)
    page.get_by_role("button", name="Hủy đăng ký").click()
    expect(page.get_by_role("heading", name="Đã hủy đăng ký")).to_be_visible()
    accessible(page)
    assert not Subscription.objects.exists()
    context.close()
