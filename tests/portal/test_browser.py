"""In a real Chromium: the public site readable on a 360 px phone and on a desktop, and the
board approving in the page editor."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from home.models import ArticleIndexPage
from portal.core import roles
from tests.admin_forms import refresh, submit_new
from tests.helpers import csp_directives
from workflow.models import RoyaltyEntry

SCREENSHOTS = Path(settings.BASE_DIR) / ".run" / "screenshots"
PAGES = [
    "/",
    "/gioi-thieu/",
    "/gioi-thieu/co-cau-to-chuc/",
    "/tin-tuc/",
    "/tin-tuc/ban-hanh-quy-che-hoat-dong-trang-thong-tin-dien-tu/",
    "/pho-bien-giao-duc-phap-luat/nhung-nguoi-duoc-tro-giup-phap-ly/",
    "/danh-muc-thong-tin-cong-khai/",
    "/van-ban/",
    "/van-ban/53-2014-qh13/",
    "/thu-tuc-hanh-chinh/",
    "/thu-tuc-hanh-chinh/thu-tuc-2-000488/",
    "/tai-chinh-thong-ke/bao-cao-tai-chinh/",
    "/phan-anh-kien-nghi/",
    "/tim-kiem/?q=khai+sinh",
]

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def csp_violations(page):
    """What Chromium refuses under the Content-Security-Policy, as it happens."""
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refused


@pytest.mark.parametrize("width", [360, 1280])
def test_public_pages_fit_the_screen(browser, demo_site, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 900})
    refused = csp_violations(page)
    for path in PAGES:
        response = page.goto(demo_site + path)
        assert response.status == 200, path
        expect(page.locator("main h1").first, path).to_be_visible()
        expect(page.get_by_role("navigation", name="Danh mục chính"), path).to_be_visible()
        expect(page.get_by_role("search").first, path).to_be_visible()
        # Nothing wider than the screen: no sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        name = path.strip("/").replace("/", "_").replace("?", "_") or "home"
        page.screenshot(path=str(SCREENSHOTS / f"{width}-{name}.png"), full_page=True)
    assert csp_directives(response.headers["content-security-policy"])["script-src"] == ["'self'"]
    assert refused == []
    page.close()


def test_keyboard_user_can_skip_to_content_and_search(browser, demo_site):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(demo_site + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Chuyển đến nội dung chính")
    assert skip.evaluate("element => element === document.activeElement")
    expect(skip).to_be_visible()
    page.get_by_label("Tìm kiếm trên Trang").fill("trợ giúp pháp lý")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem/**")
    expect(
        page.get_by_role("link", name="Những người được trợ giúp pháp lý miễn phí")
    ).to_be_visible()
    page.close()


@pytest.mark.django_db(transaction=True)
def test_a_board_member_approves_in_the_editor(browser, site_url, client):
    """The board's real path: the editor's menu, the approval modal with a royalty line."""
    User = get_user_model()
    contributor = User.objects.create_user("bientap", "bt@example.vn", "mat-khau-bien-tap-1")
    contributor.groups.add(roles.group(roles.CONTRIBUTORS))
    member = User.objects.create_user("banbientap", "bbt@example.vn", "mat-khau-ban-bien-tap-1")
    member.groups.add(roles.group(roles.BOARD))
    article = submit_new(client, contributor, ArticleIndexPage.objects.get(slug="tin-tuc"))

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    refused = csp_violations(page)
    page.goto(site_url + "/admin/login/")
    page.fill("#id_username", "banbientap")
    page.fill("#id_password", "mat-khau-ban-bien-tap-1")
    page.click("button[type=submit]")
    page.goto(f"{site_url}/admin/pages/{article.pk}/edit/")
    assert page.locator("footer button[name=action-publish]").count() == 0
    page.locator("footer .w-dropdown__toggle, footer button[aria-label]").first.click()
    page.locator("footer [data-workflow-action-name=approve]").click()
    modal = page.locator(".modal-content").last
    modal.locator("select[name=genre_1]").select_option(label="Tin (1–10)")
    modal.locator("input[name=points_1]").fill("6")
    modal.locator("button[type=submit]").click()
    page.wait_for_url(f"{site_url}/admin/pages/*/")
    assert refused == [], sorted(set(refused))  # the admin works under its policy
    page.close()
    assert refresh(article).live
    assert RoyaltyEntry.objects.get(page=article).points == 6
