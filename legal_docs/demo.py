"""The demo registry: the documents the agency profile's demo data lists (the first
agency's: forty-three, with their true numbers and dates) or three samples, and the relations
among them. Validity is computed from these relations on the day the page is
shown; a document replaced by one not listed here needs its relation or an override."""

from datetime import date, datetime, timedelta
from pathlib import Path

from django.utils import timezone

from home.setup import publish
from legal_docs import exchange
from legal_docs.importer import review_batch, system_account
from legal_docs.models import (
    DocumentType,
    IssuingAuthority,
    LegalDocumentPage,
    LegalDocumentRelation,
    LegalField,
    ProcedurePage,
    Source,
)
from legal_docs.numbering import document_slug
from legal_docs.procedure_import import LOAD_OPTIONS, ProcedureImporter
from portal.core import profile
from portal.core.models import DailyDownloads, DailyVisits

# Documents every agency's site works with, for a profile whose demo data
# (profiles/<name>.demo.json, "documents" and "relations") names none of its own.
# (type, authority, number, issued, effective, title, summary, fields, scope)
SAMPLE_DOCUMENTS = [
    ("Luật", "Quốc hội", "104/2016/QH13", date(2016, 4, 6), date(2018, 7, 1), "Luật Tiếp cận thông tin", "Luật Tiếp cận thông tin", [], "Toàn quốc"),
    ("Nghị định", "Chính phủ", "13/2018/NĐ-CP", date(2018, 1, 23), date(2018, 7, 1), "Nghị định 13/2018/NĐ-CP", "Quy định chi tiết và biện pháp thi hành Luật Tiếp cận thông tin", [], "Toàn quốc"),
    ("Nghị định", "Chính phủ", "42/2022/NĐ-CP", date(2022, 6, 24), date(2022, 8, 1), "Nghị định 42/2022/NĐ-CP", "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng", [], "Toàn quốc"),
]  # fmt: skip
# (source number, relation type, target number, or [external number, external title])
SAMPLE_RELATIONS = [
    ("13/2018/NĐ-CP", "details", "104/2016/QH13"),
    ("13/2018/NĐ-CP", "legal_basis", "104/2016/QH13"),
]


def documents():
    """The demo's documents: the agency profile's own (dates written dd/mm/yyyy), or the
    samples."""
    rows = profile.current().demo.get("documents")
    if rows is None:
        return SAMPLE_DOCUMENTS
    day = lambda text: datetime.strptime(text, "%d/%m/%Y").date()  # noqa: E731
    return [
        (kind, authority, number, day(issued), day(effective), *rest)
        for kind, authority, number, issued, effective, *rest in rows
    ]


def relations():
    return profile.current().demo.get("relations", SAMPLE_RELATIONS)


# Who signed the laws: the Chairman of the National Assembly in office on the day it adopted
# them certifies its laws by signature (Constitution 2013, Art. 85), from the day of election.
# The other documents are signed by whoever the Government, the ministry or the province
# delegated, which this list does not claim to know: they stay blank.
NATIONAL_ASSEMBLY = "Quốc hội"
NA_CHAIRS = [
    (date(2001, 6, 27), "Nguyễn Văn An"),
    (date(2006, 6, 26), "Nguyễn Phú Trọng"),
    (date(2011, 7, 23), "Nguyễn Sinh Hùng"),
    (date(2016, 3, 31), "Nguyễn Thị Kim Ngân"),
    (date(2021, 3, 31), "Vương Đình Huệ"),
    (date(2024, 5, 20), "Trần Thanh Mẫn"),
]
NA_CHAIR_TITLE = "Chủ tịch Quốc hội"


def signer_of(authority, issued):
    """(signer, title) of a demo document, or blanks where the list does not know them."""
    if authority != NATIONAL_ASSEMBLY:
        return "", ""
    name = [name for since, name in NA_CHAIRS if since <= issued][-1]
    return name, NA_CHAIR_TITLE


# Sample figures for the registry's "most viewed" and "most downloaded" lists: (views,
# downloads) a day over the last week, for the demo's first documents in turn. Invented
# counts, not any site's.
USAGE = [(14, 5), (11, 6), (9, 4), (6, 3), (5, 1), (3, 2)]


def load_usage_counts(pages):
    """`pages`: the demo's documents just created, in the order of the demo's list."""
    today = timezone.localdate()
    for page, (views, downloads) in zip(pages, USAGE, strict=False):
        files = list(page.files.values_list("document_id", flat=True))
        for age in range(7):
            day = today - timedelta(days=age)
            DailyVisits.objects.get_or_create(date=day, page=page, defaults={"count": views})
            for document_id in files[:1]:
                DailyDownloads.objects.get_or_create(
                    date=day, document_id=document_id, defaults={"count": downloads}
                )


def load_legal_documents(index_page, attach=None):
    """Creates the documents missing from the registry, then their relations. Returns how
    many documents it created. `attach(page, field_names)`, if given, adds a file and a full
    text to each new document before it is published (the demo's samples)."""
    types = {t.name: t for t in DocumentType.objects.all()}
    authorities = {a.name: a for a in IssuingAuthority.objects.all()}
    fields = {f.name: f for f in LegalField.objects.all()}
    pages, created = {}, set()
    for (
        type_name,
        authority,
        number,
        issued,
        effective,
        title,
        summary,
        field_names,
        scope,
    ) in documents():
        slug = document_slug(number, issued.year)
        page = index_page.get_children().filter(slug=slug).first()
        if page is None:
            normative = types[type_name].is_normative
            signer, signer_position = signer_of(authority, issued)
            page = LegalDocumentPage(
                title=title,
                slug=slug,
                number_symbol=number,
                summary=summary,
                document_type=types[type_name],
                issuing_authority=authorities[authority],
                issue_date=issued,
                effective_date=effective,
                scope=scope,
                signer=signer,
                signer_position=signer_position,
                source=Source.NATIONAL_DATABASE if normative else Source.DEPARTMENT,
            )
            page.fields = [fields[name] for name in field_names]
            if attach:
                attach(page, field_names)
            index_page.add_child(instance=page)
            publish(page)
            created.add(number)
        pages[number] = page.specific
    # Relations are part of the page's revision, so they are added and published with it.
    relation_rows = relations()
    for number in created:
        page = pages[number]
        for source, relation_type, target in relation_rows:
            if source != number:
                continue
            if not isinstance(target, str):
                relation = {"external_number": target[0], "external_title": target[1]}
            else:
                relation = {"target": pages[target]}
            page.relations.add(LegalDocumentRelation(relation_type=relation_type, **relation))
        if any(source == number for source, *_ in relation_rows):
            publish(page)
    load_usage_counts([pages[number] for number in pages if number in created])
    return len(created)


# The exchange format's worked example, which the demo imports for a profile whose demo data
# names no procedures file of its own.
PROCEDURES_EXAMPLE = Path(__file__).parent / "schema" / "procedures.example.json"


def procedures_file():
    demo = profile.current().demo
    if "procedures" not in demo:
        return PROCEDURES_EXAMPLE
    return Path(demo["folder"]) / demo["procedures"]


def load_procedures(index_page):
    """The procedures file through the real importer, approved as a batch: codes, fees and
    times are samples for the board to check against the national database."""
    if ProcedurePage.objects.exists():
        return 0
    path = procedures_file()
    text = path.read_text(encoding="utf-8")
    records = exchange.load(text, path.name, **LOAD_OPTIONS)
    importer = ProcedureImporter(index_page, path.name, imported_by=system_account())
    report = importer.run(records)
    review_batch(importer.batch, None, approve=True, comment="Dữ liệu mẫu")
    return report.created
