"""What search's ranking (search/ranking.py) needs to know of legal documents, registered in
LegalDocsConfig.ready(): search itself imports no registry."""

from legal_docs.models import DocumentType, LegalDocumentPage, LegalField, Validity
from legal_docs.models.validity import annotate_validity, validity_on

ENDED = {
    Validity.EXPIRED,
    Validity.PARTLY_EXPIRED,
    Validity.SUSPENDED,
    Validity.PARTLY_SUSPENDED,
}


def legal_names():
    """Names of document types and registry fields: a query holding one reads like law."""
    names = list(DocumentType.objects.values_list("name", flat=True))
    return names + list(LegalField.objects.values_list("name", flat=True))


def legal_facts(pks):
    """{pk: (title, number/symbol, type name, whether no longer in force)} of the legal
    documents among `pks`, in one query."""
    rows = annotate_validity(LegalDocumentPage.objects.filter(pk__in=pks)).values_list(
        "pk", "title", "number_symbol", "document_type__name", "validity"
    )
    return {
        pk: (title, number, type_name, validity in ENDED)
        for pk, title, number, type_name, validity in rows
    }


def set_validity(pages):
    """Each legal document's validity among `pages` (loaded with their dates), for its badge:
    computed from the row as annotate_validity() does in SQL (validity_on), no query."""
    for page in pages:
        if isinstance(page, LegalDocumentPage):
            page.__dict__["validity"] = validity_on(page)  # the cached_property's place
