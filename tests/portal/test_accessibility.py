"""WCAG 2.1 AA on the public site, checked by axe-core (from npm, `make test` installs it) in
Debian's Chromium on every public page type, and a keyboard-only walk through the menu, the
search and the feedback form."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

# The tests change nothing another reads: they share one demo (conftest.py demo_site).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
PAGE_TYPES = {
    "home": "/",
    "section": "/gioi-thieu/",
    "article index": "/tin-tuc/",
    "article": "/pho-bien-giao-duc-phap-luat/nhung-nguoi-duoc-tro-giup-phap-ly/",
    "legal document listing": "/van-ban/?loai=&nam=2014",
    "legal document search": "/van-ban/?q=ho+tich",
    "legal document": "/van-ban/53-2014-qh13/",
    "procedure listing": "/thu-tuc-hanh-chinh/",
    "procedure": "/thu-tuc-hanh-chinh/thu-tuc-2-000488/",
    "organisation": "/gioi-thieu/co-cau-to-chuc/",
    "collection": "/tai-chinh-thong-ke/bao-cao-tai-chinh/",
    "catalogue": "/danh-muc-thong-tin-cong-khai/",
    "feedback": "/phan-anh-kien-nghi/",
    "search": "/tim-kiem/?q=tro+giup+phap+ly",
    "not found": "/khong-co-trang-nay/",
    "english home": "/en/",
    "english organisation": "/en/introduction/organisation/",
}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def test_axe_is_installed():
    assert AXE.exists(), "node_modules/axe-core is missing: `make test` runs npm ci"


@pytest.mark.parametrize("width", [360, 1280])
def test_no_wcag_violation_on_any_public_page_type(browser, demo_site, width):
    # axe is injected as a script, which the site's own policy rightly refuses.
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    found = {}
    for name, path in PAGE_TYPES.items():
        page.goto(demo_site + path)
        problems = violations(page)
        if problems:
            found[name] = problems
    context.close()
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)


def focused(page):
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return (e.getAttribute('aria-label') || e.textContent || e.name || e.id).trim() }"
    )


def test_keyboard_only_through_menu_search_and_feedback(browser, demo_site):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(demo_site + "/")
    # Tab from the top: skip link, then the brand, the search box, the search button, the menu.
    reached = []
    for _ in range(8):
        page.keyboard.press("Tab")
        reached.append(focused(page))
    assert reached[0] == "Chuyển đến nội dung chính"
    assert "Văn bản" in reached  # a menu entry, by keyboard
    # The menu entry opens with Enter.
    while focused(page) != "Văn bản":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/van-ban/")
    # The feedback form, filled and sent with the keyboard only.
    page.goto(demo_site + "/phan-anh-kien-nghi/")
    page.get_by_label("Họ và tên").focus()
    page.keyboard.type("Trần Thị Mai")
    page.keyboard.press("Tab")
    page.keyboard.type("mai@example.vn")
    page.keyboard.press("Tab")
    page.keyboard.type("Góp ý giao diện")
    page.keyboard.press("Tab")
    page.keyboard.type("Trang cần cỡ chữ lớn hơn.")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the consent box
    page.keyboard.press("Tab")
    assert focused(page) == "Gửi Văn phòng Sở"  # the hidden trap field is skipped
    page.keyboard.press("Enter")
    page.wait_for_url("**da-gui=1**")  # the page opens at the thanks (#gui-phan-anh)
    expect(page.get_by_role("status")).to_be_visible()
    page.close()
