"""Administrative procedures from an exchange file (legal_docs/schema/procedures.schema.json,
or a CSV with the same columns), as published by the National Database of Administrative
Procedures: one record per procedure, identified by its code. The same rules as the legal
documents' import: each bad record reported with its number and a Vietnamese reason, the
good ones kept, new and changed procedures waiting as drafts for the board's approval; a
field a record leaves out keeps its value, null (or the CSV marker) clears it, and the
legal basis is added to, never removed by omission."""

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.translation import gettext as _

from legal_docs.importer import (
    ABSENT,
    CLEAR,
    BatchImporter,
    Rejected,
    checked_url,
    given,
    label_of,
    nfc,
    unknown_name,
)
from legal_docs.models import LegalDocumentPage, LegalField, OnlineLevel, ProcedurePage
from legal_docs.models.procedures import PROCEDURE_CODE
from legal_docs.names import NameIndex
from legal_docs.numbering import fold, number_key

COLUMNS = [
    "code",
    "title",
    "field",
    "implementing_agency",
    "online_level",
    "processing_time",
    "fees",
    "dossier",
    "steps",
    "result",
    "legal_basis",
    "legal_basis_other",
    "online_service_url",
]
LOAD_OPTIONS = {"key": "procedures", "lists": ("legal_basis",), "json_columns": ()}
TEXT = ["title", "implementing_agency", "processing_time", "fees", "result", "legal_basis_other"]
REQUIRED = ["title", "implementing_agency", "processing_time", "result", "dossier", "steps"]
LIST_FIELDS = ["dossier", "steps"]  # plain lines in the file, a list on the page
LEVELS = {
    fold(name): level
    for level, names in {
        OnlineLevel.FULL: ["full", "toàn trình", "dịch vụ công trực tuyến toàn trình"],
        OnlineLevel.PARTIAL: ["partial", "một phần", "dịch vụ công trực tuyến một phần"],
        OnlineLevel.INFORMATION: ["information", "thông tin", "cung cấp thông tin"],
    }.items()
    for name in names
}


def as_list(text):
    """Lines of plain text as an HTML list; the file's text is never taken as HTML."""
    lines = [line.strip(" -•\t") for line in nfc(text).splitlines()]
    items = "".join(f"<li>{escape(line)}</li>" for line in lines if line)
    return f"<ul>{items}</ul>" if items else ""


class ProcedureImporter(BatchImporter):
    model = ProcedurePage

    def __init__(self, index_page, *args, **kwargs):
        super().__init__(index_page, *args, **kwargs)
        self.fields = NameIndex(LegalField.objects.all(), abbreviations=False)
        self.labels = {name: label_of(ProcedurePage, name) for name in COLUMNS}

    def reference(self, record):
        return nfc(record.get("code", ""))

    def import_record(self, number, record):
        if not isinstance(record, dict):
            raise Rejected(_("The record is not an object with named fields."))
        values = self.values(number, record)
        existing = ProcedurePage.objects.filter(code=values["code"]).first()
        page, before = self.base(existing)
        for name, value in values.items():
            if name not in ("legal_basis", "legal_basis_other"):
                setattr(page, name, value)
        if "legal_basis" in values:
            basis, other = values["legal_basis"]
            current = [] if basis is CLEAR else list(page.legal_basis.all())
            page.legal_basis = current + [d for d in basis or [] if d not in current]
            if other:  # not (yet) in the registry: kept as text rather than lost
                kept = values.get("legal_basis_other", page.legal_basis_other or "")
                lines = [line for line in kept.splitlines() if line.strip()]
                values["legal_basis_other"] = "\n".join(
                    lines + [number for number in other if number not in lines]
                )
        if "legal_basis_other" in values:
            page.legal_basis_other = values["legal_basis_other"]
        if existing is None:
            page.online_level = page.online_level or OnlineLevel.INFORMATION
            missing = [
                (self.labels[name], _("%(field)s is missing.") % {"field": self.labels[name]})
                for name in REQUIRED
                if not getattr(page, name)
            ]
            if page.field_id is None:
                missing.append(
                    (
                        self.labels["field"],
                        _("%(field)s is missing.") % {"field": self.labels["field"]},
                    )
                )
            if missing:
                raise Rejected(missing)
        return self.finish_record(
            page, existing, before, number, "thu-tuc-" + values["code"].replace(".", "-")
        )

    def snapshot(self, page):
        values = {name: getattr(page, name) for name in COLUMNS if name != "legal_basis"}
        values["field"] = page.field.name if page.field_id else ""
        values["legal_basis"] = sorted(d.number_symbol for d in page.legal_basis.all())
        return values

    def values(self, number, record):
        problems, values = [], {}
        labels = self.labels
        code = nfc(record.get("code"))
        try:
            PROCEDURE_CODE(code)
        except ValidationError:
            problems.append(
                (
                    labels["code"],
                    _("The code “%(value)s” is not a procedure code: write it as 1.000894.")
                    % {"value": code},
                )
            )
        else:
            values["code"] = code
            self.check_duplicate(code, number, labels["code"], problems)
        for name in TEXT + LIST_FIELDS:
            value = given(record, name)
            if value is ABSENT:
                continue
            if value is CLEAR:
                if name in REQUIRED:
                    problems.append(
                        (labels[name], _("%(field)s cannot be cleared.") % {"field": labels[name]})
                    )
                else:
                    values[name] = ""
                continue
            if name in LIST_FIELDS:
                values[name] = as_list(value)
                continue
            if self.fits(name, value, problems):
                values[name] = value
        field = given(record, "field")
        if field is CLEAR:
            problems.append(
                (labels["field"], _("%(field)s cannot be cleared.") % {"field": labels["field"]})
            )
        elif field is not ABSENT:
            found = self.fields.find(str(field))
            if found is None:
                problems.append(
                    (labels["field"], unknown_name(_("field"), nfc(field), self.fields))
                )
            else:
                values["field"] = found
        level = given(record, "online_level")
        if isinstance(level, str):
            values["online_level"] = LEVELS.get(fold(level))
            if values["online_level"] is None:
                problems.append(
                    (
                        labels["online_level"],
                        _(
                            "Unknown level of online service “%(value)s”: write full, partial or information."
                        )
                        % {"value": level},
                    )
                )
        url = given(record, "online_service_url")
        if url is CLEAR:
            values["online_service_url"] = ""
        elif url is not ABSENT:
            try:
                values["online_service_url"] = checked_url(url)
            except Rejected as rejected:
                problems.extend((labels["online_service_url"], m) for _l, m in rejected.problems)
        basis = given(record, "legal_basis")
        if basis is CLEAR:
            values["legal_basis"] = (CLEAR, [])
        elif basis is not ABSENT:
            try:
                values["legal_basis"] = self.legal_basis(basis)
            except Rejected as rejected:
                problems.extend((labels["legal_basis"], m) for _l, m in rejected.problems)
        if problems:
            raise Rejected(problems)
        return values

    @staticmethod
    def legal_basis(numbers):
        if isinstance(numbers, str):
            numbers = [part.strip() for part in numbers.split(";")]
        if not isinstance(numbers, list):
            raise Rejected(_("The legal basis is not a list of numbers/symbols."))
        found, other = [], []
        for number in (nfc(n) for n in numbers):
            if not number:
                continue
            document = (
                LegalDocumentPage.objects.filter(number_key=number_key(number))
                .order_by("-issue_date")
                .first()
            )
            if document is None:
                other.append(number)
            elif document not in found:
                found.append(document)
        return found, other
