from legal_docs.models.imports import ImportBatch, ImportBatchItem
from legal_docs.models.pages import (
    LegalDocumentFile,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalDocumentRelation,
    Source,
    relation_problems,
)
from legal_docs.models.procedures import OnlineLevel, ProcedureIndexPage, ProcedurePage
from legal_docs.models.taxonomies import DocumentType, IssuingAuthority, LegalField
from legal_docs.models.validity import RelationType, Validity, annotate_validity

__all__ = [
    "DocumentType",
    "ImportBatch",
    "ImportBatchItem",
    "IssuingAuthority",
    "LegalDocumentFile",
    "LegalDocumentIndexPage",
    "LegalDocumentPage",
    "LegalDocumentRelation",
    "LegalField",
    "OnlineLevel",
    "ProcedureIndexPage",
    "ProcedurePage",
    "RelationType",
    "Source",
    "Validity",
    "annotate_validity",
    "relation_problems",
]
