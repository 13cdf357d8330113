"""In a real Chromium, under the site's own strict policy: the quick view of a document's
PDF (pdf.js, the site's own files) opens from the keyboard on a 360 px phone and a desktop,
draws the pages at the width of the screen, pages and zooms, tells in Vietnamese when a file
cannot be shown, breaks no rule of the policy, and passes axe-core's WCAG 2.1 AA rules. The
file itself is still served as an attachment that no page may frame."""

import json
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from legal_docs.models import LegalDocumentFile
from tests.builders import document, legal_document, pdf_document
from tests.helpers import setup_portal
from tests.portal.test_accessibility import AXE, WCAG_AA

SCREENSHOTS = Path(settings.BASE_DIR) / ".run" / "screenshots"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Every refusal of the policy in the page, kept where the test reads it (an init script
# runs before the page's own, and the policy does not govern it).
RECORD_REFUSALS = """
window.refused = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.refused.push(event.violatedDirective + " " + event.blockedURI);
});
"""
# Dark pixels on the canvas: the page's text, drawn.
INK = """canvas => {
    const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 100 && data[i + 1] < 100) ink++;
    return ink;
}"""


@pytest.fixture
def files(live_server):
    """A decision with a two-page signed PDF, a PDF no reader can open, and a Word file."""
    setup_portal()
    page = legal_document("40/2025/QĐ-UBND", issued=date(2025, 5, 1), effective=date(2025, 5, 15))
    signed = pdf_document()
    broken = document("Bản quét", "ban-quet.pdf")  # a header line and nothing else
    word = document("Dự thảo", "du-thao.docx")
    for order, (file, label) in enumerate([(signed, "Bản ký số"), (broken, "Bản quét")]):
        LegalDocumentFile.objects.create(page=page, document=file, label=label, sort_order=order)
    LegalDocumentFile.objects.create(page=page, document=word, label="Bản Word", sort_order=2)
    return live_server.url + page.url, live_server.url + signed.url


def is_focused(locator):
    return locator.evaluate("element => element === document.activeElement")


def axe_violations(page):
    # Evaluated by the test, as the policy rightly refuses axe as a script of the page.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in result["violations"]
    ]


def test_the_quick_view_reads_a_pdf_on_a_phone_and_a_desktop(browser, files):
    page_url, file_url = files
    # Without scripts the page offers the download links alone.
    context = browser.new_context(viewport={"width": 360, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(page_url)
    expect(page.get_by_role("link", name="Tải về: Bản ký số")).to_be_visible()
    expect(page.get_by_role("link", name="Tải về: Bản quét")).to_be_visible()
    assert page.get_by_role("button", name="Xem nhanh", exact=False).count() == 0
    context.close()

    console, crashes = [], []  # the browser's messages and uncaught errors, both widths
    for width in (360, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900})
        context.add_init_script(RECORD_REFUSALS)
        page = context.new_page()
        page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        page.on("pageerror", lambda error: crashes.append(str(error)))
        response = page.goto(page_url)
        assert response.status == 200
        policy = response.headers["content-security-policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["script-src"] == "'self'" and "worker-src" not in directives
        assert directives["connect-src"] == "'self'" and "unsafe" not in policy

        # Only the PDFs have a quick view; each keeps its download link.
        assert page.get_by_role("button", name="Xem nhanh: Bản Word").count() == 0
        download = page.get_by_role("link", name="Tải về: Bản ký số")
        toggle = page.get_by_role("button", name="Xem nhanh: Bản ký số")
        download.focus()
        page.keyboard.press("Tab")
        assert is_focused(toggle)
        assert toggle.get_attribute("aria-expanded") == "false"
        with page.expect_response(file_url) as served:
            page.keyboard.press("Enter")
        # pdf.js reads the file from its own address, still an attachment nobody may frame.
        headers = served.value.headers
        assert headers["content-disposition"].startswith("attachment")
        assert headers["x-frame-options"] == "DENY"
        assert toggle.get_attribute("aria-expanded") == "true"

        viewer = page.get_by_role("region", name="Xem nhanh: Bản ký số")
        viewer.get_by_text("Trang 1/2").wait_for()
        canvas = viewer.get_by_role("img", name="Trang 1/2")
        frame = viewer.get_by_role("group", name="Trang của tệp: Bản ký số")
        assert canvas.evaluate(INK) > 1000
        # Fitted to the width: the whole page across, nothing wider than the screen.
        assert canvas.bounding_box()["width"] <= frame.bounding_box()["width"]
        assert canvas.bounding_box()["width"] >= frame.bounding_box()["width"] - 4
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.get_by_role("heading", name="Tệp văn bản").evaluate("h => h.scrollIntoView()")
        page.screenshot(path=str(SCREENSHOTS / f"{width}-pdf-view.png"))

        # The toolbar, from the keyboard: no page before the first, then the second.
        page.keyboard.press("Tab")
        previous = viewer.get_by_role("button", name="Trang trước")
        assert is_focused(previous) and previous.get_attribute("aria-disabled") == "true"
        page.keyboard.press("Tab")
        following = viewer.get_by_role("button", name="Trang sau")
        assert is_focused(following)
        page.keyboard.press("Enter")
        viewer.get_by_text("Trang 2/2").wait_for()
        assert is_focused(following) and following.get_attribute("aria-disabled") == "true"
        assert viewer.get_by_role("img", name="Trang 2/2").evaluate(INK) > 1000

        # Zoomed in, the page is wider than its frame and scrolls there, not the screen.
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        zoom_in = viewer.get_by_role("button", name="Phóng to")
        assert is_focused(zoom_in)
        page.keyboard.press("Enter")
        page.wait_for_function(
            "([canvas, frame]) => canvas.clientWidth > frame.clientWidth",
            arg=[frame.locator("canvas").element_handle(), frame.element_handle()],
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert (
            viewer.get_by_role("button", name="Vừa chiều rộng").get_attribute("aria-disabled")
            == "false"
        )

        # A file pdf.js cannot read: a message in Vietnamese, the download link beside it.
        broken = page.get_by_role("button", name="Xem nhanh: Bản quét")
        broken.focus()
        page.keyboard.press("Enter")
        page.get_by_role("region", name="Xem nhanh: Bản quét").get_by_text(
            "Không xem nhanh được tệp này. Hãy tải tệp về để đọc."
        ).wait_for()

        refused = page.evaluate("window.refused")
        assert refused == [], refused
        assert not [line for line in console if "Content Security Policy" in line], console
        assert crashes == []
        problems = axe_violations(page)
        assert problems == [], json.dumps(problems, ensure_ascii=False, indent=1)

        # Escape closes the view and gives the keyboard back to its button.
        zoom_in.focus()
        page.keyboard.press("Escape")
        assert viewer.is_hidden()
        assert is_focused(toggle) and toggle.get_attribute("aria-expanded") == "false"
        page.keyboard.press("Enter")  # and opens it again where it was
        viewer.get_by_text("Trang 2/2").wait_for()
        context.close()
