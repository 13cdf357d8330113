"""In a real Chromium, on a 390 px phone and a 1280 px desktop: the feedback form opens at
its error summary after a mistake and shows the reference number once sent; the office's
dashboard counts new feedback; the director reads the system log; the printable report has
its print button. Screenshots go to .run/screenshots (docs/screenshots holds copies)."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.models import PageLogEntry, Site

from home.models import Feedback
from portal.core import roles
from portal.core.models import PortalSettings
from tests.admin_forms import decide, submit_new
from tests.builders import article, news_index
from tests.helpers import setup_portal

SCREENSHOTS = Path(settings.BASE_DIR) / ".run" / "screenshots"
PASSWORD = "mat-khau-thu-nghiem-2026"
WIDTHS = [390, 1280]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    setup_portal()
    return live_server.url


def person(username, group, first, last):
    user = get_user_model().objects.create_user(
        username, f"{username}@sotp.example.vn", PASSWORD, first_name=first, last_name=last
    )
    user.groups.add(roles.group(group))
    return user


def signed_in(browser, site, username, width):
    page = browser.new_page(viewport={"width": width, "height": 860})
    page.goto(site + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(site + "/admin/")
    return page


def shot(page, name, width, full_page=False):
    """What the screen shows (where the page opened), or the whole page."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=full_page)


@pytest.mark.parametrize("width", WIDTHS)
def test_feedback_opens_at_the_error_then_thanks_with_a_reference(browser, site, width):
    page = browser.new_page(viewport={"width": width, "height": 860})
    page.goto(site + "/phan-anh-kien-nghi/")
    page.fill("#id_name", "Nguyễn Thị Hoa")
    page.fill("#id_contact", "hoa.nguyen@gmail")
    page.fill("#id_subject", "Hỏi về chứng thực bản sao")
    page.fill("#id_content", "Tôi cần chứng thực bản sao giấy khai sinh ở đâu?")
    page.check("#id_consent")
    page.click("form.feedback-form button[type=submit]")
    summary = page.locator("#loi-bieu-mau")
    summary.wait_for()
    # The page's deferred script brings the list to the top; autofocus alone may focus it
    # first, where it lies, so wait for the script rather than read the box at once.
    page.wait_for_function(
        "() => { const top = document.getElementById('loi-bieu-mau').getBoundingClientRect().top;"
        " return top >= 0 && top < 200; }"
    )
    assert page.evaluate("document.activeElement.id") == "loi-bieu-mau"
    assert "Hãy nhập địa chỉ thư điện tử" in summary.inner_text()
    shot(page, "phan-anh-loi", width)

    page.fill("#id_contact", "hoa.nguyen@gmail.com")
    page.check("#id_consent")
    page.click("form.feedback-form button[type=submit]")
    page.wait_for_url("**da-gui=1**")
    reference = Feedback.objects.get().reference
    assert reference in page.locator(".notice").inner_text()
    assert page.locator(".notice").bounding_box()["y"] < 860
    shot(page, "phan-anh-cam-on", width)
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_office_and_the_director_at_work(browser, site, width, client):
    person("vanphong.lan", roles.OFFICE, "Lan", "Phạm Thị")
    person("giamdoc.binh", roles.DIRECTORS, "Bình", "Nguyễn Văn")
    editor = person("bientap.hoa", roles.CONTRIBUTORS, "Hoa", "Nguyễn Thị")
    for number in range(3):
        Feedback.objects.create(
            name="Trần Văn An",
            contact="0912345678",
            subject=f"Câu hỏi về hộ tịch số {number + 1}",
            content="Nội dung câu hỏi.",
        )
    page_ = article("Hội nghị tập huấn nghiệp vụ chứng thực")
    zone = ZoneInfo("Asia/Ho_Chi_Minh")
    for minute in (12, 16, 21, 27, 31, 36, 40):
        when = datetime(2026, 12, 4, 9, minute, tzinfo=zone)
        PageLogEntry.objects.log_action(page_, "wagtail.edit", user=editor, timestamp=when)

    contributor = person("ctv.thu", roles.CONTRIBUTORS, "Thu", "Lê Thị")
    member = person("bbt.hai", roles.BOARD, "Hải", "Nguyễn Văn")
    submitted = submit_new(client, contributor, news_index(), title="Thông báo chứng thực")
    decide(client, member, submitted, "reject", ground="untrue", comment="Sai số liệu.")

    settings_ = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings_.report_signer_name = "Nguyễn Văn Bình"
    settings_.save()

    office = signed_in(browser, site, "vanphong.lan", width)
    panel = office.locator("#new-feedback-section")
    assert "3 phản ánh, kiến nghị mới" in panel.inner_text()
    shot(office, "van-phong-bang-dieu-khien", width)
    office.close()

    director = signed_in(browser, site, "giamdoc.binh", width)
    director.goto(site + "/admin/audit-log/?label=chứng thực")
    row = director.locator("table.listing tbody tr", has_text="×7")
    assert "09:12–09:40" in row.inner_text() and "Nguyễn Thị Hoa" in row.inner_text()
    rejected = director.locator("table.listing tbody tr", has_text="Từ chối")
    assert "Không đúng sự thật" in rejected.first.inner_text()
    assert director.evaluate("document.documentElement.scrollWidth") <= width
    shot(director, "nhat-ky-he-thong", width, full_page=True)
    director.goto(site + "/admin/activity-report/print/?so=12")
    expect(director.locator("button.print-button")).to_be_visible()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in director.locator(".national").inner_text()
    assert director.evaluate("document.documentElement.scrollWidth") <= width
    shot(director, "bao-cao-in", width)
    director.locator(".closing").scroll_into_view_if_needed()
    director.locator(".closing").screenshot(path=SCREENSHOTS / f"bao-cao-in-ky-{width}.png")
    director.close()
