"""Cases found in review: privacy of related drafts, termination kept true across revisions
and relation edits, slug clashes, importer robustness, rejected batches, zip bombs."""

import io
import zipfile
from datetime import date

from legal_docs.extraction import extract_text
from legal_docs.importer import Importer, review_batch, system_account
from legal_docs.models import (
    DocumentType,
    ImportBatch,
    IssuingAuthority,
    LegalDocumentPage,
    LegalDocumentRelation,
    Validity,
)
from portal.core import roles
from tests.builders import legal_document
from tests.helpers import add_live_child, new_document, publish, record, validity_of
from workflow.guard import authorised


def test_a_relation_to_an_unpublished_document_is_not_shown(client, registry):
    draft = new_document(registry, "70/QĐ-STP")
    draft.unpublish()
    source = new_document(registry, "71/QĐ-STP")
    source.relations.add(LegalDocumentRelation(relation_type="amends", target=draft))
    publish(source)
    page = client.get(source.url).content.decode()
    assert "70/QĐ-STP" not in page


def test_publishing_an_old_draft_keeps_the_termination(registry):
    old = new_document(registry, "72/QĐ-STP")
    draft_revision = old.save_revision()  # a draft saved before anything replaced it
    new = new_document(registry, "73/QĐ-STP", issued=date(2024, 4, 1), effective=date(2024, 4, 1))
    new.relations.add(LegalDocumentRelation(relation_type="repeals", target=old))
    publish(new)
    with authorised("test"):
        draft_revision.publish()
    assert validity_of(old) == Validity.EXPIRED


def test_changing_a_relation_type_frees_the_old_target(registry):
    old = new_document(registry, "74/QĐ-STP")
    new = new_document(registry, "75/QĐ-STP", issued=date(2024, 4, 1), effective=date(2024, 4, 1))
    new.relations.add(LegalDocumentRelation(relation_type="replaces", target=old))
    publish(new)
    assert validity_of(old) == Validity.EXPIRED
    relation = new.relations.get()
    relation.relation_type = "amends"
    publish(new)
    assert validity_of(old) == Validity.IN_FORCE


def test_same_number_and_year_from_two_authorities_get_two_urls(registry):
    first = new_document(registry, "5/QĐ-UBND")
    second = LegalDocumentPage(
        title="Quyết định 5/QĐ-UBND (HĐND)",
        number_symbol="5/QĐ-UBND",
        summary="Khác cơ quan",
        document_type=DocumentType.objects.get(name="Quyết định"),
        issuing_authority=IssuingAuthority.objects.get(abbreviation="HĐND"),
        issue_date=date(2024, 6, 1),
        slug="tam",
    )
    add_live_child(registry, second)
    assert first.slug == "5-qd-ubnd-2024"
    assert second.slug == "5-qd-ubnd-2024-hdnd"


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


def test_history_of_a_never_published_override_does_not_crash(registry):
    page = LegalDocumentPage(
        title="Nháp",
        number_symbol="76/QĐ-STP",
        summary="Nháp",
        slug="nhap",
        live=False,
        document_type=DocumentType.objects.get(name="Quyết định"),
        issuing_authority=IssuingAuthority.objects.get(abbreviation="STP"),
        issue_date=date(2024, 1, 1),
        validity_override="suspended",
        validity_override_reason="Tạm ngừng",
    )
    registry.add_child(instance=page)
    assert any("Tạm ngừng" in what for _when, what in page.validity_history())


def test_a_zip_bomb_is_not_unpacked():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content.xml", b"\0" * (101 * 1024 * 1024))
    assert len(buffer.getvalue()) < 1024 * 1024
    assert extract_text("bom.odt", buffer.getvalue()) == ""
