"""What a legal document's page shows: only published related documents, and the history
of its validity even when the override was never published."""

from datetime import date

from legal_docs.models import (
    DocumentType,
    IssuingAuthority,
    LegalDocumentPage,
    LegalDocumentRelation,
)
from tests.builders import new_document, publish


def test_a_relation_to_an_unpublished_document_is_not_shown(client, registry):
    draft = new_document(registry, "70/QĐ-STP")
    draft.unpublish()
    source = new_document(registry, "71/QĐ-STP")
    source.relations.add(LegalDocumentRelation(relation_type="amends", target=draft))
    publish(source)
    page = client.get(source.url).content.decode()
    assert "70/QĐ-STP" not in page


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
