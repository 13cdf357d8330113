"""Browsing the registry (issue #25, item 4): the signer filter and its counts on PostgreSQL
and on the engine, a document's "same field" and "same authority" lists, its views and
downloads from the visitor counter, the most viewed and downloaded lists."""

from datetime import date, timedelta
from urllib.parse import quote, urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from legal_docs import statistics
from legal_docs.importer import Importer, review_batch, system_account
from legal_docs.models import LegalDocumentFile, LegalDocumentPage, LegalField
from portal.core import roles
from portal.core.models import DailyDownloads, DailyVisits
from tests import builders as build
from tests.helpers import html
from tests.legal_docs.test_registry_search import context_on
from tests.search_engine import refresh_engine

# A word no other test indexes, so the engine's counts are those of this module's documents.
WORD = "Khẩnduyệtbốn"
CHAIR = "Nguyễn Văn Ánh"


def documents():
    def one(number, issued, signer="", position="", fields=("Hộ tịch",), **extra):
        return build.legal_document(
            number,
            issued=issued,
            effective=issued,
            fields=list(fields),
            signer=signer,
            signer_position=position,
            summary=f"{WORD} về việc {number}",
            **extra,
        )

    return [
        # The same person as deputy, then as chair: the option reads with the newer title.
        one("1/2024/QĐ-UBND", date(2024, 1, 5), CHAIR, "Phó Chủ tịch"),
        one("2/2024/QĐ-UBND", date(2024, 2, 5), CHAIR, "Chủ tịch"),
        one("3/2024/QĐ-UBND", date(2024, 3, 5), "Trần Thị Bình", "Giám đốc", ("Chứng thực",)),
        one("4/2024/QĐ-UBND", date(2024, 4, 5)),
        one("5/2024/QĐ-STP", date(2024, 5, 5), authority_name="Sở Tư pháp tỉnh Quảng Trị"),
    ]


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The module's documents in the database and both backends, rolled back and taken out
    of the engine at the end."""
    from django.db import transaction

    engine, database = get_search_backend("default"), get_search_backend("database")
    with django_db_blocker.unblock():
        with transaction.atomic():
            pages = documents()
            for page in pages:
                database.add(page)
            refresh_engine(*pages)
            yield {page.number_symbol: page for page in pages}
            transaction.set_rollback(True)
        for page in pages:
            engine.delete(page)
        refresh_engine()


EXPECTED = [
    (CHAIR, f"Chủ tịch — {CHAIR}", 2),
    ("Trần Thị Bình", "Giám đốc — Trần Thị Bình", 1),
]


@pytest.mark.django_db
def test_the_signer_filter_counts_on_postgresql(corpus, client):
    context = context_on("database", build.registry())
    assert [o for o in context["facets"]["signer"] if o[0] in (CHAIR, "Trần Thị Bình")] == EXPECTED
    page = html(client, "/van-ban/?" + urlencode({"nguoi_ky": CHAIR, "nam": 2024}))
    assert "2 văn bản<" in page and "1/2024/QĐ-UBND" in page and "3/2024/QĐ-UBND" not in page
    assert f'<option value="{CHAIR}" selected>Chủ tịch — {CHAIR} (2)</option>' in page
    # The other facets count under the signer chosen.
    context = context_on("database", build.registry(), nguoi_ky="Trần Thị Bình")
    assert [n for _v, name, n in context["facets"]["field"] if name == "Chứng thực"] == [1]


@pytest.mark.search
@pytest.mark.django_db
def test_the_signer_filter_counts_on_the_engine_as_in_sql(corpus):
    registry = build.registry()
    for backend in ("default", "database"):
        context = context_on(backend, registry, q=WORD)
        assert context["facets"]["signer"] == EXPECTED, backend
        chosen = context_on(backend, registry, q=WORD, nguoi_ky="Trần Thị Bình")
        assert [d.number_symbol for d in chosen["documents"]] == ["3/2024/QĐ-UBND"], backend
        assert chosen["choices"]["signer"][1][3] is True  # chosen in the form


@pytest.mark.django_db
def test_an_import_without_the_signer_keeps_it(corpus, make_user):
    document = corpus["2/2024/QĐ-UBND"]
    record = {
        "number_symbol": document.number_symbol,
        "document_type": "Quyết định",
        "issuing_authority": "Ủy ban nhân dân tỉnh Quảng Trị",
        "issue_date": "2024-02-05",
        "summary": f"{WORD} về việc sửa tên",
    }
    importer = Importer(build.registry(), "vbpl.json", imported_by=system_account())
    assert importer.run([record]).updated == 1
    review_batch(importer.batch, make_user(roles.BOARD), approve=True)
    document = LegalDocumentPage.objects.get(pk=document.pk)
    assert document.summary.endswith("sửa tên")
    assert (document.signer, document.signer_position) == (CHAIR, "Chủ tịch")


@pytest.mark.django_db
def test_a_download_is_counted_with_nothing_about_who(corpus, client):
    document = corpus["1/2024/QĐ-UBND"]
    file = build.document("Quyết định 1", "qd-1.pdf")
    LegalDocumentFile.objects.create(page=document, document=file, extracted_text="x")
    for _ in range(2):
        response = client.get(file.url, HTTP_USER_AGENT="Mozilla/5.0 (Android 14)")
        assert response.status_code == 200
    client.get(file.url, HTTP_USER_AGENT="Googlebot/2.1")
    # The page's quick view reads the file too: a reading of the page, not a download.
    client.get(file.url, HTTP_USER_AGENT="Mozilla/5.0 (Android 14)", HTTP_X_QUICK_VIEW="1")
    row = DailyDownloads.objects.get(document=file)
    assert (row.count, row.date) == (2, timezone.localdate())
    columns = {field.name for field in DailyDownloads._meta.get_fields()}
    assert columns == {"id", "date", "document", "count"}  # no address, agent or cookie
    page = html(client, document.url)
    assert "Lượt tải: 2" in page


@pytest.mark.django_db
def test_a_document_lists_the_newest_of_its_field_and_authority(corpus, client):
    page = html(client, corpus["2/2024/QĐ-UBND"].url)
    same_field = page.split('id="same-field-heading"')[1].split("</aside>")[0]
    # Newest first, itself left out, the other field's document too.
    assert same_field.index("4/2024/QĐ-UBND") < same_field.index("1/2024/QĐ-UBND")
    assert "2/2024/QĐ-UBND" not in same_field and "3/2024/QĐ-UBND" not in same_field
    field = corpus["1/2024/QĐ-UBND"].fields.get()
    assert f'href="/van-ban/?linh_vuc={field.pk}"' in same_field
    same_authority = page.split('id="same-authority-heading"')[1].split("</aside>")[0]
    assert "3/2024/QĐ-UBND" in same_authority and "5/2024/QĐ-STP" not in same_authority
    assert f'Chủ tịch — <a href="/van-ban/?nguoi_ky={quote(CHAIR)}">{CHAIR}</a>' in page


@pytest.mark.django_db
def test_each_document_is_left_out_of_its_own_lists_however_they_are_shared(corpus, client):
    # The lists' HTML is rendered once and shared by the documents of a field or authority
    # (issue #27), except by those among the newest, which must not list themselves.
    for number, page in [*corpus.items(), *reversed(corpus.items())]:
        page_html = html(client, page.url)
        lists = "".join(
            part.split("</aside>")[0]
            for heading in ('id="same-field-heading"', 'id="same-authority-heading"')
            for part in page_html.split(heading)[1:]
        )
        assert f">{number}<" not in lists, number


@pytest.mark.django_db
def test_a_document_nobody_opened_costs_no_query_for_its_lists(corpus, client, settings):
    # The newest of each field and authority are shared by their documents (issue #27), so
    # the first visit of another document of the same ones costs what a repeated visit does.
    settings.PAGE_CACHE_SECONDS = 0
    opened, fresh = corpus["1/2024/QĐ-UBND"].url, corpus["4/2024/QĐ-UBND"].url
    client.get(opened)
    with CaptureQueriesContext(connection) as again:
        client.get(opened)
    with CaptureQueriesContext(connection) as first:
        assert "1/2024/QĐ-UBND" in html(client, fresh).split('id="same-field-heading"')[1]
    assert len(first) == len(again)


@pytest.mark.django_db
def test_a_document_shows_its_type_authority_and_fields_as_they_are_now(corpus, client):
    # The page takes them from memory kept per content generation (taxonomies.by_pk, issue
    # #27): renaming one must show on the next view, and the fields keep the registry's order.
    page = corpus["1/2024/QĐ-UBND"]
    first, second = LegalField.objects.create(name="Lĩnh vực thử", sort_order=1), page.fields.get()
    LegalDocumentPage.fields.through.objects.create(legaldocumentpage=page, legalfield=first)
    html(client, page.url)
    page.document_type.name = "Quyết định cá biệt"
    page.document_type.save()
    page.issuing_authority.name = "Ủy ban nhân dân tỉnh Quảng Trị (mới)"
    page.issuing_authority.save()
    second.sort_order, second.name = 0, "Chứng thực bản sao"
    second.save()
    shown = html(client, page.url)
    assert "Quyết định cá biệt · Ủy ban nhân dân tỉnh Quảng Trị (mới)" in shown
    assert "<td>Chứng thực bản sao, Lĩnh vực thử</td>" in shown


@pytest.mark.django_db
def test_most_viewed_and_downloaded_in_the_registry_and_the_report(corpus, client):
    today = timezone.localdate()
    views = {"3/2024/QĐ-UBND": 40, "1/2024/QĐ-UBND": 7}
    for number, n in views.items():
        DailyVisits.objects.create(date=today, page=corpus[number], count=n)
    DailyVisits.objects.create(
        date=today - timedelta(days=400), page=corpus["4/2024/QĐ-UBND"], count=99
    )
    file = build.document("Quyết định 5", "qd-5.pdf")
    LegalDocumentFile.objects.create(
        page=corpus["5/2024/QĐ-STP"], document=file, extracted_text="x"
    )
    DailyDownloads.objects.create(date=today, document=file, count=12)

    page = html(client, "/van-ban/")
    viewed = page.split('id="most-viewed-heading"')[1].split("</aside>")[0]
    # All time in the registry: the old views count.
    order = [viewed.index(n) for n in ("4/2024/QĐ-UBND", "3/2024/QĐ-UBND", "1/2024/QĐ-UBND")]
    assert order == sorted(order) and "99 lượt" in viewed
    downloaded = page.split('id="most-downloaded-heading"')[1].split("</aside>")[0]
    assert "5/2024/QĐ-STP" in downloaded and "12 lượt" in downloaded

    tables = {t.title: t for t in statistics.legal_documents(today - timedelta(days=30), today)}
    # The report's period only: not last year's views.
    assert [row[0] for row in tables["Văn bản được xem nhiều nhất"].rows] == [
        "3/2024/QĐ-UBND",
        "1/2024/QĐ-UBND",
    ]
    assert tables["Văn bản được tải nhiều nhất"].rows[0][::2] == ["5/2024/QĐ-STP", 12]
