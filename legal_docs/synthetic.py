"""Realistic synthetic legal documents for benchmarks, inserted in bulk: creating 100,000
pages one by one through the page tree would take the better part of an hour."""

import random
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page

from legal_docs.models import DocumentType, IssuingAuthority, LegalDocumentPage, LegalField
from legal_docs.numbering import document_slug, number_key
from portal.core import profile
from portal.core.wagtail_adapter import tree_path

SUBJECTS = [
    "Quy định chi tiết thi hành một số điều của Luật {field}",
    "Ban hành Kế hoạch triển khai công tác {field} năm {year}",
    "Công bố danh mục thủ tục hành chính lĩnh vực {field}",
    "Về việc kiện toàn tổ chức và hoạt động trong lĩnh vực {field}",
    "Hướng dẫn thực hiện nhiệm vụ {field} trên địa bàn tỉnh",
    "Phê duyệt đề án nâng cao hiệu quả công tác {field} giai đoạn {year}-{next}",
]


def generate(index_page, count, seed=1, batch_size=2000):
    rng = random.Random(seed)
    types = list(DocumentType.objects.filter(is_normative=False)) + list(
        DocumentType.objects.filter(name__in=["Nghị quyết", "Thông tư"])
    )
    # The province's authorities and the agency's own: the profile's place is in their names.
    authorities = list(IssuingAuthority.objects.filter(name__contains=profile.current().place))
    fields = list(LegalField.objects.all())
    content_type = ContentType.objects.get_for_model(LegalDocumentPage)
    start = index_page.numchild
    created = 0
    while created < count:
        size = min(batch_size, count - created)
        with transaction.atomic():
            _insert_batch(
                index_page, start + created, size, rng, types, authorities, fields, content_type
            )
        created += size
    Page.objects.filter(pk=index_page.pk).update(numchild=start + count)
    index_page.numchild = start + count
    if connection.vendor == "postgresql":
        # Fresh statistics, or the planner sizes the new rows as empty tables.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return created


def _insert_batch(index_page, offset, size, rng, types, authorities, fields, content_type):
    scope = f"Tỉnh {profile.current().place}"
    now = timezone.now()
    pages, documents, chosen_fields = [], [], []
    for n in range(offset, offset + size):
        document_type, authority, field = (
            rng.choice(types),
            rng.choice(authorities),
            rng.choice(fields),
        )
        issued = date(2000, 1, 1) + timedelta(days=rng.randrange(9800))
        number = f"{n + 1}/{document_type.abbreviation}-{authority.abbreviation}"
        slug = document_slug(number, issued.year)
        effective = issued + timedelta(days=rng.choice([0, 0, 10, 15, 30, 45]))
        summary = rng.choice(SUBJECTS).format(
            field=field.name.lower(), year=issued.year, next=issued.year + 5
        )
        pages.append(
            Page(
                title=f"{document_type.name} {number}",
                draft_title=f"{document_type.name} {number}",
                slug=slug,
                content_type=content_type,
                locale_id=index_page.locale_id,
                path=tree_path(index_page.path, index_page.depth + 1, n + 1),
                depth=index_page.depth + 1,
                numchild=0,
                url_path=f"{index_page.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
            )
        )
        documents.append(
            LegalDocumentPage(
                document_type=document_type,
                issuing_authority=authority,
                number_symbol=number,
                number_key=number_key(number),
                issue_date=issued,
                effective_date=effective,
                expiry_date=issued + timedelta(days=3650) if rng.random() < 0.2 else None,
                summary=summary,
                scope=scope,
                source="department",
            )
        )
        chosen_fields.append(field)
    Page.objects.bulk_create(pages)
    # Django cannot bulk-create a multi-table child, so its rows are inserted directly.
    columns = [f for f in LegalDocumentPage._meta.local_concrete_fields]
    rows = []
    for page, document in zip(pages, documents, strict=True):
        document.page_ptr_id = page.pk
        rows.append([f.get_db_prep_save(getattr(document, f.attname), connection) for f in columns])
    table = LegalDocumentPage._meta.db_table
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        connection.ops.quote_name(table),
        ", ".join(connection.ops.quote_name(f.column) for f in columns),
        ", ".join(["%s"] * len(columns)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    through = LegalDocumentPage.fields.through
    through.objects.bulk_create(
        [
            through(legaldocumentpage_id=page.pk, legalfield_id=field.pk)
            for page, field in zip(pages, chosen_fields, strict=True)
        ]
    )
