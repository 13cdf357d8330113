"""What a legal document's page shows: only published related documents, and the history
of its validity even when the override was never published."""

from datetime import date

from wagtail.models import PageViewRestriction

from legal_docs.models import (
    DocumentType,
    IssuingAuthority,
    LegalDocumentFile,
    LegalDocumentPage,
    LegalDocumentRelation,
)
from tests import builders as build
from tests.builders import new_document, publish


def test_a_relation_to_an_unpublished_document_is_not_shown(client, registry):
    draft = new_document(registry, "70/QĐ-STP")
    draft.unpublish()
    source = new_document(registry, "71/QĐ-STP")
    source.relations.add(LegalDocumentRelation(relation_type="amends", target=draft))
    publish(source)
    page = client.get(source.url).content.decode()
    assert "70/QĐ-STP" not in page


def test_a_relation_with_a_private_document_is_shown_neither_way(client, registry):
    private = new_document(registry, "72/QĐ-STP")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    shown = new_document(registry, "73/QĐ-STP")
    shown.relations.add(LegalDocumentRelation(relation_type="guides", target=private))
    publish(shown)
    private.relations.add(LegalDocumentRelation(relation_type="amends", target=shown))
    publish(private)
    assert "72/QĐ-STP" not in client.get(shown.url).content.decode()


def lists(page):
    def relation(r, side):
        other = getattr(r, side) if getattr(r, f"{side}_id") else None
        document = other and (other.pk, other.url, other.number_symbol, other.summary)
        fields = ("pk", "relation_type", "external_number", "external_title", "effective_date")
        return tuple(getattr(r, name) for name in fields) + (document,)

    return (
        [relation(r, "target") for r in page.relation_list],
        [relation(r, "page") for r in page.incoming_relations],
        [
            (f.pk, f.label, f.document.title, f.document.url, f.document.file_size)
            for f in page.file_list
        ],
        page.field_list,
        str(page.document_type),
        str(page.issuing_authority),
    )


def test_a_document_page_lists_what_its_models_hold(client, registry, settings):
    # The page reads its lists in its one query (legal_docs/models/page_rows.py); they must be
    # what the ORM reads for a preview, in the same order.
    settings.PAGE_CACHE_SECONDS = 0
    page = new_document(registry, "74/QĐ-STP")
    first, second = new_document(registry, "75/QĐ-STP"), new_document(registry, "77/QĐ-STP")
    page.relations.add(LegalDocumentRelation(relation_type="amends", target=second))
    page.relations.add(
        LegalDocumentRelation(
            relation_type="legal_basis", external_number="1/2020/NĐ-CP", external_title="Nghị định"
        )
    )
    page.relations.add(LegalDocumentRelation(relation_type="guides", target=first))
    page.fields.add(build.legal_field("Công chứng"), build.legal_field("Hộ tịch"))
    publish(page)
    first.relations.add(
        LegalDocumentRelation(
            relation_type="replaces", target=page, effective_date=date(2025, 1, 1)
        )
    )
    publish(first)
    for label in ("Bản ký số", "Bản Word"):
        LegalDocumentFile.objects.create(
            page=page,
            document=build.document(label, "van-ban.pdf"),
            label=label,
            extracted_text="x",
        )
    routed = client.get(page.url).context["page"]
    held = LegalDocumentPage.objects.get(pk=page.pk)
    assert lists(routed) == lists(held)
    assert [len(part) for part in lists(routed)[:4]] == [3, 1, 2, 2]


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
