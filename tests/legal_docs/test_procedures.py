"""Administrative procedures (Art. 5.1b): the listing and its filters, the procedure page,
and the exchange-file import, whose records wait for the board like the registry's."""

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings

from legal_docs.demo import PROCEDURES_EXAMPLE, procedures_file
from legal_docs.importer import review_batch
from legal_docs.models import (
    ImportBatch,
    OnlineLevel,
    ProcedureIndexPage,
    ProcedurePage,
)
from tests.builders import legal_document, procedure_page
from tests.helpers import html, run_command

pytestmark = pytest.mark.django_db
SCHEMA = json.loads(
    (Path(settings.BASE_DIR) / "legal_docs" / "schema" / "procedures.schema.json").read_text()
)


def procedure(**overrides):
    fields = {
        "code": "1.000894",
        "title": "Đăng ký khai tử có yếu tố nước ngoài",
        "field": "Hộ tịch",
        "implementing_agency": "Sở Tư pháp tỉnh Quảng Trị",
        "online_level": "toàn trình",
        "processing_time": "03 ngày làm việc",
        "fees": "75.000 đồng",
        "dossier": "Tờ khai đăng ký khai tử\nGiấy báo tử",
        "steps": "Nộp hồ sơ\nTrả kết quả",
        "result": "Trích lục khai tử",
        "legal_basis": ["60/2014/QH13", "99/9999/XX-YY"],
        "online_service_url": "https://dichvucong.gov.vn/p/home/dvc-tthc.html?ma=1.000894",
    }
    fields.update(overrides)
    return fields


def write(tmp_path, records, name="thu-tuc.json"):
    path = tmp_path / name
    data = {"format": "sotp-procedures", "version": 1, "procedures": records}
    path.write_text(json.dumps(data, ensure_ascii=False))
    return path


def run_import(path, capsys):
    return run_command("import_procedures", path, capsys)


@pytest.fixture
def procedures(portal):
    return ProcedureIndexPage.objects.get(slug="thu-tuc-hanh-chinh")


def test_the_listing_filters_by_field_and_level_with_counts(client, procedures):
    procedure_page("2.000488", "Cấp Phiếu lý lịch tư pháp", "Lý lịch tư pháp", OnlineLevel.FULL)
    procedure_page("1.001193", "Cấp bản sao trích lục hộ tịch", "Hộ tịch", OnlineLevel.FULL)
    procedure_page("2.000908", "Chứng thực bản sao", "Chứng thực", OnlineLevel.PARTIAL)
    procedure_page("1.001877", "Bổ nhiệm công chứng viên", "Công chứng", OnlineLevel.PARTIAL)
    page = html(client, "/thu-tuc-hanh-chinh/")
    assert "Cấp Phiếu lý lịch tư pháp" in page and "Bổ nhiệm công chứng viên" in page
    assert "Dịch vụ công trực tuyến toàn trình (2)" in page
    assert "4 thủ tục" in page
    full = html(client, f"/thu-tuc-hanh-chinh/?muc_do={OnlineLevel.FULL}")
    assert "Cấp Phiếu lý lịch tư pháp" in full and "Bổ nhiệm công chứng viên" not in full
    assert "Lý lịch tư pháp (1)" in full and "Công chứng (1)" not in full
    assert client.get("/thu-tuc-hanh-chinh/", {"muc_do": "x", "linh_vuc": "y"}).status_code == 200


def test_a_procedure_page_shows_every_field_and_links_its_legal_basis(client, procedures):
    law = legal_document("28/2009/QH12", "Luật", "Quốc hội", date(2009, 6, 17), date(2010, 7, 1))
    procedure_page(
        "2.000488",
        "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
        "Lý lịch tư pháp",
        legal_basis=[law],
        processing_time="Không quá 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        fees="200.000 đồng/lần/người",
        dossier="<ul><li>Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (mẫu số 03)</li></ul>",
        result="Phiếu lý lịch tư pháp số 1 hoặc số 2",
        legal_basis_other="Thông tư số 244/2016/TT-BTC quy định mức thu phí",
        online_service_url="https://dichvucong.gov.vn/p/home/dvc-tthc.html?ma=2.000488",
    )
    page = html(client, "/thu-tuc-hanh-chinh/thu-tuc-2-000488/")
    for text in [
        "2.000488",
        "Lý lịch tư pháp",
        "Sở Tư pháp tỉnh Quảng Trị",
        "Không quá 10 ngày làm việc",
        "200.000 đồng/lần/người",
        "<li>Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp",
        "Phiếu lý lịch tư pháp số 1 hoặc số 2",
        "Thông tư số 244/2016/TT-BTC",
        'href="https://dichvucong.gov.vn/',
        "Trích dẫn",
    ]:
        assert text in page, text
    assert f'href="{law.url}"' in page


def test_the_sample_files_follow_the_schema():
    """The worked example and the file the default profile's demo imports."""
    for path in (PROCEDURES_EXAMPLE, procedures_file()):
        jsonschema.validate(json.loads(path.read_text()), SCHEMA)


def test_import_reports_each_bad_record_and_keeps_the_good_ones(procedures, tmp_path, capsys):
    legal_document("60/2014/QH13", "Luật", "Quốc hội", date(2014, 11, 20), date(2016, 1, 1))
    records = [
        procedure(),  # 1: new
        procedure(code="1.000894", fees="80.000 đồng"),  # 2: same code again in the file
        procedure(code="1.894"),  # 3: malformed code
        procedure(code="1.000895", field="Thuế"),  # 4: unknown field
        procedure(code="1.000896", dossier=""),  # 5: no dossier
        procedure(code="1.000897", online_service_url="javascript:alert(1)"),  # 6: bad link
        procedure(code="1.000898", online_level="nửa vời"),  # 7: unknown level
        "not a record",  # 8
        procedure(code="1.000899", dossier="<script>alert(1)</script>\nGiấy báo tử"),  # 9
    ]
    code, out = run_import(write(tmp_path, records), capsys)
    assert code == 1
    batch = ImportBatch.objects.latest("pk")
    counts = (batch.created_count, batch.updated_count, batch.unchanged_count)
    assert counts == (2, 0, 0) and batch.rejected_count == 7
    assert all(f"Bản ghi {n} " in out for n in (2, 3, 4, 5, 6, 7, 8))
    assert [r["record"] for r in batch.rejections] == [2, 3, 4, 5, 6, 7, 8]
    reasons = {r["record"]: r["reason"] for r in batch.rejections}
    assert "1.000894" in reasons[3] or "1.894" in reasons[3]
    assert "Thuế" in reasons[4] and "javascript:alert(1)" in reasons[6]

    imported = ProcedurePage.objects.get(code="1.000894")
    assert not imported.live  # waits for the board
    draft = imported.get_latest_revision_as_object()
    assert draft.fees != "80.000 đồng"  # the repeated record is refused, not merged
    assert [d.number_symbol for d in draft.legal_basis.all()] == ["60/2014/QH13"]
    assert "99/9999/XX-YY" in draft.legal_basis_other  # kept, not lost
    escaped = ProcedurePage.objects.get(code="1.000899").get_latest_revision_as_object()
    assert "<script>" not in escaped.dossier and "&lt;script&gt;" in escaped.dossier


def test_imported_procedures_go_live_only_with_the_board_and_reimport_is_unchanged(
    client, procedures, tmp_path, capsys, make_user
):
    from portal.core import roles

    path = write(tmp_path, [procedure()])
    assert run_import(path, capsys)[0] == 0
    batch = ImportBatch.objects.latest("pk")
    assert client.get("/thu-tuc-hanh-chinh/thu-tuc-1-000894/").status_code == 404
    board = make_user(roles.BOARD, "banbientap-tt")
    assert review_batch(batch, board, approve=True) == []
    assert "Đăng ký khai tử có yếu tố nước ngoài" in html(
        client, "/thu-tuc-hanh-chinh/thu-tuc-1-000894/"
    )
    code, out = run_import(path, capsys)
    assert code == 0 and ImportBatch.objects.latest("pk").status == ImportBatch.Status.EMPTY
