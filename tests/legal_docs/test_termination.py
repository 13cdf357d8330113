"""A document that replaces or repeals another ends it (legal_docs/termination.py), and
the ending stays true across revisions and relation edits."""

from datetime import date

from legal_docs.models import (
    LegalDocumentRelation,
    Validity,
)
from tests.builders import new_document, publish
from tests.helpers import validity_of
from workflow.guard import authorised


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
