"""Keeps `LegalDocumentPage.terminated_on` true: the earliest effective date of the published
documents that replace or repeal a document. Recomputed for the documents a change touches:
a relation saved or deleted (publishing a revision rewrites its relations), or the citing
document published or unpublished (its live state and effective date count)."""

from django.db.models import Min, OuterRef, Subquery
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.signals import page_published, page_unpublished

from legal_docs.models import LegalDocumentPage, LegalDocumentRelation
from legal_docs.models.validity import TERMINATING
from search.tasks import reindex


def refresh(target_ids):
    target_ids = {pk for pk in target_ids if pk}
    if not target_ids:
        return
    earliest = (
        LegalDocumentRelation.objects.filter(
            target=OuterRef("pk"), relation_type__in=TERMINATING, page__live=True
        )
        .values("target")
        .annotate(day=Min("page__effective_date"))
        .values("day")
    )
    LegalDocumentPage.objects.filter(pk__in=target_ids).update(terminated_on=Subquery(earliest))
    # The engine computes validity from its copy of terminated_on too.
    reindex(LegalDocumentPage, target_ids)


def _remember_previous(instance, **kwargs):
    # An edit may change the type or the target: the old target must be recomputed too.
    if instance.pk:
        instance._previous = (
            LegalDocumentRelation.objects.filter(pk=instance.pk)
            .values_list("relation_type", "target")
            .first()
        )


def _relation_changed(instance, **kwargs):
    # Only a replacing or repealing relation, before or after the change, moves a date.
    previous_type, previous_target = getattr(instance, "_previous", None) or (None, None)
    targets = []
    if instance.relation_type in TERMINATING:
        targets.append(instance.target_id)
    if previous_type in TERMINATING:
        targets.append(previous_target)
    refresh(targets)


def _document_published(instance, **kwargs):
    if isinstance(instance, LegalDocumentPage):
        targets = LegalDocumentRelation.objects.filter(
            page=instance, relation_type__in=TERMINATING
        ).values_list("target", flat=True)
        refresh([instance.pk, *targets])


def connect():
    """Called from LegalDocsConfig.ready()."""
    pre_save.connect(
        _remember_previous,
        sender=LegalDocumentRelation,
        dispatch_uid="legal-docs-termination-pre-save",
    )
    post_save.connect(
        _relation_changed, sender=LegalDocumentRelation, dispatch_uid="legal-docs-termination-save"
    )
    post_delete.connect(
        _relation_changed,
        sender=LegalDocumentRelation,
        dispatch_uid="legal-docs-termination-delete",
    )
    page_published.connect(_document_published, dispatch_uid="legal-docs-termination-publish")
    page_unpublished.connect(_document_published, dispatch_uid="legal-docs-termination-unpublish")
