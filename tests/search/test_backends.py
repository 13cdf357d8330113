"""The same citizen queries on the search engine and on PostgreSQL give the same first result:
with and without marks, NFD input, numbers written every way, summary words, autocomplete."""

import unicodedata
from datetime import date

import pytest
from django.conf import settings
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from home.models import ArticlePage
from legal_docs.models import LegalDocumentPage
from search.engine import search_pages
from tests.builders import add_live_child, article, legal_document, procedure_page
from tests.search_engine import refresh_engine

BYLINE = {"author": "Nguyễn Văn An", "source": "Văn phòng Sở"}

pytestmark = pytest.mark.search
BACKENDS = ["default", "database"]
QUERIES = [
    ("Luật Hộ tịch", "Luật Hộ tịch"),
    ("luat ho tich", "Luật Hộ tịch"),
    ("LUAT HO TICH", "Luật Hộ tịch"),
    (unicodedata.normalize("NFD", "Luật Hộ tịch"), "Luật Hộ tịch"),
    ("2975/QĐ-UBND", "Quyết định 2975/QĐ-UBND"),
    ("2975/qd-ubnd", "Quyết định 2975/QĐ-UBND"),
    ("2975 QD UBND", "Quyết định 2975/QĐ-UBND"),
    ("QĐ 2975", "Quyết định 2975/QĐ-UBND"),
    ("quyết định 2975", "Quyết định 2975/QĐ-UBND"),
    ("60/2014/QH13", "Luật Hộ tịch"),
    ("luật số 60/2014/QH13", "Luật Hộ tịch"),
    ("Luật số 60/2014/QH13 ngày 20/11/2014", "Luật Hộ tịch"),
    ("tro giup phap ly 2017", "Luật Trợ giúp pháp lý 2017"),
    ("cấp bản sao từ sổ gốc", "Nghị định 23/2015/NĐ-CP"),
    ("cap ban sao tu so goc", "Nghị định 23/2015/NĐ-CP"),
    ("bổ nhiệm công chứng viên", "Bổ nhiệm công chứng viên"),  # a procedure
    ("bo nhiem cong chung vien", "Bổ nhiệm công chứng viên"),
    ("bảo vệ dữ liệu cá nhân", "Nghị định 13/2023/NĐ-CP"),
    ("bao ve du lieu ca nhan", "Nghị định 13/2023/NĐ-CP"),
    ("nghi dinh 123/2015", "Nghị định 123/2015/NĐ-CP"),
]
AUTOCOMPLETE = [
    ("luật hộ t", "Luật Hộ tịch"),
    ("luat ho t", "Luật Hộ tịch"),
    ("Luật Lý lị", "Luật Lý lịch tư pháp"),
    ("luat ly li", "Luật Lý lịch tư pháp"),
]


def statute(number, title, issued, summary=None, **fields):
    return legal_document(
        number, "Luật", "Quốc hội", issued, issued, title=title, summary=summary or title, **fields
    )


def decree(number, summary, issued):
    return legal_document(number, "Nghị định", "Chính phủ", issued, issued, summary=summary)


def build_corpus():
    """The documents, procedure and article these queries must tell apart: each expected
    first result among neighbours sharing its words."""
    old_aid = statute("69/2006/QH11", "Luật Trợ giúp pháp lý 2006", date(2006, 6, 29))
    return [
        statute("60/2014/QH13", "Luật Hộ tịch", date(2014, 11, 20)),
        statute("11/2017/QH14", "Luật Trợ giúp pháp lý 2017", date(2017, 6, 20)),
        old_aid,
        statute("28/2009/QH12", "Luật Lý lịch tư pháp", date(2009, 6, 17)),
        statute("46/2024/QH15", "Luật Công chứng", date(2024, 11, 26)),
        decree(
            "123/2015/NĐ-CP",
            "Quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch",
            date(2015, 11, 15),
        ),
        decree(
            "87/2020/NĐ-CP",
            "Quy định về Cơ sở dữ liệu hộ tịch điện tử, đăng ký hộ tịch trực tuyến",
            date(2020, 7, 28),
        ),
        decree(
            "23/2015/NĐ-CP",
            "Về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký",
            date(2015, 2, 16),
        ),
        decree("13/2023/NĐ-CP", "Bảo vệ dữ liệu cá nhân", date(2023, 4, 17)),
        legal_document(
            "04/2020/TT-BTP",
            "Thông tư",
            "Bộ Tư pháp",
            date(2020, 5, 28),
            date(2020, 7, 16),
            summary="Hướng dẫn thi hành Luật Hộ tịch và Nghị định 123/2015/NĐ-CP",
        ),
        legal_document(
            "2975/QĐ-UBND",
            issued=date(2024, 12, 6),
            effective=date(2024, 12, 6),
            summary="Ban hành Quy chế quản lý Cổng Thông tin điện tử tỉnh Quảng Trị",
        ),
        legal_document(
            "97/QĐ-STP",
            "Quyết định",
            "Sở Tư pháp tỉnh Quảng Trị",
            date(2024, 12, 9),
            date(2024, 12, 9),
            summary="Kiện toàn Ban Biên tập, căn cứ Quyết định 2975/QĐ-UBND",
        ),
        procedure_page("1.001877", "Bổ nhiệm công chứng viên", "Công chứng"),
        article("Tập huấn Luật Hộ tịch cho công chức tư pháp - hộ tịch cấp xã"),
    ]


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    """The corpus for the whole module, in the database and both backends; rolled back and
    taken out of the engine when the module ends."""
    from django.db import transaction

    engine, database = get_search_backend("default"), get_search_backend("database")
    with django_db_blocker.unblock():
        with transaction.atomic():
            pages = build_corpus()
            for page in pages:
                database.add(page)
            refresh_engine(*pages)
            yield pages
            transaction.set_rollback(True)
        for page in pages:
            engine.delete(page)
        refresh_engine()


@pytest.fixture(autouse=True)
def engine_required():
    # CI sets SEARCH_URL (make test starts the engine): a missing engine fails, never skips.
    assert settings.SEARCH_URL, "SEARCH_URL is not set: run the suite through `make test`"


def titles(results, n=1):
    return [page.title for page in list(results[:n])]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("query,first", QUERIES)
def test_citizen_queries_find_the_document_first(corpus, portal, backend, query, first):
    queryset = Page.objects.live().public().specific()
    results = search_pages(query, queryset, get_search_backend(backend))
    assert titles(results) == [first]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("prefix,first", AUTOCOMPLETE)
def test_autocomplete_with_and_without_marks(corpus, portal, backend, prefix, first):
    results = get_search_backend(backend).autocomplete(prefix, LegalDocumentPage.objects.live())
    assert titles(results) == [first]


@pytest.mark.parametrize("backend", BACKENDS)
def test_exact_marks_rank_first(news, backend):
    pages = [
        add_live_child(news, ArticlePage(title=title, slug=slug, lead=title, **BYLINE))
        for title, slug in [
            ("Co so du lieu ho tich", "khong-dau"),
            ("Cơ sở dữ liệu hộ tịch", "co-dau"),
        ]
    ]
    refresh_engine(*pages)
    queryset = Page.objects.live().public().specific()
    engine = get_search_backend(backend)
    found = titles(search_pages("cơ sở dữ liệu hộ tịch", queryset, engine), 10)
    assert found.index("Cơ sở dữ liệu hộ tịch") < found.index("Co so du lieu ho tich")
    found = titles(search_pages("co so du lieu ho tich", queryset, engine), 10)
    assert {"Cơ sở dữ liệu hộ tịch", "Co so du lieu ho tich"} <= set(found)


def analyzed(engine, model, analyzer, text):
    """{position: {tokens}} as the engine's index for `model` analyses `text`."""
    index = engine.get_index_for_model(model).name
    body = {"analyzer": analyzer, "text": text}
    tokens = engine.es.indices.analyze(index=index, body=body)["tokens"]
    positions = {}
    for token in tokens:
        positions.setdefault(token["position"], set()).add(token["token"])
    return positions


def test_the_engine_folds_vietnamese_as_it_indexes_and_searches(news):
    # Whichever engine SEARCH_URL is: its index carries the project's analysis (asciifolding
    # with the original kept, edge n-grams), so each word is there with and without marks.
    engine = get_search_backend("default")
    title = "Thủ tục nhận nuôi con nuôi ở huyện Đakrông"
    page = add_live_child(
        news, ArticlePage(title=title, slug="nuoi-con-nuoi", lead=title, **BYLINE)
    )
    refresh_engine(page)

    words = analyzed(engine, ArticlePage, "vi_text", "Quyết định Đakrông")
    assert list(words.values()) == [{"quyết", "quyet"}, {"định", "dinh"}, {"đakrông", "dakrong"}]
    prefixes = set().union(*analyzed(engine, ArticlePage, "edgengram_analyzer", "Hộ").values())
    assert prefixes == {"h", "hộ", "ho"}

    queryset = Page.objects.live().public().specific()
    for query in [
        "nhận nuôi con nuôi Đakrông",
        "nhan nuoi con nuoi dakrong",
        "NHAN NUOI CON NUOI DAKRONG",
        unicodedata.normalize("NFD", "nhận nuôi con nuôi Đakrông"),
    ]:
        assert titles(search_pages(query, queryset, engine)) == [title], query
    for prefix in ["nuôi con nuôi Đakr", "nuoi con nuoi dakr"]:
        assert titles(engine.autocomplete(prefix, ArticlePage.objects.live())) == [title], prefix


def test_the_engine_tells_whether_an_index_exists():
    # The search worker asks before each update, to recreate an index the engine lost.
    engine = get_search_backend("default")
    assert engine.get_index_for_model(ArticlePage).exists()
    assert not engine.index_class(engine, f"{engine.index_prefix}never_made").exists()


def test_the_indexes_hold_as_many_copies_as_search_replicas_says(db):
    # The indexes the session built (tests/conftest.py). One node by default: no replica (one
    # it could never place would keep the index yellow); a cluster sets SEARCH_REPLICAS=1
    # (scripts/bench/cluster.py, docs/deployment.md).
    engine = get_search_backend("default")
    for model in (Page, Image, Document):
        index = engine.get_index_for_model(model).name
        [found] = engine.es.indices.get_settings(index=index).values()
        assert found["settings"]["index"]["number_of_replicas"] == str(settings.SEARCH_REPLICAS)
