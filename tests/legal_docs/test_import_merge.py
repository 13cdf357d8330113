"""Imports change only what a record says, name every problem, resolve names as files write
them, and keep one pending batch per document (issue #17)."""

import json
import unicodedata
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from legal_docs import exchange
from legal_docs.importer import Importer, Lookups, review_batch, system_account
from legal_docs.models import (
    ImportBatch,
    IssuingAuthority,
    LegalDocumentPage,
    LegalDocumentRelation,
    LegalField,
    ProcedurePage,
    Validity,
)
from legal_docs.models.validity import validity_on
from legal_docs.procedure_import import ProcedureImporter
from portal.core import roles
from tests.builders import legal_document, procedure_page, publish, record
from tests.helpers import run_command


@pytest.fixture(autouse=True)
def laws(registry):
    """The three laws these cases import over: the civil-status law, and the 2017 legal-aid
    law replacing the 2006 one."""

    def statute(number, title, issued, effective, **fields):
        return legal_document(
            number, "Luật", "Quốc hội", issued, effective, title=title, summary=title, **fields
        )

    statute("60/2014/QH13", "Luật Hộ tịch", date(2014, 11, 20), date(2016, 1, 1))
    old = statute("69/2006/QH11", "Luật Trợ giúp pháp lý 2006", date(2006, 6, 29), date(2007, 1, 1))
    statute(
        "11/2017/QH14",
        "Luật Trợ giúp pháp lý 2017",
        date(2017, 6, 20),
        date(2018, 1, 1),
        relations=[("replaces", old)],
    )


def export():
    return "".join(exchange.stream_json(exchange.records_of(LegalDocumentPage.objects.live())))


def write(tmp_path, records, name="vbpl.json"):
    path = tmp_path / name
    path.write_text(
        json.dumps(
            {"format": exchange.format_id(), "version": exchange.VERSION, "documents": records},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return path


def sparse(document, **extra):
    """What files from outside often carry: number, type, authority, date and summary only."""
    return {
        "number_symbol": document.number_symbol,
        "document_type": document.document_type.name,
        "issuing_authority": document.issuing_authority.name,
        "issue_date": document.issue_date.isoformat(),
        "summary": document.summary,
        **extra,
    }


def run(registry, records, board=None):
    """Imports `records` as the system account and, when a board member is given, approves."""
    importer = Importer(registry, "vbpl.json", imported_by=system_account())
    report = importer.run(records)
    if board is not None and importer.batch.status == ImportBatch.Status.PENDING:
        review_batch(importer.batch, board, approve=True)
    return importer, report


def law(number):
    return LegalDocumentPage.objects.get(number_key=number)


def test_a_sparse_file_of_every_document_changes_nothing(registry, make_user):
    before = export()
    documents = LegalDocumentPage.objects.live().select_related(
        "document_type", "issuing_authority"
    )
    _importer, report = run(registry, [sparse(d) for d in documents], make_user(roles.BOARD))
    assert (report.rejected, report.created, report.updated) == (0, 0, 0)
    assert report.unchanged == documents.count()
    assert export() == before


def test_an_explicit_null_or_the_csv_marker_clears_a_field(registry, make_user, tmp_path):
    document = law("60/2014/QH13")
    LegalDocumentPage.objects.filter(pk=document.pk).update(signer="Nguyễn Sinh Hùng")
    board = make_user(roles.BOARD)
    _importer, report = run(registry, [sparse(document, signer=None)], board)
    assert report.updated == 1
    assert law("60/2014/QH13").signer == ""
    # The same through CSV, where the cell holds the marker.
    LegalDocumentPage.objects.filter(pk=document.pk).update(scope="Toàn quốc")
    row = exchange.csv_row({**exchange.to_record(document, []), "scope": exchange.CLEAR_MARKER})
    path = tmp_path / "vbpl.csv"
    path.write_text(
        ",".join(exchange.COLUMNS) + "\n" + ",".join(f'"{row[c]}"' for c in exchange.COLUMNS),
        encoding="utf-8",
    )
    records = exchange.load(path.read_text(encoding="utf-8"), path.name)
    run(registry, records, board)
    assert law("60/2014/QH13").scope == ""


def test_relations_are_kept_when_a_record_leaves_them_out(registry, make_user):
    newer = law("11/2017/QH14")
    assert newer.relations.count() == 1
    extra = {
        "type": "related",
        "number_symbol": "60/2014/QH13",
        "issuing_authority": "Quốc hội",
        "year": 2014,
    }
    run(registry, [sparse(newer, relations=[extra])], make_user(roles.BOARD))
    kinds = sorted(r.relation_type for r in law("11/2017/QH14").relations.all())
    assert kinds == ["related", "replaces"]
    assert validity_on(law("69/2006/QH11")) == Validity.EXPIRED


def test_removing_and_adding_a_replacing_relation_moves_the_old_laws_validity(registry, make_user):
    newer, older = law("11/2017/QH14"), law("69/2006/QH11")
    board = make_user(roles.BOARD)
    assert validity_on(older) == Validity.EXPIRED
    replaces = {
        "type": "replaces",
        "number_symbol": "69/2006/QH11",
        "issuing_authority": "Quốc hội",
        "year": 2006,
    }
    _importer, report = run(registry, [sparse(newer, relations=[{**replaces, "remove": True}])])
    assert report.changes[0]["changes"] == [
        {"field": "Văn bản liên quan", "old": "Thay thế 69/2006/QH11", "new": ""}
    ]
    review_batch(ImportBatch.objects.latest("pk"), board, approve=True)
    assert not law("11/2017/QH14").relations.exists()
    assert validity_on(law("69/2006/QH11")) == Validity.IN_FORCE
    run(registry, [sparse(newer, relations=[replaces])], board)
    assert validity_on(law("69/2006/QH11")) == Validity.EXPIRED


@pytest.mark.parametrize(
    "written, expected",
    [
        ("UBND tỉnh Quảng Trị", "UBND"),
        ("Uỷ ban nhân dân tỉnh Quảng Trị", "UBND"),
        ("ubnd tinh quang tri", "UBND"),
        ("Sở Tư pháp", "STP"),
        ("Sở Tư pháp tỉnh Quảng Trị", "STP"),
        ("HĐND tỉnh Quảng Trị", "HĐND"),
        ("Thủ tướng", None),
        ("Sở Tư pháp tỉnh Quảng Bình", None),
    ],
)
def test_authorities_as_files_write_them(registry, written, expected):
    lookups = Lookups()
    for form in (written, unicodedata.normalize("NFD", written)):
        found = lookups.authorities.find(form)
        assert (found.abbreviation if found else None) == expected


def test_an_unknown_name_is_refused_with_the_closest_known_ones(registry):
    _importer, report = run(
        registry, [record(issuing_authority="Sở Tư pháp tỉnh Quảng Bình", fields=["Hộ tich"])]
    )
    (rejection,) = report.rejections
    messages = [problem["message"] for problem in rejection["problems"]]
    assert messages == [
        "Không có cơ quan ban hành “Sở Tư pháp tỉnh Quảng Bình”. "
        "Có phải: Sở Tư pháp Quảng Trị (STP)?"
    ]


def test_an_alias_the_board_keeps_resolves(registry):
    authority = IssuingAuthority.objects.get(abbreviation="STP")
    authority.aliases = "STP QT\nSở TP Quảng Trị"
    authority.save()
    assert Lookups().authorities.find("sở tp quảng trị") == authority


def test_every_problem_of_a_record_is_reported(registry, tmp_path, capsys):
    bad = record(
        number_symbol="170/QĐ-UBND",
        document_type="Sắc lệnh",
        issue_date="31/02/2025",
        fields=["Không có lĩnh vực này"],
    )
    code, out = run_command("import_legal_documents", write(tmp_path, [bad]), capsys)
    assert code == 1
    lines = [line for line in out.splitlines() if line.startswith("Bản ghi 1 (170/QĐ-UBND)")]
    assert len(lines) == 3
    assert "Loại văn bản" in lines[0] and "Sắc lệnh" in lines[0]
    assert "Ngày ban hành" in lines[1] and "31/02/2025" in lines[1]
    assert "Lĩnh vực" in lines[2] and "Không có lĩnh vực này" in lines[2]


def test_the_same_document_twice_in_one_file_is_refused(registry):
    first = record(number_symbol="171/QĐ-UBND")
    second = record(
        number_symbol=unicodedata.normalize("NFD", " 171/qđ-ubnd "), summary="Bản thứ hai"
    )
    _importer, report = run(registry, [first, second])
    assert (report.created, report.rejected) == (1, 1)
    assert report.rejections[0]["record"] == 2
    assert "bản ghi 1" in report.rejections[0]["reason"]


def test_a_dry_run_prints_the_real_runs_report(registry, tmp_path, capsys, make_user):
    newer = law("11/2017/QH14")
    records = [
        record(number_symbol="172/QĐ-UBND"),
        # A later record refers to the new one: the dry run must see it as the real run does.
        record(
            number_symbol="173/QĐ-UBND",
            relations=[
                {
                    "type": "amends",
                    "number_symbol": "172/QĐ-UBND",
                    "issuing_authority": "UBND",
                    "year": 2025,
                }
            ],
        ),
        sparse(newer, title="Luật Trợ giúp pháp lý (sửa)"),
        record(number_symbol="QĐ-1"),
    ]
    path = write(tmp_path, records)
    counts = LegalDocumentPage.objects.count(), ImportBatch.objects.count()
    dry_code, dry = run_command("import_legal_documents", path, capsys, "--dry-run")
    assert (LegalDocumentPage.objects.count(), ImportBatch.objects.count()) == counts
    code, real = run_command("import_legal_documents", path, capsys)
    assert dry_code == code == 1
    assert dry.splitlines()[:-1] == real.splitlines()[:-1]
    assert "Luật Trợ giúp pháp lý 2017" in real and "Luật Trợ giúp pháp lý (sửa)" in real
    assert "Page edited" not in dry
    created = LegalDocumentPage.objects.get(number_key="173/QD-UBND")
    assert created.get_latest_revision_as_object().relations.first().target.number_symbol == (
        "172/QĐ-UBND"
    )


def test_the_importer_is_an_existing_account(registry, tmp_path):
    path = write(tmp_path, [record()])
    batches = ImportBatch.objects.count()
    with pytest.raises(CommandError, match="--user"):
        call_command("import_legal_documents", str(path))
    with pytest.raises(CommandError, match="Không có tài khoản “khong-co”"):
        call_command("import_legal_documents", str(path), "--user", "khong-co")
    assert ImportBatch.objects.count() == batches


def test_a_newer_batch_takes_over_the_documents_of_an_older_pending_one(registry):
    first, _report = run(
        registry,
        [record(number_symbol="174/QĐ-UBND"), record(number_symbol="175/QĐ-UBND")],
    )
    second, report = run(
        registry, [record(number_symbol="175/QĐ-UBND", summary="Trích yếu đã sửa")]
    )
    assert report.withdrawn == [{"record": 1, "reference": "175/QĐ-UBND", "batch": first.batch.pk}]
    first.batch.refresh_from_db()
    assert first.batch.status == ImportBatch.Status.PENDING
    assert [item.page.specific.number_symbol for item in first.batch.items.all()] == ["174/QĐ-UBND"]
    assert first.batch.withdrawn == [{"reference": "175/QĐ-UBND", "batch": second.batch.pk}]
    # The only batch left with it is the newer one, with the newer summary.
    page = LegalDocumentPage.objects.get(number_key="175/QD-UBND")
    assert page.get_latest_revision_as_object().summary == "Trích yếu đã sửa"
    third, _report = run(registry, [record(number_symbol="174/QĐ-UBND")])
    first.batch.refresh_from_db()
    assert first.batch.status == ImportBatch.Status.SUPERSEDED


def test_a_reimport_compares_with_the_live_registry(registry, make_user):
    document = law("60/2014/QH13")
    pending, _report = run(registry, [sparse(document, summary="Sai")])
    _second, report = run(registry, [sparse(document)])
    # Unchanged against what citizens see; the older draft is withdrawn, not left waiting.
    assert report.unchanged == 1
    pending.batch.refresh_from_db()
    assert pending.batch.status == ImportBatch.Status.SUPERSEDED
    document = law("60/2014/QH13")
    assert not document.has_unpublished_changes
    assert document.get_latest_revision_as_object().summary == "Luật Hộ tịch"


def test_the_batch_page_shows_diffs_and_rejections_and_creates_a_missing_field(
    client, registry, login
):
    document = law("60/2014/QH13")
    importer, _report = run(
        registry,
        [
            sparse(document, title="Luật Hộ tịch 2014"),
            record(number_symbol="176/QĐ-UBND", fields=["Nuôi con nuôi"]),
            # The same document again: a retry must not bring the repeat in.
            sparse(document, summary="Bản lặp"),
        ],
    )
    batch = importer.batch
    # A rejection written by an earlier version names its number under another key.
    batch.rejections = [*batch.rejections, {"record": 9, "number_symbol": "1/QĐ", "reason": "x"}]
    batch.save()
    login(roles.BOARD)
    url = reverse("legal_docs_batch", args=(batch.pk,))
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Luật Hộ tịch 2014" in html and "<del>Luật Hộ tịch</del>" in html
    assert "Nuôi con nuôi" in html and "176/QĐ-UBND" in html
    client.post(url, {"create_field": "1", "field_name": "Nuôi con nuôi"})
    assert LegalField.objects.filter(name="Nuôi con nuôi").exists()
    client.post(url, {"retry": "1"})
    batch.refresh_from_db()
    assert batch.rejected_count == 2  # the repeat and the malformed old entry are left
    assert law("60/2014/QH13").get_latest_revision_as_object().summary == "Luật Hộ tịch"
    assert LegalDocumentPage.objects.filter(number_key="176/QD-UBND").exists()


def test_procedures_keep_what_a_record_leaves_out(registry, make_user):
    procedure = procedure_page(fees="8.000 đồng/bản sao trích lục", result="Bản sao trích lục")
    fees, title = procedure.fees, procedure.title
    board = make_user(roles.BOARD)
    importer = ProcedureImporter(
        procedure.get_parent().specific, "tthc.json", imported_by=system_account()
    )
    report = importer.run([{"code": procedure.code, "result": "Giấy chứng nhận"}])
    assert report.updated == 1 and report.rejected == 0
    review_batch(importer.batch, board, approve=True)
    procedure = ProcedurePage.objects.get(pk=procedure.pk)
    assert (procedure.fees, procedure.title, procedure.result) == (fees, title, "Giấy chứng nhận")
    importer = ProcedureImporter(
        procedure.get_parent().specific, "tthc.json", imported_by=system_account()
    )
    importer.run([{"code": procedure.code, "fees": None}])
    review_batch(importer.batch, board, approve=True)
    assert ProcedurePage.objects.get(pk=procedure.pk).fees == ""


def test_the_worked_example_does_what_the_readme_says(registry, make_user):
    from pathlib import Path

    from django.conf import settings

    # The decision legal_docs/schema/example.json edits, on four laws and an outside circular.
    bases = [
        legal_document(number, type_name, authority, issued, issued, title=title)
        for number, type_name, authority, issued, title in [
            ("67/2006/QH11", "Luật", "Quốc hội", date(2006, 6, 29), "Luật Công nghệ thông tin"),
            ("104/2016/QH13", "Luật", "Quốc hội", date(2016, 4, 6), "Luật Tiếp cận thông tin"),
            ("86/2015/QH13", "Luật", "Quốc hội", date(2015, 11, 19), "Luật An toàn thông tin mạng"),
            ("42/2022/NĐ-CP", "Nghị định", "Chính phủ", date(2022, 6, 24), "Nghị định 42/2022"),
        ]
    ]
    decision = legal_document(
        "2975/QĐ-UBND",
        issued=date(2024, 12, 6),
        effective=date(2024, 12, 6),
        fields=["Tiếp cận thông tin"],
        relations=[("legal_basis", law) for law in bases],
    )
    decision.relations.add(
        LegalDocumentRelation(
            relation_type="legal_basis",
            external_number="22/2023/TT-BTTTT",
            external_title="Thông tư quy định cấu trúc cổng thông tin điện tử",
        )
    )
    publish(decision)
    path = Path(settings.BASE_DIR) / "legal_docs" / "schema" / "example.json"
    records = exchange.load(path.read_text(encoding="utf-8"), path.name)
    LegalDocumentPage.objects.filter(number_key="11/2017/QH14").update(signer="Nguyễn Thị Kim Ngân")
    _importer, report = run(registry, records, make_user(roles.BOARD))
    assert (report.updated, report.rejected) == (2, 0)
    newer = law("11/2017/QH14")
    assert newer.signer == "" and not newer.relations.exists()
    assert validity_on(law("69/2006/QH11")) == Validity.IN_FORCE
    decision = law("2975/QD-UBND")
    assert [f.name for f in decision.fields.all()] == ["Tiếp cận thông tin"]
    # Four kept, one outside reference updated, one reference added with its date (version 3).
    assert decision.relations.count() == 6
    assert decision.relations.get(relation_type="refers_to").effective_date == date(2024, 12, 6)
    assert decision.relations.get(external_number="22/2023/TT-BTTTT").external_url == (
        "https://vbpl.vn/"
    )
