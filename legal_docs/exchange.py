"""The exchange format with the national legal database: one JSON document (schema in
legal_docs/schema/legal-documents.schema.json) or a CSV file with the same columns.

A relation points at a registry document by (issuing authority, number/symbol, year), or at
an outside document by its number and title.

An import changes only what a record says (legal_docs/importer.py): a field that is absent,
`""` (as the export writes empty text) or an empty list keeps the registry's value; JSON
`null`, or CLEAR_MARKER in a CSV cell, clears it. Relations are added or updated; one is
removed only by an item with `"remove": true`. Version 2 says so; version 1 files are read
the same way. Version 3 adds vbpl.vn's relation types (details, repeals or suspends in part,
suspends, ends in part, refers to), each relation's `effective_date`, a suspension's
`end_date` (none: until decided) and the `provisions` concerned, written only when set, and
the document's `consolidated_url`; files of versions 1 and 2 read as before."""

import csv
import io
import json

from portal.core import profile

VERSION = 3
READABLE_VERSIONS = (1, 2, 3)
# In a CSV cell, where there is no null: clear the registry's value.
CLEAR_MARKER = "(xóa)"
COLUMNS = [
    "number_symbol",
    "document_type",
    "issuing_authority",
    "issue_date",
    "effective_date",
    "expiry_date",
    "title",
    "summary",
    "signer",
    "signer_position",
    "fields",
    "scope",
    "source",
    "gazette_number",
    "gazette_date",
    "national_database_url",
    "consolidated_url",
    "validity_override",
    "validity_override_date",
    "validity_override_reason",
    "relations",
]


def _date(value):
    return value.isoformat() if value else None


def to_record(page, relations):
    return {
        "number_symbol": page.number_symbol,
        "document_type": page.document_type.name,
        "issuing_authority": page.issuing_authority.name,
        "issue_date": _date(page.issue_date),
        "effective_date": _date(page.effective_date),
        "expiry_date": _date(page.expiry_date),
        "title": page.title,
        "summary": page.summary,
        "signer": page.signer,
        "signer_position": page.signer_position,
        "fields": sorted(field.name for field in page.fields.all()),
        "scope": page.scope,
        "source": page.source,
        "gazette_number": page.gazette_number,
        "gazette_date": _date(page.gazette_date),
        "national_database_url": page.national_database_url,
        "consolidated_url": page.consolidated_url,
        "validity_override": page.validity_override,
        "validity_override_date": _date(page.validity_override_date),
        "validity_override_reason": page.validity_override_reason,
        # Sorted, so the same registry always exports the same bytes.
        "relations": sorted(
            (relation_record(relation) for relation in relations),
            key=lambda item: json.dumps(item, ensure_ascii=False, sort_keys=True),
        ),
    }


def relation_record(relation):
    if relation.target_id:
        target = relation.target
        item = {
            "type": relation.relation_type,
            "number_symbol": target.number_symbol,
            "issuing_authority": target.issuing_authority.name,
            "year": target.issue_date.year,
        }
    else:
        item = {
            "type": relation.relation_type,
            "external_number": relation.external_number,
            "external_title": relation.external_title,
            "external_url": relation.external_url,
        }
    # Only when set, so a relation of the older versions' kind reads as it always did.
    if relation.effective_date:
        item["effective_date"] = _date(relation.effective_date)
    if relation.end_date:
        item["end_date"] = _date(relation.end_date)
    if relation.provisions:
        item["provisions"] = relation.provisions
    return item


def format_id():
    """The file's "format": the agency profile's, e.g. "<prefix>-legal-documents"."""
    return profile.current().exchange_format


def export_queryset(queryset):
    """Documents in issue order, so a relation's target comes before the documents citing it."""
    return (
        queryset.select_related("document_type", "issuing_authority")
        .prefetch_related("fields", "relations__target__issuing_authority")
        .order_by("issue_date", "pk")
    )


def stream_json(records):
    """The JSON document piece by piece, so a large registry never sits whole in memory."""
    yield f'{{"format": "{format_id()}", "version": {VERSION}, "documents": [\n'
    for index, record in enumerate(records):
        yield ("," if index else "") + json.dumps(record, ensure_ascii=False) + "\n"
    yield "]}\n"


def stream_csv(records):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for record in records:
        writer.writerow(csv_row(record))
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()


def csv_row(record):
    row = {key: ("" if record[key] is None else record[key]) for key in COLUMNS}
    row["fields"] = "; ".join(record["fields"])
    row["relations"] = (
        json.dumps(record["relations"], ensure_ascii=False) if record["relations"] else ""
    )
    return row


def records_of(queryset):
    for page in export_queryset(queryset).iterator(chunk_size=2000):
        yield to_record(page, page.relations.all())


class FormatError(ValueError):
    pass


def load(text, name, key="documents", lists=("fields",), json_columns=("relations",)):
    """Records of a JSON or CSV exchange file; a CSV row keeps its raw strings for the importer
    to validate one by one (`lists` are ";"-separated, `json_columns` hold JSON)."""
    if name.lower().endswith(".csv"):
        rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
        for row in rows:
            for column in lists:
                row[column] = [
                    part.strip() for part in (row.get(column) or "").split(";") if part.strip()
                ]
            for column in json_columns:
                raw = (row.get(column) or "").strip()
                try:
                    row[column] = json.loads(raw) if raw else []
                except json.JSONDecodeError:
                    row[column] = raw  # reported as a bad record, not a bad file
        return rows
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(f"JSON: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise FormatError(f'"{key}"')
    if data.get("version", VERSION) not in READABLE_VERSIONS:
        raise FormatError(f'"version": {data.get("version")!r}')
    return data[key]
