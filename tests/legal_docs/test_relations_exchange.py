"""The exchange format's version 3: vbpl.vn's relation types with their dates and provisions,
and the consolidated text's address, exported and imported back unchanged; files of versions
1 and 2 still read, and keep what they do not say."""

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings

from legal_docs import exchange
from legal_docs.importer import Importer, review_batch, system_account
from legal_docs.models import (
    ImportBatch,
    LegalDocumentPage,
    LegalDocumentRelation,
    RelationType,
    Validity,
)
from legal_docs.models.validity import validity_on
from portal.core import roles
from tests.builders import legal_document

SCHEMA = json.loads(
    (Path(settings.BASE_DIR) / "legal_docs" / "schema" / "legal-documents.schema.json").read_text()
)


def export():
    return "".join(exchange.stream_json(exchange.records_of(LegalDocumentPage.objects.live())))


def run(registry, records, board):
    importer = Importer(registry, "vbpl.json", imported_by=system_account())
    report = importer.run(records)
    if importer.batch.status == ImportBatch.Status.PENDING:
        review_batch(importer.batch, board, approve=True)
    return report


@pytest.fixture
def acting(registry):
    """A decision with a relation of every type to registry documents (one each), dates and
    provisions where they apply, and one to an outside document."""
    targets = {
        relation_type: legal_document(f"{n}/2020/QĐ-UBND", issued=date(2020, 1, 1))
        for n, relation_type in enumerate(RelationType.values, start=1)
    }
    source = legal_document(
        "50/2025/QĐ-UBND",
        issued=date(2025, 5, 1),
        effective=date(2025, 6, 1),
        national_database_url="https://vbpl.vn/quangtri/Pages/vbpq-toanvan.aspx?ItemID=9",
        consolidated_url="https://vbpl.vn/quangtri/Pages/vbpq-van-ban-hop-nhat.aspx?ItemID=10",
    )
    for relation_type, target in targets.items():
        LegalDocumentRelation.objects.create(
            page=source,
            target=target,
            relation_type=relation_type,
            effective_date=date(2025, 7, 1) if relation_type != "legal_basis" else None,
            end_date=date(2025, 12, 31) if relation_type.startswith("suspends") else None,
            provisions="Điều 4; khoản 2 Điều 6" if "part" in relation_type else "",
        )
    LegalDocumentRelation.objects.create(
        page=source,
        relation_type="suspends_in_part",
        external_number="7/2019/QĐ-UBND",
        external_title="Quyết định của tỉnh",
        provisions="Điều 1",
    )
    return source, targets


def test_every_relation_type_goes_out_and_comes_back(registry, acting, make_user):
    source, targets = acting
    before = export()
    data = json.loads(before)
    assert data["version"] == 3
    jsonschema.validate(data, SCHEMA)
    record = next(r for r in data["documents"] if r["number_symbol"] == "50/2025/QĐ-UBND")
    assert record["consolidated_url"].endswith("ItemID=10")
    types = {item["type"] for item in record["relations"]}
    assert types == set(RelationType.values)
    suspension = next(
        item
        for item in record["relations"]
        if item["type"] == "suspends_in_part" and "number_symbol" in item
    )
    assert suspension["effective_date"] == "2025-07-01"
    assert suspension["end_date"] == "2025-12-31"
    assert suspension["provisions"] == "Điều 4; khoản 2 Điều 6"

    # The registry loses the relations and the address; the file brings them back.
    LegalDocumentRelation.objects.filter(page=source).delete()
    LegalDocumentPage.objects.filter(pk=source.pk).update(consolidated_url="")
    report = run(registry, data["documents"], make_user(roles.BOARD))
    assert report.rejected == 0 and report.updated == 1
    assert export() == before
    # ... and validity follows: the partly repealed document on the relation's date.
    repealed = LegalDocumentPage.objects.get(pk=targets["repeals_in_part"].pk)
    assert validity_on(repealed, date(2025, 6, 30)) == Validity.IN_FORCE
    assert validity_on(repealed, date(2025, 7, 1)) == Validity.PARTLY_EXPIRED

    # The CSV variant carries the same relations.
    rows = exchange.load(
        "".join(exchange.stream_csv(exchange.records_of(LegalDocumentPage.objects.live()))),
        "van-ban.csv",
    )
    row = next(r for r in rows if r["number_symbol"] == "50/2025/QĐ-UBND")
    assert row["relations"] == record["relations"]
    assert row["consolidated_url"] == record["consolidated_url"]


@pytest.mark.parametrize("version", [1, 2])
def test_an_older_file_still_imports_and_keeps_what_it_does_not_say(
    registry, acting, make_user, version
):
    source, targets = acting
    law = targets["amends"]
    text = json.dumps(
        {
            "format": exchange.FORMAT,
            "version": version,
            "documents": [
                {
                    "number_symbol": "50/2025/QĐ-UBND",
                    "document_type": "Quyết định",
                    "issuing_authority": "Ủy ban nhân dân tỉnh Quảng Trị",
                    "issue_date": "01/05/2025",
                    "summary": "Về việc thử nghiệm lại",
                    "relations": [
                        {
                            "type": "amends",
                            "number_symbol": law.number_symbol,
                            "issuing_authority": "Ủy ban nhân dân tỉnh Quảng Trị",
                            "year": 2020,
                        },
                        {"type": "related", "external_number": "8/2019/QĐ-UBND"},
                    ],
                }
            ],
        },
        ensure_ascii=False,
    )
    records = exchange.load(text, "cu.json")
    report = run(registry, records, make_user(roles.BOARD))
    assert report.rejections == [] and report.updated == 1
    page = LegalDocumentPage.objects.get(pk=source.pk)
    assert page.summary == "Về việc thử nghiệm lại"
    assert page.consolidated_url.endswith("ItemID=10")
    assert page.relations.get(relation_type="amends", target=law).effective_date == (
        date(2025, 7, 1)
    )
    partly = page.relations.get(relation_type="repeals_in_part")
    assert partly.provisions == "Điều 4; khoản 2 Điều 6"
    assert page.relations.filter(external_number="8/2019/QĐ-UBND").exists()


def test_a_newer_version_than_known_is_refused(registry):
    with pytest.raises(exchange.FormatError):
        exchange.load(json.dumps({"format": exchange.FORMAT, "version": 4, "documents": []}), "x")


def test_a_relation_that_lacks_what_its_type_needs_is_refused(registry, make_user):
    legal_document("60/2014/QH13", type_name="Luật", authority_name="Quốc hội")
    base = {
        "number_symbol": "51/2025/QĐ-UBND",
        "document_type": "Quyết định",
        "issuing_authority": "Ủy ban nhân dân tỉnh Quảng Trị",
        "issue_date": "2025-05-01",
        "summary": "Về việc bãi bỏ",
    }
    records = [
        base | {"relations": [{"type": "repeals_in_part", "external_number": "1/2019/QĐ-UBND"}]},
        base
        | {
            "number_symbol": "52/2025/QĐ-UBND",
            "relations": [
                {"type": "amends", "external_number": "2/2019/QĐ-UBND", "end_date": "2025-09-01"}
            ],
        },
        base
        | {
            "number_symbol": "53/2025/QĐ-UBND",
            "relations": [
                {"type": "suspends", "external_number": "3/2019/QĐ-UBND", "end_date": "31/02/2025"}
            ],
        },
    ]
    importer = Importer(registry, "vbpl.json", imported_by=system_account())
    report = importer.run(records)
    assert report.rejected == 3
    messages = [str(problem) for rejection in importer.batch.rejections for problem in [rejection]]
    text = json.dumps(messages, ensure_ascii=False)
    assert "Hãy ghi các điều, khoản liên quan" in text
    assert "Chỉ quan hệ đình chỉ mới có ngày kết thúc." in text
    assert "“31/02/2025” không phải là ngày" in text


def test_the_board_sees_a_change_of_provisions_alone(registry, acting):
    _source, targets = acting
    law = targets["repeals_in_part"]
    importer = Importer(registry, "vbpl.json", imported_by=system_account())
    report = importer.run(
        [
            {
                "number_symbol": "50/2025/QĐ-UBND",
                "document_type": "Quyết định",
                "issuing_authority": "Ủy ban nhân dân tỉnh Quảng Trị",
                "issue_date": "2025-05-01",
                "summary": "Về việc thử nghiệm 50/2025/QĐ-UBND",
                "relations": [
                    {
                        "type": "repeals_in_part",
                        "number_symbol": law.number_symbol,
                        "issuing_authority": "Ủy ban nhân dân tỉnh Quảng Trị",
                        "year": 2020,
                        "provisions": "Điều 9",
                    }
                ],
            }
        ]
    )
    assert report.updated == 1, report.rejections
    (change,) = report.changes[0]["changes"]
    assert "Điều 4; khoản 2 Điều 6" in change["old"] and "(01/07/2025, Điều 9)" in change["new"]
