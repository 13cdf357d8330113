"""Slugs from numbers (legal_docs/numbering.py): one number and year from two authorities
make two addresses."""

from datetime import date

from legal_docs.models import (
    DocumentType,
    IssuingAuthority,
    LegalDocumentPage,
)
from tests.builders import add_live_child, new_document


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
