"""Merges exchange records into the registry (and, through BatchImporter, procedures), one
transaction per record, reporting every problem of every rejected record with its number, its
number/symbol and the field, in Vietnamese; never stops at the first bad one.

A record changes only what it says (legal_docs/exchange.py): absent fields keep the live
registry's value, clearing is explicit, relations are removed only explicitly. New and changed
pages are saved as draft revisions of an ImportBatch; nothing goes live until the editorial
board approves the batch (Art. 6.4). A newer batch takes a document over from an older pending
one, so two batches never fight over one page."""

import logging
import unicodedata
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from legal_docs.exchange import CLEAR_MARKER, to_record
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
    relation_problems,
)
from legal_docs.names import NameIndex
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
    "consolidated_url",
    "validity_override_reason",
]
DATES = ["issue_date", "effective_date", "expiry_date", "gazette_date", "validity_override_date"]
# What identifies a document, or what every document must have: never cleared by a file.
REQUIRED = ["number_symbol", "document_type", "issuing_authority", "issue_date", "summary"]

# The account automated imports run as (setup_portal --demo, benchmarks): an account, so the
# rule that whoever imported a batch does not approve it always has someone to apply to.
SYSTEM_USERNAME = "he-thong"

ABSENT = object()
CLEAR = object()


def system_account():
    user, created = get_user_model().objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"last_name": "Hệ thống", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


class Rejected(Exception):
    """A record's problems: [(field label or "", message)]; a plain message is one problem."""

    def __init__(self, problems):
        self.problems = [("", problems)] if isinstance(problems, str) else list(problems)
        super().__init__("; ".join(message for _label, message in self.problems))


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejections: list = field(default_factory=list)
    # Each created or updated document: {"record", "reference", "action", "changes"}.
    changes: list = field(default_factory=list)
    # Documents taken over from an older pending batch: {"record", "reference", "batch"}.
    withdrawn: list = field(default_factory=list)

    @property
    def rejected(self):
        return len(self.rejections)


def nfc(value):
    return unicodedata.normalize("NFC", str(value)).strip() if value not in (None, "") else ""


def given(record, name):
    """What a record says of a field: ABSENT (missing, "" or []), CLEAR (null or the CSV
    marker) or its value, NFC and stripped when text."""
    value = record.get(name, None) if name in record else ABSENT
    if value is ABSENT:
        return ABSENT
    if value is None:
        return CLEAR
    if isinstance(value, list):
        if not value:
            return ABSENT
        if len(value) == 1 and isinstance(value[0], str) and is_clear_marker(value[0]):
            return CLEAR
        return value
    if isinstance(value, str):
        text = nfc(value)
        if not text:
            return ABSENT
        return CLEAR if is_clear_marker(text) else text
    return value


def is_clear_marker(text):
    return fold(nfc(text)) == fold(CLEAR_MARKER)


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


def label_of(model, name):
    return capfirst(model._meta.get_field(name).verbose_name)


def unknown_name(kind, value, index):
    """The Vietnamese refusal of a name nobody knows, with the closest known names."""
    suggestions = index.suggest(value)
    if suggestions:
        return _("There is no %(kind)s “%(value)s”. Did you mean: %(names)s?") % {
            "kind": kind,
            "value": value,
            "names": ", ".join(
                f"{entry.name} ({entry.abbreviation})"
                if getattr(entry, "abbreviation", "")
                else entry.name
                for entry in suggestions
            ),
        }
    return _(
        "There is no %(kind)s “%(value)s”: the board adds it, or an alias of a known one, in the admin."
    ) % {"kind": kind, "value": value}


class Lookups:
    """Taxonomies by name, abbreviation, variant or alias (legal_docs/names.py)."""

    def __init__(self):
        self.types = NameIndex(DocumentType.objects.all())
        self.authorities = NameIndex(IssuingAuthority.objects.all())
        self.fields = NameIndex(LegalField.objects.all(), abbreviations=False)


def display(value):
    """A field's value in the exchange format as the board reads it in a diff."""
    if value in (None, ""):
        return ""
    if isinstance(value, list):
        return "; ".join(display(item) for item in value)
    if isinstance(value, dict):  # a relation
        label = dict(RelationType.choices).get(value.get("type"), value.get("type"))
        target = value.get("number_symbol") or value.get("external_number") or ""
        title = value.get("external_title") or ""
        # Version 3's dates and provisions, so a change to them alone shows in the diff.
        extra = [display(value.get(name)) for name in ("effective_date", "end_date")]
        extra.append(value.get("provisions") or "")
        extra = [part for part in extra if part]
        details = f"({', '.join(extra)})" if extra else ""
        return " ".join(str(part) for part in (label, target, title, details) if part)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            pass
    return str(value)


def diff(before, after, labels):
    """[{"field", "old", "new"}] for each field that differs; relations as removed/added."""
    changes = []
    for name, label in labels.items():
        old, new = before.get(name), after.get(name)
        if old == new or (not old and not new):
            continue
        if isinstance(old, list) or isinstance(new, list):
            old, new = old or [], new or []
            removed = [item for item in old if item not in new]
            added = [item for item in new if item not in old]
            changes.append({"field": str(label), "old": display(removed), "new": display(added)})
        else:
            changes.append({"field": str(label), "old": display(old), "new": display(new)})
    return changes


@contextmanager
def quiet_wagtail():
    # A dry run's revisions are rolled back: Wagtail's "Page edited" lines would be untrue.
    logger = logging.getLogger("wagtail")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


class BatchImporter:
    """Merges records, one transaction each, into pages under `parent`; new and changed pages
    become draft revisions of one ImportBatch for the board. A dry run does exactly the same
    inside one outer transaction (a savepoint per record, so later records see earlier new
    ones) and rolls it all back. Subclasses read a record (import_record), say what
    identifies it (identity) and name it in the report (reference)."""

    model = None  # the page model the records become
    labels = {}  # exchange column -> label, for diffs

    def __init__(self, parent, source_name, imported_by, dry_run=False, batch=None):
        if imported_by is None:
            raise ValueError("An import needs the account that runs it.")
        self.parent = parent
        self.source_name = source_name
        self.imported_by = imported_by
        self.dry_run = dry_run
        self.report = Report()
        self.batch = batch
        self.seen = {}  # identity -> number of the record that first had it
        self.duplicate_of = None  # set while the current record repeats an earlier one

    def run(self, records, progress=None, numbers=None):
        outer = transaction.atomic() if self.dry_run else nullcontext()
        quiet = quiet_wagtail() if self.dry_run else nullcontext()
        with outer, quiet:
            if self.batch is None:
                self.batch = ImportBatch.objects.create(
                    source_name=self.source_name, imported_by=self.imported_by
                )
            try:
                for position, record in enumerate(records):
                    number = numbers[position] if numbers else position + 1
                    self.run_one(number, record)
                    if progress:
                        progress(position + 1)
            finally:
                self.finish()  # even if interrupted, the batch says what it holds
            if self.dry_run:
                transaction.set_rollback(True)
        return self.report

    def run_one(self, number, record):
        try:
            with transaction.atomic():
                outcome = self.import_record(number, record)
        except Rejected as rejected:
            self.reject(number, record, rejected.problems)
        except ValidationError as error:
            self.reject(number, record, self.problems_of(error))
        except DatabaseError as error:  # the record's transaction is rolled back; go on
            self.reject(
                number,
                record,
                [("", _("The database refused the record: %(error)s") % {"error": error})],
            )
        else:
            setattr(self.report, outcome, getattr(self.report, outcome) + 1)

    def problems_of(self, error):
        if not hasattr(error, "error_dict"):
            return [("", message) for message in error.messages]
        problems = []
        for name, errors in error.message_dict.items():
            try:
                label = label_of(self.model, name)
            except Exception:
                label = ""
            problems.extend((label, message) for message in errors)
        return problems

    def reference(self, record):
        return ""

    def reject(self, number, record, problems):
        reference = self.reference(record) if isinstance(record, dict) else ""
        duplicate_of, self.duplicate_of = self.duplicate_of, None
        self.report.rejections.append(
            {
                "record": number,
                "reference": reference,
                "reason": "; ".join(
                    f"{label}: {message}" if label else message for label, message in problems
                ),
                "problems": [{"field": str(label), "message": str(m)} for label, m in problems],
                "raw": record,
                "duplicate_of": duplicate_of,
            }
        )

    def fits(self, name, value, problems):
        """Whether text `value` fits the page's field `name`; a problem for the record if not."""
        limit = self.model._meta.get_field(name).max_length
        if limit and len(value) > limit:
            message = _("%(field)s is longer than %(limit)d characters: shorten it.")
            problems.append(
                (self.labels[name], message % {"field": self.labels[name], "limit": limit})
            )
            return False
        return True

    def check_duplicate(self, identity, number, label, problems):
        """The second record of one document in a file is refused, naming the first."""
        first = self.seen.setdefault(identity, number)
        if first != number:
            self.duplicate_of = first  # a retry of the batch must not bring it back
            problems.append(
                (label, _("The same document as record %(first)d of this file.") % {"first": first})
            )

    def finish(self):
        batch = self.batch
        if batch is None:
            return
        batch.created_count += self.report.created
        batch.updated_count += self.report.updated
        batch.unchanged_count += self.report.unchanged
        retried = {rejection["record"] for rejection in self.report.rejections} | {
            item["record"] for item in self.report.changes
        }
        kept = [item for item in batch.rejections if item["record"] not in retried]
        batch.rejections = sorted(kept + self.report.rejections, key=lambda r: r["record"])
        batch.rejected_count = len(batch.rejections)
        if batch.items.exists():
            batch.status = ImportBatch.Status.PENDING
        elif batch.status == ImportBatch.Status.PENDING:
            batch.status = ImportBatch.Status.EMPTY
        batch.save()
        log(instance=batch, action="legal_docs.import_batch", user=self.imported_by)

    def base(self, existing):
        """The page a record is merged into, and the registry's record of it to compare with:
        the live content for a published page (a pending import's draft is not the registry),
        the latest draft for a page never published."""
        if existing is None:
            return self.model(live=False), {}
        if existing.live:
            return existing, self.snapshot(existing)
        return existing.get_latest_revision_as_object(), {}

    def finish_record(self, page, existing, before, number, fallback_slug):
        """Takes the page over from older pending batches, then saves a draft revision in this
        batch when the record changes the registry."""
        after = self.snapshot(page)
        withdrawn = set()
        if existing is not None:
            withdrawn = self.withdraw_from_older_batches(existing, number)
        if existing is not None and existing.live and after == before:
            if existing.latest_revision_id in withdrawn:
                self.back_to_live(existing)  # the older batch's draft is not the registry
            return "unchanged"
        changes = diff(before, after, self.labels)
        outcome = self.save_draft(page, existing, number, fallback_slug, changes)
        self.report.changes.append(
            {
                "record": number,
                "reference": page.import_reference,
                "action": outcome,
                "changes": changes,
            }
        )
        return outcome

    @staticmethod
    def back_to_live(page):
        Page.objects.filter(pk=page.pk).update(
            latest_revision=page.live_revision_id,
            has_unpublished_changes=False,
            draft_title=page.title,
        )

    def withdraw_from_older_batches(self, page, number):
        """A newer file is the truth for the documents it names: an older pending batch gives
        them up (and keeps the rest), and is closed when nothing is left in it. Returns the
        revisions given up."""
        revisions = set()
        older = (
            ImportBatchItem.objects.filter(page=page, batch__status=ImportBatch.Status.PENDING)
            .exclude(batch=self.batch)
            .select_related("batch")
        )
        for item in older:
            batch = item.batch
            revisions.add(item.revision_id)
            item.delete()
            batch.withdrawn = [
                *batch.withdrawn,
                {"reference": page.specific.import_reference, "batch": self.batch.pk},
            ]
            fields = ["withdrawn"]
            if not batch.items.exists():
                batch.status = ImportBatch.Status.SUPERSEDED
                batch.review_comment = _("Superseded by import batch #%(batch)d.") % {
                    "batch": self.batch.pk
                }
                fields += ["status", "review_comment"]
            batch.save(update_fields=fields)
            log(
                instance=batch,
                action="legal_docs.supersede_batch",
                user=self.imported_by,
                data={"by": self.batch.pk, "reference": page.specific.import_reference},
            )
            self.report.withdrawn.append(
                {"record": number, "reference": page.specific.import_reference, "batch": batch.pk}
            )
        return revisions

    def save_draft(self, page, existing, number, fallback_slug, changes=()):
        """A draft revision of `page` (added under the parent when new) in the batch."""
        if not existing:
            page.slug = page.slug or fallback_slug
            self.parent.add_child(instance=page)
        revision = page.save_revision(log_action=True, user=self.imported_by)
        ImportBatchItem.objects.create(
            batch=self.batch,
            page=page,
            revision=revision,
            record_number=number,
            changes=list(changes),
            action=ImportBatchItem.Action.UPDATED
            if existing is not None and existing.live
            else ImportBatchItem.Action.CREATED,
        )
        return "updated" if existing is not None and existing.live else "created"


class Importer(BatchImporter):
    """Legal documents, identified by (issuing authority, number/symbol, year)."""

    model = LegalDocumentPage

    def __init__(self, registry: LegalDocumentIndexPage, *args, **kwargs):
        super().__init__(registry, *args, **kwargs)
        self.lookups = Lookups()
        self.labels = {
            name: label_of(LegalDocumentPage, name)
            for name in [*REQUIRED, "title", *TEXT, *DATES, "fields", "source"]
            + ["validity_override"]
        } | {"relations": _("Related documents")}

    def reference(self, record):
        return nfc(record.get("number_symbol", ""))

    def import_record(self, number, record):
        if not isinstance(record, dict):
            raise Rejected(_("The record is not an object with named fields."))
        values, relations = self.values(number, record)
        existing = LegalDocumentPage.objects.filter(
            number_key=number_key(values["number_symbol"]),
            issuing_authority=values["issuing_authority"],
            issue_date__year=values["issue_date"].year,
        ).first()
        page, before = self.base(existing)
        for name, value in values.items():
            if name != "fields":
                setattr(page, name, value)
        if "fields" in values:
            page.fields = values["fields"]
        if existing is None and not page.title:
            page.title = f"{values['document_type'].name} {values['number_symbol']}"
        if existing is None and not page.source:
            page.source = Source.NATIONAL_DATABASE
        if relations is not ABSENT:
            merged = self.merge_relations(page, relations)
            self.check_relations(merged)
            page.relations = merged
        if existing is None and not page.summary:
            raise Rejected([(self.labels["summary"], _("The summary (trích yếu) is missing."))])
        page.clean_attributes()
        return self.finish_record(page, existing, before, number, f"van-ban-{number}")

    def snapshot(self, page):
        return to_record(page, page.relations.all())

    def values(self, number, record):
        """The fields the record gives (CLEAR as the empty value) and its relations, or every
        problem of the record at once."""
        problems, values = [], {}
        labels = self.labels
        for name in REQUIRED[:4]:
            if given(record, name) in (ABSENT, CLEAR):
                problems.append((labels[name], _("This field is missing: every record needs it.")))
        if given(record, "summary") is CLEAR:
            problems.append((labels["summary"], _("The summary cannot be cleared.")))

        numbering = given(record, "number_symbol")
        if isinstance(numbering, str):
            values["number_symbol"] = numbering
        for name, index, kind in (
            ("document_type", self.lookups.types, _("document type")),
            ("issuing_authority", self.lookups.authorities, _("issuing authority")),
        ):
            value = given(record, name)
            if isinstance(value, str):
                found = index.find(value)
                if found is None:
                    problems.append((labels[name], unknown_name(kind, value, index)))
                else:
                    values[name] = found

        for name in TEXT:
            value = given(record, name)
            if value is ABSENT:
                continue
            if value is CLEAR:
                if name in ("title", "summary"):
                    if name == "title":
                        problems.append((labels[name], _("The title cannot be cleared.")))
                    continue
                values[name] = ""
                continue
            if name in ("national_database_url", "consolidated_url"):
                try:
                    value = checked_url(value)
                except Rejected as rejected:
                    problems.extend((labels[name], m) for _l, m in rejected.problems)
                    continue
            if self.fits(name, value, problems):
                values[name] = value

        for name in DATES:
            value = given(record, name)
            if value is ABSENT:
                continue
            if value is CLEAR:
                values[name] = None
                continue
            try:
                values[name] = parse_date(value, labels[name])
            except Rejected as rejected:
                problems.extend((labels[name], m) for _l, m in rejected.problems)

        source = given(record, "source")
        if isinstance(source, str):
            if source not in Source.values:
                problems.append(
                    (labels["source"], _("Unknown source “%(value)s”.") % {"value": source})
                )
            else:
                values["source"] = source
        override = given(record, "validity_override")
        if override is CLEAR:
            values["validity_override"] = ""
        elif isinstance(override, str):
            if override not in Validity.values:
                problems.append(
                    (
                        labels["validity_override"],
                        _("Unknown validity “%(value)s”.") % {"value": override},
                    )
                )
            else:
                values["validity_override"] = override

        fields = given(record, "fields")
        if fields is CLEAR:
            values["fields"] = []
        elif fields is not ABSENT:
            if isinstance(fields, str):
                fields = [part.strip() for part in fields.split(";") if part.strip()]
            found_fields = []
            for name in fields if isinstance(fields, list) else [fields]:
                found = self.lookups.fields.find(str(name))
                if found is None:
                    problems.append(
                        (labels["fields"], unknown_name(_("field"), nfc(name), self.lookups.fields))
                    )
                elif found not in found_fields:
                    found_fields.append(found)
            values["fields"] = found_fields

        relations = given(record, "relations")
        if relations is not ABSENT and relations is not CLEAR:
            if not isinstance(relations, list):
                problems.append((labels["relations"], _("The relations are not a list.")))
                relations = ABSENT
            else:
                checked = []
                for position, item in enumerate(relations, start=1):
                    try:
                        checked.append(self.relation(item))
                    except Rejected as rejected:
                        problems.extend(
                            (f"{labels['relations']} {position}", m) for _l, m in rejected.problems
                        )
                relations = checked

        if {"number_symbol", "issuing_authority", "issue_date"} <= values.keys() and values[
            "issue_date"
        ]:
            identity = (
                number_key(values["number_symbol"]),
                values["issuing_authority"].pk,
                values["issue_date"].year,
            )
            self.check_duplicate(identity, number, labels["number_symbol"], problems)
        if problems:
            raise Rejected(problems)
        return values, relations

    def relation(self, item):
        """(relation, remove) of one item of a record's relations, with the dates and
        provisions it states (version 3; `stated` names them: absent keeps the registry's,
        null clears), checked as the admin's form checks them."""
        relation, remove = self.relation_document(item)
        relation.stated, problems = [], []
        for name in ("effective_date", "end_date", "provisions"):
            value = given(item, name)
            if value is ABSENT:
                continue
            relation.stated.append(name)
            label = label_of(LegalDocumentRelation, name)
            if name == "provisions":
                relation.provisions = "" if value is CLEAR else str(value)
                if len(relation.provisions) > 500:
                    problems.append((label, _("This is longer than 500 characters.")))
                continue
            try:
                setattr(relation, name, None if value is CLEAR else parse_date(value, label))
            except Rejected as rejected:
                problems.extend(rejected.problems)
        if problems:
            raise Rejected(problems)
        return relation, remove

    def relation_document(self, item):
        """(relation, remove) of an item, without its dates and provisions."""
        if not isinstance(item, dict) or item.get("type") not in RelationType.values:
            raise Rejected(
                _("A relation has no known type (one of: %(types)s).")
                % {"types": ", ".join(RelationType.values)}
            )
        remove = item.get("remove") is True
        if item.get("number_symbol"):
            authority = self.lookups.authorities.find(nfc(item.get("issuing_authority")))
            target = None
            if authority and str(item.get("year", "")).isdigit():
                target = LegalDocumentPage.objects.filter(
                    number_key=number_key(item["number_symbol"]),
                    issuing_authority=authority,
                    issue_date__year=int(item["year"]),
                ).first()
            if target is not None:
                return LegalDocumentRelation(relation_type=item["type"], target=target), remove
            # Not (yet) in the registry: keep it as an outside reference rather than lose it.
            return LegalDocumentRelation(
                relation_type=item["type"],
                external_number=nfc(item["number_symbol"]),
                external_title=nfc(item.get("title", "")),
            ), remove
        if not (item.get("external_number") or item.get("external_title")):
            raise Rejected(_("A relation names no document."))
        return LegalDocumentRelation(
            relation_type=item["type"],
            external_number=nfc(item.get("external_number")),
            external_title=nfc(item.get("external_title")),
            external_url=checked_url(item.get("external_url")),
        ), remove

    def check_relations(self, relations):
        """The rules of the admin's form (relation_problems) on the relations as merged, so
        a file that leaves out what the registry holds (provisions, dates) is not refused."""
        problems = []
        for relation in relations:
            name = (
                relation.target.number_symbol
                if relation.target_id
                else relation.external_number or relation.external_title
            )
            problems += [
                (self.labels["relations"], f"{name}: {message}")
                for message in relation_problems(relation).values()
            ]
        if problems:
            raise Rejected(problems)

    @staticmethod
    def relation_keys(relation):
        """What identifies a relation: its type and its document, in the registry or outside
        it by number (or title); a registry document also answers to its number, so an outside
        reference becomes a link once the document arrives."""
        if relation.target_id:
            return {
                (relation.relation_type, "page", relation.target_id),
                (relation.relation_type, "outside", relation.target.number_key),
            }
        outside = (
            number_key(relation.external_number)
            if relation.external_number
            else fold(relation.external_title)
        )
        return {(relation.relation_type, "outside", outside)}

    def merge_relations(self, page, items):
        current = [] if items is CLEAR else list(page.relations.all())
        if items is CLEAR:
            return current
        for relation, remove in items:
            keys = self.relation_keys(relation)
            match = next((c for c in current if self.relation_keys(c) & keys), None)
            if remove:
                if match is not None:
                    current.remove(match)
            elif match is None:
                current.append(relation)
            elif relation.target_id and not match.target_id:
                current[current.index(match)] = relation  # the outside reference is here now
            else:
                if not relation.target_id:
                    match.external_title = relation.external_title or match.external_title
                    match.external_url = relation.external_url or match.external_url
                for name in relation.stated:
                    setattr(match, name, getattr(relation, name))
        return current


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
                BatchImporter.back_to_live(page)
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
