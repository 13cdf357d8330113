"""Administrative procedures from an exchange file (legal_docs/schema/procedures.schema.json,
or a CSV with the same columns), as published by the National Database of Administrative
Procedures: one record per procedure, identified by its code. The same rules as the legal
documents' import: each bad record reported with its number and a Vietnamese reason, the
good ones kept, new and changed procedures waiting as drafts for the board's approval."""

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from legal_docs.importer import BatchImporter, Lookups, Rejected, checked_url, nfc
from legal_docs.models import LegalDocumentPage, LegalField, OnlineLevel, ProcedurePage
from legal_docs.models.procedures import PROCEDURE_CODE
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
    def __init__(self, index_page, *args, **kwargs):
        super().__init__(index_page, *args, **kwargs)
        self.fields = Lookups._index(LegalField.objects.all())

    def reference(self, record):
        return nfc(record.get("code", ""))

    def import_record(self, number, record):
        if not isinstance(record, dict):
            raise Rejected(_("The record is not an object with named fields."))
        values = self.values(record)
        existing = ProcedurePage.objects.filter(code=values["code"]).first()
        page = existing.get_latest_revision_as_object() if existing else ProcedurePage(live=False)
        before = self.snapshot(page) if existing else None
        for name, value in values.items():
            if name != "legal_basis":
                setattr(page, name, value)
        page.legal_basis = values["legal_basis"]
        if existing and self.snapshot(page) == before:
            return "unchanged"
        return self.save_draft(
            page, existing, number, "thu-tuc-" + values["code"].replace(".", "-")
        )

    @staticmethod
    def snapshot(page):
        values = {name: getattr(page, name) for name in COLUMNS if name != "legal_basis"}
        values["field"] = page.field_id
        values["legal_basis"] = sorted(d.pk for d in page.legal_basis.all())
        return values

    def values(self, record):
        code = nfc(record.get("code"))
        try:
            PROCEDURE_CODE(code)
        except ValidationError:
            raise Rejected(
                _("The code “%(value)s” is not a procedure code: write it as 1.000894.")
                % {"value": code}
            ) from None
        values = {name: nfc(record.get(name)) for name in TEXT}
        for name in LIST_FIELDS:
            values[name] = as_list(record.get(name))
        for name in REQUIRED:
            if not values[name]:
                label = ProcedurePage._meta.get_field(name).verbose_name
                raise Rejected(_("%(field)s is missing.") % {"field": label})
        for name in TEXT:
            limit = ProcedurePage._meta.get_field(name).max_length
            if limit and len(values[name]) > limit:
                raise Rejected(
                    _("%(field)s is longer than %(limit)d characters: shorten it.")
                    % {
                        "field": capfirst(ProcedurePage._meta.get_field(name).verbose_name),
                        "limit": limit,
                    }
                )
        field = Lookups.find(self.fields, record.get("field"))
        if field is None:
            raise Rejected(
                _("Unknown field “%(value)s”: add it to the list in the admin first.")
                % {"value": nfc(record.get("field"))}
            )
        level = LEVELS.get(fold(nfc(record.get("online_level")) or "information"))
        if level is None:
            raise Rejected(
                _(
                    "Unknown level of online service “%(value)s”: write full, partial or information."
                )
                % {"value": nfc(record.get("online_level"))}
            )
        basis, other = self.legal_basis(record.get("legal_basis") or [])
        if other:  # not (yet) in the registry: kept as text rather than lost
            values["legal_basis_other"] = "\n".join([*other, values["legal_basis_other"]]).strip()
        values.update(
            code=code,
            field=field,
            online_level=level,
            online_service_url=checked_url(record.get("online_service_url")),
            legal_basis=basis,
        )
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
