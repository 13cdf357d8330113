"""The registry's counts for filters nobody asked before (issue #27, item 2): added up in the
process from one table of the registry's documents by type, authority, signer, year,
validity and field, kept until content changes, instead of one grouped query per filter.
They must be the counts SQL gives, for every combination, and follow a publication."""

import re
from datetime import date, timedelta
from itertools import product

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from legal_docs.listing import CountsTable, FilterForm, counts_table, facets, listed_documents
from legal_docs.models import LegalDocumentIndexPage
from legal_docs.models.validity import today
from tests import builders as build

UBND = "Ủy ban nhân dân tỉnh Quảng Trị"
STP = "Sở Tư pháp tỉnh Quảng Trị"


@pytest.fixture(scope="module")
def registry(django_db_setup, django_db_blocker):
    """Documents differing in every column the table counts by, rolled back at the end."""
    from django.db import transaction

    soon = today() + timedelta(days=30)
    with django_db_blocker.unblock(), transaction.atomic():
        for number, type_name, authority, issued, signer, fields, extra in [
            ("1/2023/QĐ-UBND", "Quyết định", UBND, date(2023, 1, 5), "An", ["Hộ tịch"], {}),
            ("2/2024/QĐ-UBND", "Quyết định", UBND, date(2024, 2, 5), "An", [], {}),
            ("3/2024/CT-UBND", "Chỉ thị", UBND, date(2024, 3, 5), "Bình", ["Hộ tịch"], {}),
            ("4/2024/QĐ-STP", "Quyết định", STP, date(2024, 4, 5), "", ["Chứng thực"], {}),
            (
                "5/2024/KH-STP",
                "Kế hoạch",
                STP,
                date(2024, 5, 5),
                "Bình",
                ["Hộ tịch", "Chứng thực"],
                {},
            ),
            (
                "6/2025/QĐ-STP",
                "Quyết định",
                STP,
                date(2025, 1, 5),
                "An",
                ["Chứng thực"],
                {"effective": soon},
            ),
            (
                "7/2020/QĐ-UBND",
                "Quyết định",
                UBND,
                date(2020, 1, 5),
                "",
                [],
                {"expiry_date": date(2021, 1, 1)},
            ),
        ]:
            build.legal_document(
                number,
                type_name,
                authority,
                issued,
                extra.pop("effective", issued),
                signer=signer,
                fields=fields,
                **extra,
            )
        yield LegalDocumentIndexPage.objects.get()
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_every_combination_counts_as_in_sql(registry):
    base = listed_documents(registry)
    table = CountsTable(*counts_table(base))
    sql = facets(base, {})
    values = {
        "loai": [None] + [value for value, _label, _n in sql["doc_type"]],
        "co_quan": [None] + [value for value, _label, _n in sql["authority"]],
        "nguoi_ky": [None, "Bình"],
        "nam": [None, 2024, 2019],
        "linh_vuc": [None] + [value for value, _label, _n in sql["field"]],
        "hieu_luc": [None, "expired", "not_yet_in_force"],
    }
    combinations = 0
    for chosen in product(*values.values()):
        form = FilterForm({n: v for n, v in zip(values, chosen, strict=True) if v is not None})
        assert form.is_valid()
        data = form.filters()
        assert table.facets(data) == facets(base, data), data
        combinations += 1
    assert combinations == 4 * 3 * 2 * 3 * 3 * 3


@pytest.mark.django_db
def test_a_combination_never_asked_costs_no_count_query_and_follows_a_publish(registry, client):
    url = "/van-ban/?loai=%d&co_quan=%d&nam=2024" % first_ids()
    client.get("/van-ban/?nam=2024")  # a running site: the table is built
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    # The registry's page and its documents; the counts come from the table.
    assert len(captured) == 2, [q["sql"][:80] for q in captured]
    before = shown(response)
    assert before == matching()
    build.legal_document("8/2024/QĐ-UBND", "Quyết định", UBND, date(2024, 6, 5), date(2024, 6, 5))
    assert shown(client.get(url)) == before + 1 == matching()


def shown(response):
    return int(re.search(r'class="result-count">(\d+)', response.content.decode()).group(1))


def matching():
    documents = listed_documents(LegalDocumentIndexPage.objects.get())
    type_id, authority_id = first_ids()
    documents = documents.filter(document_type_id=type_id, issuing_authority_id=authority_id)
    return documents.filter(issue_date__year=2024).count()


def first_ids():
    from legal_docs.models import DocumentType, IssuingAuthority

    return (
        DocumentType.objects.get(name="Quyết định").pk,
        IssuingAuthority.objects.get(name=UBND).pk,
    )
