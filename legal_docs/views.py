"""The board's review of import batches, in the Wagtail admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Page

from legal_docs.importer import review_batch
from legal_docs.models import ImportBatch

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


def batch_detail(request, pk):
    _require_reviewer(request)
    batch = get_object_or_404(ImportBatch, pk=pk)
    if request.method == "POST" and batch.status == ImportBatch.Status.PENDING:
        approve = "approve" in request.POST
        comment = request.POST.get("comment", "").strip()
        if not approve and not comment:
            messages.error(
                request, _("Write why the batch is rejected, so the operator can fix the file.")
            )
        elif approve and batch.imported_by == request.user.get_username():
            # Four eyes, as for pages: whoever imported the batch does not approve it.
            messages.error(request, _("You imported this batch: another board member approves it."))
        else:
            skipped = review_batch(batch, request.user, approve=approve, comment=comment)
            if skipped is None:
                messages.warning(request, _("This batch has already been decided."))
            elif approve:
                messages.success(
                    request, _("The batch is approved and its documents are published.")
                )
            else:
                messages.success(
                    request, _("The batch is rejected; its documents stay unpublished.")
                )
            if skipped:
                messages.warning(
                    request,
                    _("Edited since the import, so left for their own review: %(numbers)s")
                    % {"numbers": ", ".join(skipped)},
                )
            return redirect("legal_docs_batch", pk=batch.pk)
    items = list(batch.items.all()[:1000])
    # Legal documents or procedures: each page as its own type, one query per type.
    pages = Page.objects.filter(pk__in=[item.page_id for item in items]).specific().in_bulk()
    for item in items:
        item.page = pages[item.page_id]
    return TemplateResponse(
        request,
        "legal_docs/admin/batch_detail.html",
        {"batch": batch, "items": items, "item_count": batch.items.count()},
    )
