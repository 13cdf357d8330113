"""Exchange with the national legal database: import report, batch approval, export round trip."""

import json
import unicodedata
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from legal_docs import exchange
from legal_docs.importer import Importer, review_batch, system_account
from legal_docs.models import ImportBatch, LegalDocumentPage
from portal.core import roles
from tests.builders import record, small_registry
from tests.helpers import run_command

SCHEMA = json.loads(
    (Path(settings.BASE_DIR) / "legal_docs" / "schema" / "legal-documents.schema.json").read_text()
)


def write(tmp_path, name, records):
    path = tmp_path / name
    path.write_text(
        json.dumps(
            {"format": exchange.format_id(), "version": 1, "documents": records}, ensure_ascii=False
        )
    )
    return path


def run_import(path, capsys):
    return run_command("import_legal_documents", path, capsys)


def test_import_reports_good_duplicate_malformed_and_nfd_records(registry, tmp_path, capsys):
    records = [
        record(),  # 1: new
        record(
            number_symbol="150/qd-ubnd", summary="Bản trùng"
        ),  # 2: the same document again in the file
        record(number_symbol="QĐ-150"),  # 3: malformed number
        record(
            number_symbol="151/QĐ-UBND", issue_date="2025-03-12", effective_date="2025-03-01"
        ),  # 4: effective < issue
        record(number_symbol="152/QĐ-UBND", document_type="Sắc lệnh"),  # 5: unknown type
        record(
            number_symbol=unicodedata.normalize("NFD", "153/QĐ-UBND"),
            summary=unicodedata.normalize("NFD", "Về hộ tịch"),
        ),  # 6: NFD
        "not a record",  # 7
        record(number_symbol="154/QĐ-UBND", issue_date="31/02/2025"),  # 8: impossible date
    ]
    code, out = run_import(write(tmp_path, "vbpl.json", records), capsys)
    assert code == 1  # any rejection makes the command fail
    assert "2 đã tạo mới, 0 đã cập nhật, 0 không đổi, 6 bị từ chối." in out
    assert "Bản ghi 2 (150/qd-ubnd) bị từ chối: Số ký hiệu: Cùng văn bản với bản ghi 1" in out
    assert "Bản ghi 3 (QĐ-150) bị từ chối: Số ký hiệu: Hãy ghi số ký hiệu như trên văn bản" in out
    assert (
        "Bản ghi 4 (151/QĐ-UBND) bị từ chối: Ngày có hiệu lực: Ngày có hiệu lực không được trước ngày ban hành."
        in out
    )
    assert (
        "Bản ghi 5 (152/QĐ-UBND) bị từ chối: Loại văn bản: Không có loại văn bản “Sắc lệnh”" in out
    )
    assert (
        "Bản ghi 8 (154/QĐ-UBND) bị từ chối: Ngày ban hành: Ngày ban hành “31/02/2025” không phải là ngày"
        in out
    )

    nfd = LegalDocumentPage.objects.get(number_key="153/QD-UBND")
    assert nfd.number_symbol == "153/QĐ-UBND"
    assert nfd.get_latest_revision_as_object().summary == "Về hộ tịch"  # stored as NFC
    batch = ImportBatch.objects.latest("pk")
    assert (batch.created_count, batch.updated_count, batch.rejected_count) == (2, 0, 6)
    assert [r["record"] for r in batch.rejections] == [2, 3, 4, 5, 7, 8]


def test_links_that_are_not_web_addresses_are_refused(registry, tmp_path, capsys):
    records = [
        record(national_database_url="javascript:alert(1)"),
        record(
            number_symbol="160/QĐ-UBND",
            relations=[
                {
                    "type": "related",
                    "external_number": "1/QĐ",
                    "external_url": "javascript:alert(1)",
                }
            ],
        ),
    ]
    code, out = run_import(write(tmp_path, "vbpl.json", records), capsys)
    assert code == 1
    assert out.count("“javascript:alert(1)” không phải là địa chỉ web") == 2
    assert not LegalDocumentPage.objects.filter(
        national_database_url__startswith="javascript"
    ).exists()


def test_imported_documents_wait_for_the_board(client, registry, tmp_path, capsys, login):
    run_import(write(tmp_path, "vbpl.json", [record()]), capsys)
    document = LegalDocumentPage.objects.get(number_key="150/QD-UBND")
    assert not document.live
    assert client.get("/van-ban/150-qd-ubnd-2025/").status_code == 404
    batch = ImportBatch.objects.latest("pk")
    assert batch.status == ImportBatch.Status.PENDING

    login(roles.CONTRIBUTORS)
    assert client.get(reverse("legal_docs_batch", args=(batch.pk,))).status_code in (302, 403)
    client.post(reverse("legal_docs_batch", args=(batch.pk,)), {"approve": "1"})
    assert not LegalDocumentPage.objects.get(pk=document.pk).live

    board_member = login(roles.BOARD)
    page = client.get(reverse("legal_docs_batch", args=(batch.pk,))).content.decode()
    assert "150/QĐ-UBND" in page
    client.post(
        reverse("legal_docs_batch", args=(batch.pk,)), {"approve": "1", "comment": "Đã đối chiếu"}
    )
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.APPROVED and batch.reviewed_by == board_member
    assert LegalDocumentPage.objects.get(pk=document.pk).live
    public = client.get("/van-ban/150-qd-ubnd-2025/").content.decode()
    assert "Được hướng dẫn bởi" not in public and "Hướng dẫn" in public and "60/2014/QH13" in public
    assert ModelLogEntry.objects.filter(
        action="legal_docs.approve_batch", user=board_member
    ).exists()


def test_rejecting_a_batch_needs_a_reason_and_publishes_nothing(
    client, registry, tmp_path, capsys, login
):
    run_import(write(tmp_path, "vbpl.json", [record()]), capsys)
    batch = ImportBatch.objects.latest("pk")
    login(roles.BOARD)
    client.post(reverse("legal_docs_batch", args=(batch.pk,)), {"reject": "1"})
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PENDING
    client.post(
        reverse("legal_docs_batch", args=(batch.pk,)), {"reject": "1", "comment": "Sai trích yếu"}
    )
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.REJECTED
    # The draft the import created goes with the rejected batch.
    assert not LegalDocumentPage.objects.filter(number_key="150/QD-UBND").exists()


def test_unchanged_records_make_no_new_batch_work(registry, tmp_path, capsys, make_user):
    path = write(tmp_path, "vbpl.json", [record()])
    run_import(path, capsys)
    review_batch(ImportBatch.objects.latest("pk"), make_user(roles.BOARD), approve=True)
    code, out = run_import(path, capsys)
    assert code == 0
    assert "0 đã tạo mới, 0 đã cập nhật, 1 không đổi, 0 bị từ chối." in out
    assert ImportBatch.objects.order_by("-pk").first().status == ImportBatch.Status.EMPTY


def test_dry_run_changes_nothing(registry, tmp_path, capsys):
    system_account()
    before = LegalDocumentPage.objects.count(), ImportBatch.objects.count()
    path = write(tmp_path, "vbpl.json", [record()])
    call_command("import_legal_documents", str(path), "--dry-run", "--user", "he-thong")
    assert "1 đã tạo mới" in capsys.readouterr().out
    assert (LegalDocumentPage.objects.count(), ImportBatch.objects.count()) == before


def test_a_file_that_is_not_the_exchange_format_is_refused(registry, tmp_path):
    path = tmp_path / "hong.json"
    path.write_text("{not json")
    with pytest.raises(Exception, match="không đúng định dạng trao đổi"):
        call_command("import_legal_documents", str(path), "--user", system_account().username)


def export(fmt="json"):
    return "".join(
        exchange.stream_json(exchange.records_of(LegalDocumentPage.objects.live()))
        if fmt == "json"
        else exchange.stream_csv(exchange.records_of(LegalDocumentPage.objects.live()))
    )


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_then_import_into_an_empty_registry_reproduces_it(
    registry, tmp_path, fmt, make_user
):
    documents = small_registry()
    original = export(fmt)
    jsonschema.validate(json.loads(export("json")), SCHEMA)
    path = tmp_path / f"van-ban.{fmt}"
    path.write_text(original, encoding="utf-8")
    LegalDocumentPage.objects.all().delete()

    importer = Importer(registry, path.name, imported_by=system_account())
    report = importer.run(exchange.load(path.read_text(encoding="utf-8"), path.name))
    assert report.rejected == 0 and report.created == len(documents)
    review_batch(importer.batch, make_user(roles.BOARD), approve=True)
    assert export(fmt) == original


def test_open_data_download(client, registry):
    documents = small_registry()
    response = client.get("/van-ban/du-lieu-mo/json/")
    assert response.status_code == 200
    data = json.loads(b"".join(response.streaming_content))
    jsonschema.validate(data, SCHEMA)
    assert len(data["documents"]) == len(documents)
    csv = b"".join(client.get("/van-ban/du-lieu-mo/csv/").streaming_content).decode()
    assert csv.startswith("number_symbol,document_type,")
    assert client.get("/van-ban/du-lieu-mo/xml/").status_code == 404


def test_whoever_imported_a_batch_does_not_approve_it(client, registry, make_user):
    importer_member = make_user(roles.BOARD, "banbientap-nhap")
    importer = Importer(registry, "vbpl.json", imported_by=importer_member)
    importer.run([record(number_symbol="151/QĐ-UBND")])
    batch = importer.batch
    client.force_login(importer_member)
    response = client.post(
        reverse("legal_docs_batch", args=(batch.pk,)), {"approve": "1"}, follow=True
    )
    assert "một thành viên Ban Biên tập khác phải duyệt" in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PENDING
