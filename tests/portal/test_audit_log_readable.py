"""The system log as a director reads it: autosaves folded into one row per editing session,
filters named as people think of them, the rejection ground in its own column, absolute
local times, Vietnamese counts, and exports without raw JSON, True/False or "Sheet1"."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import PageLogEntry

from portal.core import roles
from tests.admin_forms import decide, submit_new
from tests.builders import article

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def at(hour, minute):
    return datetime(2026, 11, 20, hour, minute, tzinfo=HANOI)


def draft(page, user, when):
    return PageLogEntry.objects.log_action(page, "wagtail.edit", user=user, timestamp=when)


def rows(response):
    """The text of each row of the log's table."""
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(response.content.decode())
    table_rows = tree.xpath("//table[contains(@class, 'listing')]//tbody/tr")
    return [" ".join(tr.text_content().split()) for tr in table_rows]


def test_draft_saves_of_one_session_are_one_row(client, login, make_user):
    page = article("Bài viết có nhiều bản nháp")
    editor = make_user(roles.CONTRIBUTORS, "bientap-a")
    other = make_user(roles.CONTRIBUTORS, "bientap-b")
    for minute in (12, 15, 20, 25, 30, 36, 40):  # one session: gaps under ten minutes
        draft(page, editor, at(9, minute))
    PageLogEntry.objects.log_action(page, "wagtail.publish", user=editor, timestamp=at(9, 45))
    draft(page, editor, at(9, 50))  # after the publication: a new session
    draft(page, other, at(9, 52))  # someone else: their own row
    draft(page, editor, at(11, 0))  # an hour later: a new session
    login(roles.DIRECTORS)
    found = rows(client.get(reverse("audit_log"), {"label": page.title}))
    drafts = [row for row in found if "Đã lưu bản nháp" in row and "20/11/2026" in row]
    assert len(drafts) == 4, found
    assert any("(×7, 09:12–09:40)" in row for row in drafts), drafts
    assert sum("×" in row for row in drafts) == 1  # single saves say nothing more


def test_times_are_absolute_and_local(client, login, make_user):
    page = article("Bài viết thời gian")
    draft(page, make_user(roles.CONTRIBUTORS, "bientap-a"), at(9, 5))
    login(roles.DIRECTORS)
    response = client.get(reverse("audit_log"), {"label": page.title})
    assert "20/11/2026 09:05" in response.content.decode()
    assert "trước" not in " ".join(rows(response))


def test_reject_filter_finds_the_board_rejection_with_its_ground(client, team, news, login):
    page = submit_new(client, team["contributor"], news)
    decide(client, team["board_a"], page, "reject", ground="untrue", comment="Số liệu sai.")
    login(roles.DIRECTORS)
    response = client.get(reverse("audit_log"), {"action": "tu-choi"})
    text = response.content.decode()
    assert 'value="tu-choi"' in text and "Từ chối" in text
    found = rows(response)
    assert len(found) == 1 and page.title in found[0], found
    assert "Không đúng sự thật" in found[0]  # the ground, in its own column
    assert "Căn cứ từ chối" in text
    # Other filters do not list it.
    published = rows(client.get(reverse("audit_log"), {"action": "xuat-ban"}))
    assert not any("Từ chối" in row for row in published)


def test_counts_read_as_vietnamese(client, login, make_user):
    page = article("Bài viết đếm")
    draft(page, make_user(roles.CONTRIBUTORS, "bientap-a"), at(9, 5))
    login(roles.DIRECTORS)
    text = client.get(reverse("audit_log")).content.decode()
    assert "các mục nhật ký" not in text


def test_xlsx_export_is_readable(client, team, news, login):
    page = submit_new(client, team["contributor"], news)
    decide(client, team["board_a"], page, "reject", ground="untrue", comment="Số liệu sai.")
    login(roles.DIRECTORS)
    response = client.get(reverse("audit_log"), {"export": "xlsx", "action": "tu-choi"})
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames == ["Nhật ký hệ thống"]
    values = [cell for row in book.active.iter_rows(values_only=True) for cell in row]
    text = " | ".join(str(value) for value in values if value is not None)
    assert "Không đúng sự thật" in text
    assert "{" not in text and '"' not in text  # details as text, not JSON
    assert "True" not in text and "False" not in text and "None" not in text
