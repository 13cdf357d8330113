"""Upserts exchange records into the registry (and, through BatchImporter, procedures), one
transaction per record, reporting every rejected record with its number and a Vietnamese
reason; never stops at the first bad one.

New and changed pages are saved as draft revisions of an ImportBatch; nothing goes live
until the editorial board approves the batch (Art. 6.4)."""

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from legal_docs.exchange import to_record
from legal_docs.models import (
    DocumentType,
    ImportBatch,
    ImportBatchItem,
    IssuingAuthority,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalDocumentRelation,
    LegalField,
    RelationType,
    Source,
    Validity,
)
from legal_docs.numbering import fold, number_key
from workflow.guard import authorised

TEXT = [
    "title",
    "summary",
    "signer",
    "signer_position",
    "scope",
    "gazette_number",
    "national_database_url",
    "validity_override_reason",
]
DATES = ["issue_date", "effective_date", "expiry_date", "gazette_date", "validity_override_date"]


class Rejected(Exception):
    pass


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejections: list = field(default_factory=list)

    @property
    def rejected(self):
        return len(self.rejections)


def nfc(value):
    return unicodedata.normalize("NFC", str(value)).strip() if value not in (None, "") else ""


_url = URLValidator(schemes=["http", "https"])


def checked_url(value):
    """An http(s) address or nothing: imported links end up in the public pages' hrefs."""
    value = nfc(value)
    if value:
        try:
            _url(value)
        except ValidationError:
            raise Rejected(
                _("“%(value)s” is not a web address: write it as https://...") % {"value": value}
            ) from None
    return value


def parse_date(value, label):
    value = nfc(value)
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            pass
    raise Rejected(
        _("%(field)s “%(value)s” is not a date: write it as dd/mm/yyyy or yyyy-mm-dd.")
        % {"field": capfirst(label), "value": value}
    )


class Lookups:
    """Taxonomies by name or abbreviation, in any case and with or without diacritics."""

    def __init__(self):
        self.types = self._index(DocumentType.objects.all(), abbreviations=True)
        self.authorities = self._index(IssuingAuthority.objects.all(), abbreviations=True)
        self.fields = self._index(LegalField.objects.all())

    @staticmethod
    def _index(queryset, abbreviations=False):
        index = {}
        for item in queryset:
            index[fold(item.name)] = item
            if abbreviations:
                index.setdefault(fold(item.abbreviation), item)
        return index

    @staticmethod
    def find(index, value):
        return index.get(fold(nfc(value)))


class BatchImporter:
    """Upserts records one transaction each into pages under `parent`; new and changed pages
    become draft revisions of one ImportBatch for the board. Subclasses read a record
    (import_record) and name it in the report (reference)."""

    def __init__(self, parent, source_name, imported_by="", dry_run=False):
        self.parent = parent
        self.dry_run = dry_run
        self.report = Report()
        self.batch = None
        if not dry_run:
            self.batch = ImportBatch.objects.create(
                source_name=source_name, imported_by=imported_by
            )

    def run(self, records, progress=None):
        try:
            for number, record in enumerate(records, start=1):
                self.run_one(number, record)
                if progress:
                    progress(number)
        finally:
            self.finish()  # even if interrupted, the batch says what it holds
        return self.report

    def run_one(self, number, record):
        try:
            with transaction.atomic():
                outcome = self.import_record(number, record)
                if self.dry_run:
                    transaction.set_rollback(True)
        except Rejected as reason:
            self.reject(number, record, str(reason))
        except ValidationError as error:
            self.reject(number, record, " ".join(error.messages))
        except DatabaseError as error:  # the record's transaction is rolled back; go on
            self.reject(
                number, record, _("The database refused the record: %(error)s") % {"error": error}
            )
        else:
            setattr(self.report, outcome, getattr(self.report, outcome) + 1)

    def reference(self, record):
        return ""

    def reject(self, number, record, reason):
        reference = self.reference(record) if isinstance(record, dict) else ""
        self.report.rejections.append({"record": number, "reference": reference, "reason": reason})

    def finish(self):
        if self.batch is None:
            return
        batch = self.batch
        batch.created_count, batch.updated_count = self.report.created, self.report.updated
        batch.unchanged_count, batch.rejected_count = self.report.unchanged, self.report.rejected
        batch.rejections = self.report.rejections
        if not (self.report.created or self.report.updated):
            batch.status = ImportBatch.Status.EMPTY
        batch.save()
        log(instance=batch, action="legal_docs.import_batch")

    def save_draft(self, page, existing, number, fallback_slug):
        """A draft revision of `page` (added under the parent when new) in the batch."""
        if not existing:
            page.slug = page.slug or fallback_slug
            self.parent.add_child(instance=page)
        revision = page.save_revision(log_action=True)
        if self.batch:
            ImportBatchItem.objects.create(
                batch=self.batch,
                page=page,
                revision=revision,
                record_number=number,
                action=ImportBatchItem.Action.UPDATED
                if existing
                else ImportBatchItem.Action.CREATED,
            )
        return "updated" if existing else "created"


class Importer(BatchImporter):
    """Legal documents, identified by (issuing authority, number/symbol, year)."""

    def __init__(self, registry: LegalDocumentIndexPage, *args, **kwargs):
        super().__init__(registry, *args, **kwargs)
        self.lookups = Lookups()

    def reference(self, record):
        return nfc(record.get("number_symbol", ""))

    def import_record(self, number, record):
        if not isinstance(record, dict):
            raise Rejected(_("The record is not an object with named fields."))
        values = self.values(record)
        existing = LegalDocumentPage.objects.filter(
            number_key=number_key(values["number_symbol"]),
            issuing_authority=values["issuing_authority"],
            issue_date__year=values["issue_date"].year,
        ).first()
        page = (
            existing.get_latest_revision_as_object() if existing else LegalDocumentPage(live=False)
        )
        before = self.snapshot(page) if existing else None
        for name, value in values.items():
            if name not in ("fields", "relations"):
                setattr(page, name, value)
        page.fields = values["fields"]
        page.relations = [self.relation(item, page) for item in values["relations"]]
        try:
            page.clean_attributes()
        except ValidationError as error:
            raise Rejected(" ".join(error.messages)) from None
        if existing and self.snapshot(page) == before:
            return "unchanged"
        return self.save_draft(page, existing, number, f"van-ban-{number}")

    @staticmethod
    def snapshot(page):
        record = to_record(page, page.relations.all())
        record["fields"] = sorted(f.name for f in page.fields.all())
        return record

    def values(self, record):
        number = nfc(record.get("number_symbol"))
        if not number:
            raise Rejected(_("The number/symbol is missing."))
        document_type = self.lookups.find(self.lookups.types, record.get("document_type"))
        if document_type is None:
            raise Rejected(
                _("Unknown document type “%(value)s”: use one of the list in the admin.")
                % {"value": nfc(record.get("document_type"))}
            )
        authority = self.lookups.find(self.lookups.authorities, record.get("issuing_authority"))
        if authority is None:
            raise Rejected(
                _("Unknown issuing authority “%(value)s”: add it to the list in the admin first.")
                % {"value": nfc(record.get("issuing_authority"))}
            )
        values = {name: nfc(record.get(name)) for name in TEXT}
        values["national_database_url"] = checked_url(record.get("national_database_url"))
        for name, value in values.items():
            limit = LegalDocumentPage._meta.get_field(name).max_length
            if limit and len(value) > limit:
                raise Rejected(
                    _("%(field)s is longer than %(limit)d characters: shorten it.")
                    % {
                        "field": capfirst(LegalDocumentPage._meta.get_field(name).verbose_name),
                        "limit": limit,
                    }
                )
        for name in DATES:
            values[name] = parse_date(
                record.get(name), LegalDocumentPage._meta.get_field(name).verbose_name
            )
        if values["issue_date"] is None:
            raise Rejected(_("The issue date is missing."))
        if not values["summary"]:
            raise Rejected(_("The summary (trích yếu) is missing."))
        source = nfc(record.get("source")) or Source.NATIONAL_DATABASE
        if source not in Source.values:
            raise Rejected(_("Unknown source “%(value)s”.") % {"value": source})
        override = nfc(record.get("validity_override"))
        if override and override not in Validity.values:
            raise Rejected(_("Unknown validity “%(value)s”.") % {"value": override})
        fields = []
        for name in record.get("fields") or []:
            found = self.lookups.find(self.lookups.fields, name)
            if found is None:
                raise Rejected(
                    _("Unknown field “%(value)s”: add it to the list in the admin first.")
                    % {"value": nfc(name)}
                )
            fields.append(found)
        relations = record.get("relations") or []
        if not isinstance(relations, list):
            raise Rejected(_("The relations are not a list."))
        values.update(
            number_symbol=number,
            document_type=document_type,
            issuing_authority=authority,
            source=source,
            validity_override=override,
            fields=fields,
            relations=relations,
        )
        values["title"] = values["title"] or f"{document_type.name} {number}"
        return values

    def relation(self, item, page):
        if not isinstance(item, dict) or item.get("type") not in RelationType.values:
            raise Rejected(
                _("A relation has no known type (one of: %(types)s).")
                % {"types": ", ".join(RelationType.values)}
            )
        if item.get("number_symbol"):
            authority = self.lookups.find(self.lookups.authorities, item.get("issuing_authority"))
            target = None
            if authority and str(item.get("year", "")).isdigit():
                target = LegalDocumentPage.objects.filter(
                    number_key=number_key(item["number_symbol"]),
                    issuing_authority=authority,
                    issue_date__year=int(item["year"]),
                ).first()
            if target is not None:
                return LegalDocumentRelation(relation_type=item["type"], target=target)
            # Not (yet) in the registry: keep it as an outside reference rather than lose it.
            return LegalDocumentRelation(
                relation_type=item["type"],
                external_number=nfc(item["number_symbol"]),
                external_title=nfc(item.get("title", "")),
            )
        if not (item.get("external_number") or item.get("external_title")):
            raise Rejected(_("A relation names no document."))
        return LegalDocumentRelation(
            relation_type=item["type"],
            external_number=nfc(item.get("external_number")),
            external_title=nfc(item.get("external_title")),
            external_url=checked_url(item.get("external_url")),
        )


def review_batch(batch, user, approve, comment=""):
    """The board's decision on a whole batch. Approval publishes each imported revision that is
    still the page's latest; a page edited since the import is left for its own review.
    Rejection takes the imported content back out: drafts the import created are deleted, and
    updated pages point at their live revision again, so nobody publishes it by accident.
    Returns the numbers skipped, or None when the batch was already decided."""
    skipped = []
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != ImportBatch.Status.PENDING:
            return None  # decided meanwhile by someone else (or a double click)
        for item in batch.items.select_related("revision"):
            page = item.page.specific
            if page.latest_revision_id != item.revision_id:
                skipped.append(page.import_reference)
            elif approve:
                # The board's decision on the batch is the approval (Art. 6.4).
                with authorised("import"):
                    item.revision.publish(user=user)
            elif page.live_revision_id is None:
                page.delete()
            else:
                Page.objects.filter(pk=page.pk).update(
                    latest_revision=page.live_revision_id,
                    has_unpublished_changes=False,
                    draft_title=page.title,
                )
        batch.status = ImportBatch.Status.APPROVED if approve else ImportBatch.Status.REJECTED
        batch.reviewed_by, batch.reviewed_at, batch.review_comment = user, timezone.now(), comment
        batch.save()
        log(
            instance=batch,
            user=user,
            action="legal_docs.approve_batch" if approve else "legal_docs.reject_batch",
            data={"comment": comment, "skipped": skipped},
        )
    return skipped
