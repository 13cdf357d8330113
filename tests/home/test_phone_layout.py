"""The public layout on a citizen's phone (360 px) and on a desktop (1280 px), in a real
Chromium: every public table readable (each cell as wide as its longest word, labelled with
its column on a phone, inside the screen), no sideways scrolling, a menu that folds away,
the first result on the first screen of both search pages even with a maintenance notice,
and axe-core still finding nothing."""

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.utils import timezone
from playwright.sync_api import expect

from home.models import Feedback, OrganisationPage, Person, SectionPage, Unit
from portal.core.models import MaintenanceWindow
from tests import builders
from tests.builders import add_live_child, publish
from tests.helpers import served
from tests.portal.test_accessibility import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1280, "height": 800}
# Every public page with a table, and the other pages a citizen on a phone reads.
TABLE_PAGES = [
    "/van-ban/",
    "/van-ban/?q=chung+thuc",
    "/thu-tuc-hanh-chinh/",
    "/danh-muc-thong-tin-cong-khai/",
    "/gioi-thieu/co-cau-to-chuc/",
    "/van-ban/60-2014-qh13/",
    "/thu-tuc-hanh-chinh/thu-tuc-2-000815/",
]
OTHER_PAGES = ["/", "/tim-kiem/?q=chung+thuc", "/phan-anh-kien-nghi/", "/khong-co-trang-nay/"]
# Set SCREENSHOTS_DIR (e.g. docs/screenshots) to keep the phone screenshots.
SCREENSHOTS = os.environ.get("SCREENSHOTS_DIR")

# Each cell of each table in <main>: its column's header, whether its label is shown, its
# inner width and the widest word it holds (measured unbroken, in the cell's own fonts).
CELLS_JS = """() => {
  const probe = document.createElement('span');
  probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap;left:0;top:0';
  document.body.appendChild(probe);
  const cells = [];
  for (const table of document.querySelectorAll('main table')) {
    const headers = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
    for (const row of table.querySelectorAll('tbody tr')) {
      const items = [...row.children];
      if (items.length === 1 && items[0].colSpan > 1) continue;  // a group heading
      items.forEach((cell, i) => {
        const style = getComputedStyle(cell);
        const inner = cell.clientWidth - parseFloat(style.paddingLeft)
          - parseFloat(style.paddingRight);
        let widest = 0, word = '';
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
          const node = walker.currentNode, font = getComputedStyle(node.parentElement);
          if (font.display === 'none') continue;
          probe.style.font = font.font;
          probe.style.letterSpacing = font.letterSpacing;
          probe.style.textTransform = font.textTransform;
          const text = node.textContent.trim();
          // Text that must not wrap (a badge) is one word; addresses may break anywhere.
          const words = font.whiteSpace.includes('nowrap') ? [text] : text.split(/\\s+/);
          for (const w of words) {
            if (!w || w.includes('@') || w.includes('://')) continue;
            probe.textContent = w;
            const width = probe.getBoundingClientRect().width;
            if (width > widest) { widest = width; word = w; }
          }
        }
        const rect = cell.getBoundingClientRect();
        const before = getComputedStyle(cell, '::before');
        cells.push({
          table: table.className, column: headers[i] || '', label: cell.dataset.label || '',
          labelShown: before.content !== 'none' && before.content !== 'normal'
            && before.display !== 'none',
          text: cell.innerText.trim(), inner, widest, word,
          left: rect.left, right: rect.right, height: rect.height,
        });
      });
    }
  }
  probe.remove();
  return cells;
}"""
SCROLLS_SIDEWAYS_JS = "document.scrollingElement.scrollWidth > window.innerWidth"
# What sticks out on the right, to say why a page scrolls sideways.
WIDER_THAN_THE_SCREEN_JS = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
  .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + e.getBoundingClientRect().right)"""


def scrolls_sideways(page):
    if page.evaluate(SCROLLS_SIDEWAYS_JS):
        return page.evaluate(WIDER_THAN_THE_SCREEN_JS) or ["?"]
    return []


@pytest.fixture(scope="module")
def phone_site(browser, django_db_setup, django_db_blocker):
    """A registry, procedures, an organisation page, an answered question and a maintenance
    notice, with the long Vietnamese words that broke mid-syllable, known to the engine; built
    once, as the tests only read it (tests/helpers.py served)."""
    yield from served(django_db_blocker, phone_content)


def phone_content():
    law = builders.legal_document(
        "60/2014/QH13",
        type_name="Luật",
        authority_name="Quốc hội",
        issued=date(2014, 11, 20),
        effective=date(2016, 1, 1),
        summary="Luật Hộ tịch quy định về giới thiệu, đăng ký khai sinh, kết hôn, khai tử",
        fields=["Hộ tịch"],
    )
    builders.legal_document(
        "23/2015/NĐ-CP",
        type_name="Nghị định",
        authority_name="Chính phủ",
        issued=date(2015, 2, 16),
        effective=date(2015, 4, 10),
        summary="Về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký "
        "và chứng thực hợp đồng, giao dịch",
        fields=["Chứng thực"],
    )
    builders.legal_document(
        "2975/QĐ-UBND",
        issued=date(2024, 12, 2),
        effective=date(2024, 12, 2),
        summary="Công bố danh mục thủ tục hành chính chuẩn hóa trong lĩnh vực chứng thực",
        fields=["Chứng thực"],
    )
    builders.procedure(
        "2.000815",
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền cấp",
        "Chứng thực",
        online_service_url="https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=2.000815",
        fees="Chứng thực bản sao từ bản chính: 2.000 đồng/trang",
    )
    builders.procedure("1.000894", "Đăng ký khai tử có yếu tố nước ngoài", "Hộ tịch")
    about = SectionPage.objects.get(slug="gioi-thieu")
    add_live_child(
        about,
        OrganisationPage(
            title="Cơ cấu tổ chức", slug="co-cau-to-chuc", functions="<p>Tham mưu.</p>"
        ),
    )
    office = Unit.objects.create(
        name="Văn phòng Sở",
        functions="Tham mưu, tổng hợp; kiểm soát thủ tục hành chính",
        address="01 Lê Lợi, Đông Hà",
        phone="0233 3852 347",
        email="vanphong.stp@quangtri.gov.vn",
    )
    Person.objects.create(
        name="Nguyễn Thị Hoa",
        position="Chánh Văn phòng",
        unit=office,
        phone="0233 3852 347",
        email="hoa.nt@quangtri.gov.vn",
        is_contact=True,
    )
    Feedback.objects.create(
        name="Trần Văn Bình",
        contact="binh@example.vn",
        subject="Hồ sơ chứng thực bản sao",
        content="Chứng thực bản sao cần mang theo giấy tờ gì?",
        answer="Mang theo bản chính để đối chiếu.",
        answered_at=timezone.now(),
        status=Feedback.Status.ANSWERED,
        publish_answer=True,
    )
    start = timezone.now() + timedelta(days=2)
    MaintenanceWindow.objects.create(
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        message="Nâng cấp máy chủ; hồ sơ trực tuyến vẫn nộp tại dichvucong.gov.vn.",
    )
    publish(law)


def open_page(browser, site_url, path, viewport):
    page = browser.new_page(viewport=viewport)
    response = page.goto(site_url + path)
    assert response.status in (200, 404), path
    return page


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_every_table_readable_without_sideways_scrolling(browser, phone_site, viewport):
    narrow, problems = [], []
    for path in TABLE_PAGES + OTHER_PAGES:
        page = open_page(browser, phone_site, path, viewport)
        if wide := scrolls_sideways(page):
            problems.append((path, "scrolls sideways", wide))
        cells = page.evaluate(CELLS_JS)
        if path in TABLE_PAGES:
            assert cells, path
        for cell in cells:
            where = (path, cell["column"], cell["text"][:40])
            # A column squeezed below its longest word breaks it mid-syllable.
            if cell["inner"] + 0.5 < cell["widest"]:
                narrow.append((*where, cell["word"], round(cell["inner"]), round(cell["widest"])))
            # Every field of the desktop table is on the screen, none cut off or hidden.
            off = cell["left"] < 0 or cell["right"] > viewport["width"]
            if cell["text"] and (cell["height"] == 0 or off):
                problems.append((*where, "not on the screen"))
            # On a phone each cell says which column it is (tables with a header row).
            if viewport is PHONE and cell["column"]:
                if cell["label"] != cell["column"] or not cell["labelShown"]:
                    problems.append((*where, "no column label"))
        page.close()
    assert narrow == []
    assert problems == []


def test_phone_shows_the_same_fields_as_the_desktop(browser, phone_site):
    for path in TABLE_PAGES:
        seen = {}
        for viewport in (PHONE, DESKTOP):
            page = open_page(browser, phone_site, path, viewport)
            seen[viewport["width"]] = [
                (cell["column"], cell["text"])
                for cell in page.evaluate(CELLS_JS)
                if cell["text"]  # an empty cell shows no field
                and cell["height"] > 0
                and 0 <= cell["left"]
                and cell["right"] <= viewport["width"]
            ]
            page.close()
        assert seen[360] == seen[1280], path
        assert seen[360], path


@pytest.mark.parametrize(
    "path,first_result",
    [
        ("/tim-kiem/?q=chung+thuc", ".search-results > li"),
        ("/van-ban/?q=chung+thuc", "main tbody tr"),
    ],
)
def test_first_result_on_the_first_screen_of_a_phone(browser, phone_site, path, first_result):
    page = open_page(browser, phone_site, path, PHONE)
    notice = page.locator(".maintenance-banner")
    expect(notice).to_be_visible()
    # One line: the notice does not push the page down.
    assert notice.bounding_box()["height"] <= 48
    top = page.locator(first_result).first.evaluate("e => e.getBoundingClientRect().top")
    assert top < page.evaluate("window.innerHeight"), path
    if SCREENSHOTS:
        name = "search-390.png" if "tim-kiem" in path else "registry-search-390.png"
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(Path(SCREENSHOTS) / name))
    page.close()


def test_menu_folds_away_on_a_phone_and_opens_with_its_button(browser, phone_site):
    context = browser.new_context(viewport=PHONE, bypass_csp=True)  # for axe's script
    page = context.new_page()
    page.goto(phone_site + "/")
    button = page.get_by_role("button", name="Danh mục")
    link = page.get_by_role("navigation", name="Danh mục chính").get_by_role("link", name="Văn bản")
    assert button.get_attribute("aria-expanded") == "false"
    expect(link).to_be_hidden()
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    expect(link).to_be_visible()
    if SCREENSHOTS:
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(Path(SCREENSHOTS) / "menu-390.png"))
    assert violations(page) == []
    context.close()
    # On a desktop the menu is always open, and there is no button.
    page = open_page(browser, phone_site, "/", DESKTOP)
    menu = page.get_by_role("navigation", name="Danh mục chính")
    expect(menu.get_by_role("link", name="Văn bản")).to_be_visible()
    expect(page.get_by_role("button", name="Danh mục")).to_be_hidden()
    page.close()


def test_menu_stays_open_without_javascript(browser, phone_site):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(phone_site + "/")
    menu = page.get_by_role("navigation", name="Danh mục chính")
    expect(menu.get_by_role("link", name="Văn bản")).to_be_visible()
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_no_accessibility_violation_on_the_reworked_pages(browser, phone_site, viewport):
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    page = context.new_page()
    found = {}
    for path in TABLE_PAGES + OTHER_PAGES + ["/tim-kiem/?q=khongcogi", "/van-ban/?q=khongcogi"]:
        page.goto(phone_site + path)
        problems = violations(page)
        if problems:
            found[path] = problems
    context.close()
    assert found == {}


def test_phone_screenshots(browser, phone_site):
    """The reworked screens at 390 px, kept when SCREENSHOTS_DIR is set; each of them fits."""
    shots = {
        "registry-390.png": "/van-ban/",
        "procedures-390.png": "/thu-tuc-hanh-chinh/",
        "procedures-search-390.png": "/thu-tuc-hanh-chinh/?q=chung+thuc",
        "catalogue-390.png": "/danh-muc-thong-tin-cong-khai/",
        "organisation-390.png": "/gioi-thieu/co-cau-to-chuc/",
        "search-empty-390.png": "/tim-kiem/?q=khongcogi",
        "registry-empty-390.png": "/van-ban/?q=khongcogi",
        "feedback-390.png": "/phan-anh-kien-nghi/",
        "404-390.png": "/khong-co-trang-nay/",
    }
    for name, path in shots.items():
        page = open_page(browser, phone_site, path, {"width": 390, "height": 844})
        assert not scrolls_sideways(page), path
        if SCREENSHOTS:
            page.screenshot(path=str(Path(SCREENSHOTS) / name), full_page=True)
        page.close()
    # The 500 page is drawn without the database: its markup, in the site's address space.
    page = open_page(browser, phone_site, "/", {"width": 390, "height": 844})
    page.set_content(render_to_string("500.html"))
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Hệ thống đang gặp sự cố")).to_be_visible()
    assert not scrolls_sideways(page)
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / "500-390.png"), full_page=True)
    page.close()
