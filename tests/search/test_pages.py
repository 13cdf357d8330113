"""The public search pages as citizens use them: /tim-kiem/ with its section facet, order,
highlighted passages and pagination; the suggestions endpoint; and whatever they type."""

import re

import pytest
from django.utils.html import escape
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search.engine import clean_query, search_pages
from tests.builders import article, legal_document, small_registry
from tests.helpers import html
from tests.search.hostile_queries import HOSTILE_QUERIES
from tests.search_engine import refresh_engine

pytestmark = pytest.mark.search

BAD_INPUT = HOSTILE_QUERIES


@pytest.fixture
def in_engine():
    """Index the pages a test built now (the queue's worker would), and take them out of the
    engine after it (their database rows go with the test's transaction)."""
    indexed = []

    def index(*pages):
        indexed.extend(pages)
        refresh_engine(*pages)
        return pages

    yield index
    backend = get_search_backend("default")
    for page in indexed:
        backend.delete(page)
    refresh_engine()


def board_news():
    return article(
        "Kiện toàn Ban Biên tập Trang thông tin điện tử Sở Tư pháp",
        slug="kien-toan-ban-bien-tap-trang-thong-tin-dien-tu",
    )


@pytest.mark.parametrize("query", BAD_INPUT)
def test_any_query_answers_normally(client, portal, query):
    assert client.get("/tim-kiem/", {"q": query}).status_code == 200
    response = client.get("/tim-kiem/goi-y/", {"q": query})
    assert response.status_code == 200 and "results" in response.json()


@pytest.mark.parametrize(
    "params",
    [{"page": "9999"}, {"page": "abc"}, {"page": "-1"}, {"sap_xep": "xyz"}, {"muc": "khong-co"}],
)
def test_odd_parameters_answer_normally(client, portal, params):
    assert client.get("/tim-kiem/", {"q": "luật", **params}).status_code == 200


def test_results_are_highlighted_and_faceted_by_section(client, portal, in_engine):
    in_engine(
        *small_registry(),
        article("Hướng dẫn chứng thực bản sao từ bản chính tại cấp xã"),
    )
    page = html(client, "/tim-kiem/?q=chung+thuc+ban+sao")
    assert "<mark>chứng thực</mark>" in page.lower() or "<mark>chứng</mark>" in page.lower()
    assert "Văn bản (" in page  # the registry's section with its count
    narrowed = html(client, "/tim-kiem/?q=chung+thuc+ban+sao&muc=van-ban")
    assert "Nghị định 23/2015/NĐ-CP" in narrowed


def test_only_live_public_pages_are_found(client, portal, in_engine):
    [article] = in_engine(board_news())
    assert article.title in html(client, "/tim-kiem/?q=kien+toan+ban+bien+tap")
    article.unpublish()
    assert article.title not in html(client, "/tim-kiem/?q=kien+toan+ban+bien+tap")


def test_suggestions_complete_with_and_without_marks(client, portal, in_engine):
    in_engine(legal_document("60/2014/QH13", "Luật", "Quốc hội", title="Luật Hộ tịch"))
    for prefix in ("luật hộ t", "luat ho t"):
        titles = [
            r["title"] for r in client.get("/tim-kiem/goi-y/", {"q": prefix}).json()["results"]
        ]
        assert "Luật Hộ tịch" in titles


@pytest.mark.parametrize("query", BAD_INPUT)
def test_the_database_fallback_takes_any_query_too(portal, query):
    results = search_pages(query, Page.objects.live().public(), get_search_backend("database"))
    list(results[:10])
    list(get_search_backend("database").autocomplete(clean_query(query) or "x", Page)[:5])


def test_promotions_lead_and_queries_are_counted_without_personal_data(client, portal, login):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    from portal.core import roles
    from search.models import UnansweredQuery

    regulation = article("Ban hành Quy chế hoạt động Trang thông tin điện tử")
    SearchPromotion.objects.create(
        query=Query.get("quy chế"), page=regulation, sort_order=0, description="Toàn văn Quy chế"
    )
    page = html(client, "/tim-kiem/?q=quy+chế")
    assert "Ban Biên tập giới thiệu" in page and "Toàn văn Quy chế" in page
    html(client, "/tim-kiem/?q=xyzzy+khong+co")
    assert UnansweredQuery.objects.get(query_string="xyzzy khong co").hits == 1
    assert Query.get("quy chế").hits >= 1

    login(roles.OFFICE)
    report = html(client, "/admin/search-terms/")
    assert "xyzzy khong co" in report and "quy chế" in report
    login(roles.CONTRIBUTORS)
    assert client.get("/admin/search-terms/").status_code == 302


def test_registry_search_combines_with_filters_and_counts(client, portal, in_engine):
    from legal_docs.models import DocumentType

    # Words no other test indexes: a page of ranked hits and its counts hold this test's
    # documents only, whatever another module left in the engine.
    in_engine(
        *small_registry(),
        legal_document("91/2026/QH15", "Luật", "Quốc hội", summary="Luật thí điểm xanh lam"),
        legal_document(
            "301/2026/NĐ-CP", "Nghị định", "Chính phủ", summary="Chi tiết thí điểm xanh lam"
        ),
        legal_document(
            "302/2026/NĐ-CP", "Nghị định", "Chính phủ", summary="Hướng dẫn thí điểm xanh lam"
        ),
        legal_document("92/2026/QH15", "Luật", "Quốc hội", summary="Luật thí điểm đỏ"),
    )

    decree = DocumentType.objects.get(name="Nghị định").pk
    page = html(client, "/van-ban/?q=thi+diem+xanh+lam")
    assert ">91/2026/QH15<" in page and ">301/2026/NĐ-CP<" in page
    assert ">92/2026/QH15<" not in page
    assert f'<option value="{decree}">Nghị định (2)</option>' in page  # 301 and 302/2026
    narrowed = html(client, f"/van-ban/?q=thi+diem+xanh+lam&loai={decree}")
    assert ">301/2026/NĐ-CP<" in narrowed and ">91/2026/QH15<" not in narrowed
    assert ">2975/QĐ-UBND<" in html(client, "/van-ban/?q=QĐ+2975")
    assert client.get("/van-ban/", {"q": "((*", "page": "99"}).status_code == 200


def test_private_pages_are_never_found(client, portal, in_engine):
    from wagtail.models import PageViewRestriction

    [article] = in_engine(board_news())
    assert article.title in html(client, "/tim-kiem/?q=kien+toan+ban+bien+tap")
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="noi-bo"
    )
    assert article.title not in html(client, "/tim-kiem/?q=kien+toan+ban+bien+tap")
    titles = [
        r["title"] for r in client.get("/tim-kiem/goi-y/", {"q": "kiện toàn ban"}).json()["results"]
    ]
    assert article.title not in titles


def test_update_index_swaps_in_a_fresh_index_by_alias(portal):
    backend = get_search_backend("default")
    alias = backend.get_index_for_model(Page).name
    [index_name] = backend.es.indices.get_alias(name=alias)
    assert index_name != alias and index_name.startswith(alias + "_")


def result_titles(page):
    listing = page.split('<ul class="search-results">', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a href="[^"]*">([^<]*)</a>', listing)


def test_the_first_page_comes_with_the_counts_and_the_next_pages_follow_it(
    client, portal, in_engine
):
    in_engine(*small_registry())
    in_engine(
        *[
            article(f"{topic} của ngành tư pháp", posted_at=None)
            for topic in [
                "Hội nghị tổng kết công tác",
                "Kế hoạch cải cách hành chính",
                "Tập huấn nghiệp vụ hộ tịch",
                "Kiểm tra công tác bồi thường nhà nước",
                "Phổ biến giáo dục pháp luật",
                "Thi đua khen thưởng",
                "Chuyển đổi số",
                "Trợ giúp pháp lý lưu động",
                "Hòa giải ở cơ sở",
            ]
        ]
    )
    # Page one is built from the hits of the request that counted the sections; page two
    # asks the engine again. Together they are the engine's own order, nothing twice.
    from search.views import public_pages

    shown = result_titles(html(client, "/tim-kiem/?q=tu+phap"))
    shown += result_titles(html(client, "/tim-kiem/?q=tu+phap&page=2"))
    ranked = search_pages("tu phap", public_pages(), get_search_backend("default"))
    assert len(shown) > 10
    assert shown == [escape(page.title) for page in ranked[: len(shown)]]


def test_equal_matches_keep_one_order_whatever_order_the_engine_holds_them_in(
    client, portal, in_engine
):
    # The engine lists equal scores in the order its segments hold the documents, which a
    # merge can change between page one and page two: the portal orders them by id itself.
    notices = [
        article("Thông báo lịch tiếp công dân", slug=f"thong-bao-lich-tiep-cong-dan-{n}")
        for n in range(12)
    ]
    in_engine(*reversed(notices))  # held newest first, against their ids
    backend = get_search_backend("default")
    ours = Page.objects.filter(pk__in=[page.pk for page in notices])
    found = backend.search("lich tiep cong dan", ours, operator="and").annotate_score("score")
    scores = {page.score for page in found}
    assert len(scores) == 1  # all equal: the order among them is the portal's to choose
    listing = html(client, "/tim-kiem/?q=lich+tiep+cong+dan")
    shown = re.findall(r'href="/tin-tuc/(thong-bao-lich-tiep-cong-dan-\d+)/"', listing)
    assert len(result_titles(listing)) == 10 and shown == [page.slug for page in notices[:10]]
