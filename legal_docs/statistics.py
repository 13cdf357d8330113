"""The legal-document registry and its exchange with the national database, for the activity
report (portal/reports.py)."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.models import ModelLogEntry, PageLogEntry

from legal_docs.models import ImportBatch, LegalDocumentPage, Validity, annotate_validity
from legal_docs.usage import downloads_per_document, rows_of, views_per_document
from portal.core.figures import TOP_ROWS, Table, bounds, counted

EXPIRING_SOON_DAYS = 90


def legal_documents(start, end):
    lo, hi = bounds(start, end)
    documents = LegalDocumentPage.objects.all()
    added = documents.filter(first_published_at__gte=lo, first_published_at__lt=hi)
    changed = (
        PageLogEntry.objects.filter(
            action="wagtail.publish",
            timestamp__gte=lo,
            timestamp__lt=hi,
            page__content_type=ContentType.objects.get_for_model(LegalDocumentPage),
            page__first_published_at__lt=lo,
        )
        .values("page_id")
        .distinct()
        .count()
    )
    ceased = documents.filter(
        Q(expiry_date__gte=start, expiry_date__lte=end)
        | Q(terminated_on__gte=start, terminated_on__lte=end)
    )
    soon = documents.live().filter(
        expiry_date__gt=end, expiry_date__lte=end + timedelta(days=EXPIRING_SOON_DAYS)
    )
    per_type = counted(added, "document_type__name")
    validity = dict(
        annotate_validity(documents.live(), on=end)
        .values_list("validity")
        .annotate(n=Count("pk"))
        .order_by()
    )
    batches = ImportBatch.objects.filter(created_at__gte=lo, created_at__lt=hi)
    last_import = ImportBatch.objects.filter(created_at__lt=hi).order_by("-created_at").first()
    last_export = (
        ModelLogEntry.objects.filter(
            action="portal.export", data__what="legal documents", timestamp__lt=hi
        )
        .order_by("-timestamp")
        .first()
    )
    exchange = [
        [
            _("Last import"),
            timezone.localtime(last_import.created_at) if last_import else None,
            _("%(file)s: %(created)d new, %(updated)d changed, %(rejected)d rejected; %(status)s")
            % {
                "file": last_import.source_name,
                "created": last_import.created_count,
                "updated": last_import.updated_count,
                "rejected": last_import.rejected_count,
                "status": last_import.get_status_display().lower(),
            }
            if last_import
            else _("None"),
        ],
        [
            _("Last export"),
            timezone.localtime(last_export.timestamp) if last_export else None,
            _("%(count)s documents, %(format)s")
            % {"count": last_export.data.get("count", ""), "format": last_export.data["format"]}
            if last_export
            else _("None"),
        ],
    ]
    return [
        Table(
            _("Legal documents"),
            [_("Figure"), pgettext("report", "Number")],
            [
                [_("Added to the registry"), added.count()],
                [_("Changed"), changed],
                [_("Ceased to be in force in the period"), ceased.count()],
                [
                    _("Expire within %(days)d days after the period")
                    % {"days": EXPIRING_SOON_DAYS},
                    soon.count(),
                ],
                [_("Import batches"), batches.count()],
            ],
        ),
        Table(
            _("Documents added per type"),
            [_("Document type"), pgettext("report", "Documents")],
            [[name or _("(no type)"), n] for name, n in per_type],
            chart=1,
        ),
        Table(
            _("Registry by validity on the last day"),
            [_("Validity status"), pgettext("report", "Documents")],
            [[label, validity.get(value, 0)] for value, label in Validity.choices],
            chart=1,
        ),
        Table(
            _("Exchange with the national legal database"),
            [_("Exchange"), _("Time"), _("Result")],
            exchange,
        ),
        *most_read(start, end),
    ]


def most_read(start, end):
    """The documents most viewed and most downloaded in the period (portal/visits.py)."""
    documents = LegalDocumentPage.objects.all()
    tables = []
    for title, heading, counts in [
        (_("Most viewed documents"), _("Views"), views_per_document(documents, start, end)),
        (
            _("Most downloaded documents"),
            _("Downloads"),
            downloads_per_document(documents, start, end),
        ),
    ]:
        rows = rows_of(counts, TOP_ROWS)
        tables.append(
            Table(
                title,
                [_("Number/symbol"), pgettext("legal document", "Summary"), heading],
                [[number, summary, n] for _url, number, summary, n in rows],
            )
        )
    return tables
