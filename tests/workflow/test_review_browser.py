"""The board's review in a real Chromium at 390 px and 1280 px (issue #23): the dashboard, the
review screen with the decision first, the royalty dialog fitting before and after an error,
the result said plainly, and the force publication confirmed from the dashboard. Screenshots
go to .run/screenshots/; `PORTAL_SCREENSHOTS=docs/screenshots` refreshes the committed ones."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from home.models import ArticleIndexPage
from portal.core import roles
from tests.admin_forms import article_form, decide, edit_url, refresh, submit_new
from tests.helpers import setup_portal
from workflow.models import ForcePublication, RoyaltyEntry

SCREENSHOTS = Path(settings.BASE_DIR) / os.environ.get("PORTAL_SCREENSHOTS", ".run/screenshots")
PASSWORD = "mat-khau-thu-nghiem-2024"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def admin_url(live_server):
    setup_portal()  # the tree, groups and workflow, without the demo
    return live_server.url


def person(username, group, first_name):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.vn", PASSWORD, first_name=first_name
    )
    user.groups.add(roles.group(group))
    return user


def signed_in(browser, url, username, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(url + "/admin/")
    return page


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def overflowing_fields(modal):
    """Fields of the dialog that stick out of it (cut off, or scrolled to)."""
    return modal.evaluate(
        """dialog => {
            const box = dialog.getBoundingClientRect();
            return [...dialog.querySelectorAll("input, select, textarea, label, .error-message")]
                .filter(el => el.offsetParent !== null)
                .filter(el => {
                    const r = el.getBoundingClientRect();
                    return r.left < box.left - 1 || r.right > box.right + 1;
                })
                .map(el => el.name || el.htmlFor || el.textContent.trim());
        }"""
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_the_board_reviews_and_approves(browser, admin_url, client, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    contributor = person("bientap", roles.CONTRIBUTORS, "Lê Thị Thu")
    first = person("banbientap-a", roles.BOARD, "Nguyễn Văn Hải")
    person("banbientap-b", roles.BOARD, "Trần Minh Đức")
    news = ArticleIndexPage.objects.get(slug="tin-tuc")
    article = submit_new(client, contributor, news)
    decide(client, first, article, "reject", ground="unclear_origin", comment="Ghi rõ nguồn tin.")
    fixed = article_form(source="Phòng Hành chính tư pháp, Sở Tư pháp Quảng Trị")
    fixed["action-submit"] = "1"
    client.force_login(contributor)
    client.post(edit_url(article), fixed)

    author = signed_in(browser, admin_url, "bientap", width)
    expect(author.get_by_role("link", name="Viết bài mới trong “Tin tức”")).to_be_visible()
    author.screenshot(path=SCREENSHOTS / f"dashboard-contributor-{width}.png", full_page=True)
    author.close()

    page = signed_in(browser, admin_url, "banbientap-b", width)
    page.screenshot(path=SCREENSHOTS / f"dashboard-{width}.png", full_page=True)
    queue = page.locator("#board-moderation-section")
    expect(queue).to_be_visible()
    assert article.title in queue.inner_text()
    assert "So sánh với lần gửi trước" in queue.inner_text()
    assert fits_the_screen(page)

    page.goto(admin_url + edit_url(article))
    bar = page.locator(".board-review")
    approve = bar.locator("[data-workflow-action-name=approve]")
    expect(approve).to_be_visible()
    expect(bar.locator("[data-workflow-action-name=reject]")).to_be_visible()
    assert approve.bounding_box()["y"] < 900, "the decision is on the first screen"
    assert "So sánh với lần gửi trước" in bar.inner_text()
    page.screenshot(path=SCREENSHOTS / f"review-{width}.png")

    approve.click()
    modal = page.locator(".modal-content").last
    modal.locator("select[name=genre_1]").select_option(label="Tin (1–10)")
    modal.locator("input[name=points_1]").fill("60")  # outside the genre's frame
    modal.locator("input[name=name_2]").fill("Trần Thị Bình")
    modal.locator("input[name=unit_2]").fill("UBND xã Gio Linh")
    assert overflowing_fields(modal) == []
    page.screenshot(path=SCREENSHOTS / f"royalty-{width}.png")
    modal.locator("button[type=submit]").click()
    modal = page.locator(".modal-content").last
    modal.locator(".error-message").first.wait_for()
    assert overflowing_fields(modal) == [], "the dialog keeps its place after an error"
    page.screenshot(path=SCREENSHOTS / f"royalty-error-{width}.png")

    modal.locator("input[name=points_1]").fill("6")
    modal.locator("select[name=genre_2]").select_option(label="Ảnh (1–5)")
    modal.locator("button[type=submit]").click()
    page.wait_for_url(f"{admin_url}/admin/pages/*/")
    expect(page.get_by_text(f"Đã duyệt và xuất bản “{article.title}”.")).to_be_visible()
    page.close()
    assert refresh(article).live
    assert sorted(e.points for e in RoyaltyEntry.objects.filter(page=article)) == [2, 6]


def test_the_board_confirms_a_force_publication_in_chromium(browser, admin_url, client):
    contributor = person("bientap", roles.CONTRIBUTORS, "Lê Thị Thu")
    operator = person("quantri-thu", roles.OPERATORS, "Phạm Văn Quản")
    person("banbientap-b", roles.BOARD, "Trần Minh Đức")
    article = submit_new(client, contributor, ArticleIndexPage.objects.get(slug="tin-tuc"))
    client.force_login(operator)
    client.post(
        reverse("workflow_force_publish", args=[article.pk]),
        {"reason": "Thông báo khẩn của Ủy ban nhân dân tỉnh."},
    )

    page = signed_in(browser, admin_url, "banbientap-b", 1280)
    page.locator("#board-moderation-section").get_by_role("button", name="Xác nhận").click()
    page.wait_for_url(admin_url + "/admin/")
    expect(page.get_by_text("Đã xác nhận").first).to_be_visible()
    page.close()
    assert ForcePublication.objects.get(page=article).confirmed_at is not None
