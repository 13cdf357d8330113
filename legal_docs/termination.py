"""Keeps the dates on a document's row that validity is computed from (SUMMED_UP, see
legal_docs/models/validity.py) true to the published documents acting on it:
`terminated_on`, the earliest day one replacing or repealing it takes effect; the
suspensions in full and in part as one period each (first start, last end, open if any is);
`partly_ended_on`, the earliest day one repealing or ending it in part takes effect. A
relation takes effect on its own date, else on its document's effective date.

Recomputed for the documents a change touches: a relation saved or deleted (publishing a
revision rewrites its relations), or the citing document published or unpublished (its live
state and effective date count)."""

from django.db.models import F
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.signals import page_published, page_unpublished

from legal_docs.models import LegalDocumentPage, LegalDocumentRelation
from legal_docs.models.pages import SUMMED_UP
from legal_docs.models.validity import ACTING, TERMINATING, RelationType
from search.tasks import reindex


def period(relations):
    """(first day, last day or None for open) of suspensions [(start, end)], or (None, None)."""
    if not relations:
        return None, None
    ends = [end for _start, end in relations]
    return min(start for start, _end in relations), None if None in ends else max(ends)


def summed_up(relations):
    """{field of SUMMED_UP: date} from [(type, day it takes effect, end)] acting on one
    document."""
    by_type = {}
    for relation_type, start, end in relations:
        by_type.setdefault(relation_type, []).append((start, end))

    def first(*types):
        days = [start for t in types for start, _end in by_type.get(t, [])]
        return min(days) if days else None

    values = {"terminated_on": first(*TERMINATING)}
    values["suspended_from"], values["suspended_until"] = period(by_type.get(RelationType.SUSPENDS))
    values["partly_suspended_from"], values["partly_suspended_until"] = period(
        by_type.get(RelationType.SUSPENDS_IN_PART)
    )
    values["partly_ended_on"] = first(RelationType.REPEALS_IN_PART, RelationType.ENDS_IN_PART)
    return values


def refresh(target_ids):
    target_ids = {pk for pk in target_ids if pk}
    if not target_ids:
        return
    acting = (
        LegalDocumentRelation.objects.filter(
            target__in=target_ids, relation_type__in=ACTING, page__live=True
        )
        .annotate(day=Coalesce("effective_date", F("page__effective_date")))
        .filter(day__isnull=False)  # a relation not yet in effect on any known day
        .values_list("target", "relation_type", "day", "end_date")
    )
    by_target = {pk: [] for pk in target_ids}
    for target, relation_type, day, end in acting:
        by_target[target].append((relation_type, day, end))
    current = LegalDocumentPage.objects.filter(pk__in=target_ids).values("pk", *SUMMED_UP)
    changed = []
    for row in current:
        values = summed_up(by_target[row["pk"]])
        if any(row[name] != value for name, value in values.items()):
            LegalDocumentPage.objects.filter(pk=row["pk"]).update(**values)
            changed.append(row["pk"])
    # The engine computes validity from its copy of these dates too.
    if changed:
        reindex(LegalDocumentPage, changed)


def _remember_previous(instance, **kwargs):
    # An edit may change the type or the target: the old target must be recomputed too.
    if instance.pk:
        instance._previous = (
            LegalDocumentRelation.objects.filter(pk=instance.pk)
            .values_list("relation_type", "target")
            .first()
        )


def _relation_changed(instance, **kwargs):
    # Only a relation acting on validity, before or after the change, moves a date.
    previous_type, previous_target = getattr(instance, "_previous", None) or (None, None)
    targets = []
    if instance.relation_type in ACTING:
        targets.append(instance.target_id)
    if previous_type in ACTING:
        targets.append(previous_target)
    refresh(targets)


def _document_published(instance, **kwargs):
    if isinstance(instance, LegalDocumentPage):
        targets = LegalDocumentRelation.objects.filter(
            page=instance, relation_type__in=ACTING
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
