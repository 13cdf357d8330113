"""The same citizen queries on the search engine and on PostgreSQL give the same first result:
with and without marks, NFD input, numbers written every way, summary words, autocomplete."""

import unicodedata

import pytest
from django.conf import settings
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from home.models import ArticlePage
from legal_docs.models import LegalDocumentPage
from search.engine import search_pages
from tests.builders import add_live_child
from tests.search_engine import refresh_engine

BYLINE = {"author": "Nguyễn Văn An", "source": "Văn phòng Sở"}

# Still reads the demo content (TEST_MAP.md): to be given builders of its own.
pytestmark = [pytest.mark.search, pytest.mark.usefixtures("demo_content")]
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


@pytest.fixture(autouse=True)
def engine_required():
    # CI sets SEARCH_URL (make test starts the engine): a missing engine fails, never skips.
    assert settings.SEARCH_URL, "SEARCH_URL is not set: run the suite through `make test`"


def titles(results, n=1):
    return [page.title for page in list(results[:n])]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("query,first", QUERIES)
def test_citizen_queries_find_the_document_first(portal, backend, query, first):
    queryset = Page.objects.live().public().specific()
    results = search_pages(query, queryset, get_search_backend(backend))
    assert titles(results) == [first]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("prefix,first", AUTOCOMPLETE)
def test_autocomplete_with_and_without_marks(portal, backend, prefix, first):
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
