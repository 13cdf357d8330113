from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ImportBatch(models.Model):
    """One run of `import_legal_documents` or `import_procedures`. Its new and changed pages
    wait as drafts until the editorial board approves the batch as a whole (Art. 6.4), so ten
    thousand records are reviewed from one summary instead of ten thousand pages."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the board")
        APPROVED = "approved", _("Approved and published")
        REJECTED = "rejected", _("Rejected")
        EMPTY = "empty", _("Nothing to review")
        SUPERSEDED = "superseded", _("Superseded by a newer import")

    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    source_name = models.CharField(_("file"), max_length=255)
    # An account, never free text: the board member who imported a batch cannot approve it.
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_count = models.PositiveIntegerField(pgettext_lazy("import", "created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    rejected_count = models.PositiveIntegerField(_("rejected"), default=0)
    # Each rejected record with its problems and the record itself, so the board can retry
    # it after adding a missing field.
    rejections = models.JSONField(_("rejected records"), default=list, blank=True)
    # Board members who retried rejected records into the batch: they do not approve it.
    retried_by = models.JSONField(default=list, blank=True)
    # Documents a newer import took over: [{"reference": ..., "batch": pk}].
    withdrawn = models.JSONField(_("withdrawn documents"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import batch")
        verbose_name_plural = _("import batches")
        permissions = [("review_importbatch", _("Can approve or reject import batches"))]

    def __str__(self):
        return f"{self.source_name} ({self.created_at:%d/%m/%Y %H:%M})"


class ImportBatchItem(models.Model):
    class Action(models.TextChoices):
        CREATED = "created", pgettext_lazy("import", "Created")
        UPDATED = "updated", _("Updated")

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=16, choices=Action.choices)
    record_number = models.PositiveIntegerField()
    # What the import changes on the live page: [{"field": label, "old": ..., "new": ...}].
    changes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["record_number"]
