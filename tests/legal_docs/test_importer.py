"""The importer (legal_docs/importer.py): a bad record is rejected alone, and a rejected
batch takes its content back out."""

from datetime import date

from legal_docs.importer import Importer, review_batch, system_account
from legal_docs.models import (
    ImportBatch,
    LegalDocumentPage,
)
from portal.core import roles
from tests.builders import legal_document, record


def test_a_too_long_field_rejects_the_record_not_the_run(registry):
    importer = Importer(registry, "dai.json", imported_by=system_account())
    report = importer.run([record(signer="x" * 300), record(number_symbol="161/QĐ-UBND")])
    assert (report.created, report.rejected) == (1, 1)
    assert report.rejections[0]["record"] == 1
    importer.batch.refresh_from_db()
    assert (importer.batch.created_count, importer.batch.rejected_count) == (1, 1)


def test_rejecting_a_batch_takes_its_content_back_out(registry, make_user):
    law = legal_document(
        "60/2014/QH13",
        "Luật",
        "Quốc hội",
        issued=date(2014, 11, 20),
        effective=date(2016, 1, 1),
        summary="Luật Hộ tịch",
    )
    change = record(
        number_symbol="60/2014/QH13",
        document_type="Luật",
        issuing_authority="Quốc hội",
        issue_date="2014-11-20",
        effective_date="2016-01-01",
        summary="Tóm tắt sai",
        relations=[],
    )
    importer = Importer(registry, "sai.json", imported_by=system_account())
    importer.run([change, record()])
    assert review_batch(importer.batch, make_user(roles.BOARD), approve=False, comment="Sai") == []
    law = LegalDocumentPage.objects.get(pk=law.pk)
    assert not law.has_unpublished_changes
    assert law.get_latest_revision_as_object().summary == "Luật Hộ tịch"
    assert not LegalDocumentPage.objects.filter(number_key="150/QD-UBND").exists()
    # Decided once: a second decision (another board member, a double click) does nothing.
    assert review_batch(importer.batch, make_user(roles.BOARD, "other"), approve=True) is None
    assert ImportBatch.objects.get(pk=importer.batch.pk).status == ImportBatch.Status.REJECTED
