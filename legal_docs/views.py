"""The board's review of import batches, in the Wagtail admin: what each document would change
(a diff per document), the rejected records with every problem, approval or rejection, and,
for records refused for a field the registry does not have yet, creating the field and
retrying them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from legal_docs.importer import Importer, nfc, review_batch
from legal_docs.models import (
    ImportBatch,
    LegalDocumentIndexPage,
    LegalField,
    ProcedureIndexPage,
)
from legal_docs.names import NameIndex
from legal_docs.procedure_import import ProcedureImporter

REVIEW_PERMISSION = "legal_docs.review_importbatch"


def _require_reviewer(request):
    if not request.user.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied


def batch_index(request):
    _require_reviewer(request)
    fields = [
        "source_name",
        "created_at",
        "created_count",
        "updated_count",
        "unchanged_count",
        "rejected_count",
        "status",
    ]
    return TemplateResponse(
        request,
        "legal_docs/admin/batch_index.html",
        {
            "batches": ImportBatch.objects.all()[:200],
            "headings": [ImportBatch._meta.get_field(name).verbose_name for name in fields],
        },
    )


def unknown_fields(batch):
    """Field names the rejected records use that the registry's list does not know."""
    index = NameIndex(LegalField.objects.all(), abbreviations=False)
    names = []
    for rejection in batch.rejections:
        raw = rejection.get("raw")
        if not isinstance(raw, dict):
            continue
        given = raw.get("fields") or raw.get("field") or []
        if isinstance(given, str):
            given = given.split(";")
        for name in given if isinstance(given, list) else []:
            name = nfc(name)
            if name and index.find(name) is None and name not in names:
                names.append(name)
    return names


def importer_for(batch, user):
    """The importer the batch's records were read with: procedures have a code."""
    raws = [r.get("raw") for r in batch.rejections if isinstance(r.get("raw"), dict)]
    if raws and all("code" in raw and "number_symbol" not in raw for raw in raws):
        return ProcedureImporter(
            ProcedureIndexPage.objects.first(), batch.source_name, user, batch=batch
        )
    return Importer(LegalDocumentIndexPage.objects.first(), batch.source_name, user, batch=batch)


def create_field(request, batch):
    name = nfc(request.POST.get("field_name", ""))
    if name not in unknown_fields(batch):
        messages.error(request, _("Only a field a rejected record names can be created here."))
        return
    field = LegalField.objects.create(name=name)
    log(instance=field, action="wagtail.create", user=request.user)
    messages.success(
        request,
        _("The field “%(name)s” is added: retry the rejected records.") % {"name": name},
    )


def retryable(batch):
    """Rejected records worth another run: records, not repeats of an earlier record."""
    return [
        r for r in batch.rejections if isinstance(r.get("raw"), dict) and not r.get("duplicate_of")
    ]


def retry(request, batch):
    """The batch's rejected records again, as they were in the file, into the same batch."""
    records = retryable(batch)
    if not records:
        return
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        importer = importer_for(batch, request.user)
        report = importer.run([r["raw"] for r in records], numbers=[r["record"] for r in records])
        # Whoever brought records into the batch does not approve it either.
        batch.refresh_from_db()
        batch.retried_by = sorted({*batch.retried_by, request.user.pk})
        batch.save(update_fields=["retried_by"])
    messages.success(
        request,
        _(
            "%(created)d created, %(updated)d updated, %(unchanged)d unchanged, %(rejected)d rejected."
        )
        % {
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "rejected": report.rejected,
        },
    )


def review(request, batch):
    approve = "approve" in request.POST
    comment = request.POST.get("comment", "").strip()
    if not approve and not comment:
        messages.error(
            request, _("Write why the batch is rejected, so the operator can fix the file.")
        )
        return
    if approve and (batch.imported_by_id == request.user.pk or request.user.pk in batch.retried_by):
        # Four eyes, as for pages: whoever imported the batch does not approve it.
        messages.error(request, _("You imported this batch: another board member approves it."))
        return
    skipped = review_batch(batch, request.user, approve=approve, comment=comment)
    if skipped is None:
        messages.warning(request, _("This batch has already been decided."))
    elif approve:
        messages.success(request, _("The batch is approved and its documents are published."))
    else:
        messages.success(request, _("The batch is rejected; its documents stay unpublished."))
    if skipped:
        messages.warning(
            request,
            _("Edited since the import, so left for their own review: %(numbers)s")
            % {"numbers": ", ".join(skipped)},
        )


def batch_detail(request, pk):
    _require_reviewer(request)
    batch = get_object_or_404(ImportBatch, pk=pk)
    if request.method == "POST":
        if batch.status not in (ImportBatch.Status.PENDING, ImportBatch.Status.EMPTY):
            messages.warning(request, _("This batch has already been decided."))
        elif "create_field" in request.POST:
            create_field(request, batch)
        elif "retry" in request.POST:
            retry(request, batch)
        elif batch.status == ImportBatch.Status.PENDING:
            review(request, batch)
        return redirect("legal_docs_batch", pk=batch.pk)
    items = list(batch.items.all()[:1000])
    # Legal documents or procedures: each page as its own type, one query per type.
    pages = Page.objects.filter(pk__in=[item.page_id for item in items]).specific().in_bulk()
    for item in items:
        item.page = pages[item.page_id]
    return TemplateResponse(
        request,
        "legal_docs/admin/batch_detail.html",
        {
            "batch": batch,
            "items": items,
            "item_count": batch.items.count(),
            "unknown_fields": unknown_fields(batch)
            if batch.status in (ImportBatch.Status.PENDING, ImportBatch.Status.EMPTY)
            else [],
            "can_retry": batch.status in (ImportBatch.Status.PENDING, ImportBatch.Status.EMPTY)
            and bool(retryable(batch)),
        },
    )
