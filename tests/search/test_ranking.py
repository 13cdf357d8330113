"""Ranking that knows the law (issue #22), on the engine and on PostgreSQL: the law in force
first for its topic and the repealed one first when named, one word off still found (marked
as an approximate result), legal documents first for a query that reads like a legal text,
a title that holds the query above scattered words. Each test builds its own documents,
about a made-up mineral (zirconi) that nothing else on the site mentions."""

import re
from datetime import date

import pytest
from django.conf import settings
from django.test import override_settings
from wagtail.models import Page

from home.models import ArticleIndexPage, ArticlePage
from legal_docs.models import DocumentType, IssuingAuthority, LegalDocumentPage
from legal_docs.numbering import document_slug
from tests.builders import add_live_child, publish
from tests.helpers import html
from tests.search_engine import refresh_engine

pytestmark = pytest.mark.search


@pytest.fixture(params=["engine", "postgres"])
def backend(request, db):
    """Each test once with the engine as the default backend, once with PostgreSQL's."""
    if request.param == "engine":
        yield request.param
        return
    database = settings.WAGTAILSEARCH_BACKENDS["database"]
    with override_settings(WAGTAILSEARCH_BACKENDS={"default": database, "database": database}):
        yield request.param


@pytest.fixture(autouse=True)
def engine_forgets_them(db):
    """The engine keeps what a test indexed after its transaction is rolled back: take
    this test's documents out, so that the next run does not meet them."""
    yield
    from wagtail.search.backends import get_search_backend

    from search.engine import is_engine

    backend = get_search_backend("default")
    if is_engine(backend):
        for page in Page.objects.filter(title__icontains="zirconi").specific():
            backend.delete(page)


def law(registry, number, title, summary, issued, type_name="Luật", by="QH", **fields):
    page = LegalDocumentPage(
        title=title,
        slug=document_slug(number, issued.year),
        number_symbol=number,
        summary=summary,
        document_type=DocumentType.objects.get(name=type_name),
        issuing_authority=IssuingAuthority.objects.get(abbreviation=by),
        issue_date=issued,
        effective_date=date(issued.year + 1, 1, 1),
        **fields,
    )
    add_live_child(registry, page)
    publish(page)
    return page


def numbers(page):
    """The registry's numbers in the order a page lists them."""
    return re.findall(r">(\d+/\d{4}/[A-ZĐ0-9-]+)<", page)


def titles(page):
    """The titles /tim-kiem/ lists, in order."""
    results = page.split('<ul class="search-results">', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<li>\s*<a href="[^"]+">([^<]+)</a>', results)


@pytest.fixture
def laws(registry):
    """The 2006 law, expired, whose short summary outscores on words alone the longer one
    of the 2017 law in force that replaced it."""
    old = law(
        registry,
        "901/2006/QH11",
        "Luật Khai thác zirconi 2006",
        "Luật Khai thác zirconi",
        date(2006, 6, 29),
        expiry_date=date(2017, 12, 31),
    )
    new = law(
        registry,
        "902/2017/QH14",
        "Luật Khai thác zirconi 2017",
        "Luật Khai thác zirconi, quy định về quản lý, cấp phép, bảo vệ môi trường và trách "
        "nhiệm của cơ quan nhà nước trong hoạt động khai thác",
        date(2017, 6, 20),
    )
    refresh_engine(old, new)
    return old, new


@pytest.mark.parametrize("view", ["/van-ban/", "/tim-kiem/"])
def test_the_law_in_force_comes_first_for_its_topic(client, backend, laws, view):
    page = html(client, f"{view}?q=khai+thac+zirconi")
    if view == "/van-ban/":
        assert numbers(page)[:2] == ["902/2017/QH14", "901/2006/QH11"]
    else:
        assert titles(page)[:2] == ["Luật Khai thác zirconi 2017", "Luật Khai thác zirconi 2006"]
        assert "badge-in_force" in page and "badge-expired" in page  # the validity shows


@pytest.mark.parametrize("view", ["/van-ban/", "/tim-kiem/"])
@pytest.mark.parametrize("query", ["Luật Khai thác zirconi 2006", "901/2006/QH11", "luat 901/2006"])
def test_a_repealed_law_named_by_title_or_number_comes_first(client, backend, laws, view, query):
    page = html(client, f"{view}?q={query}")
    first = numbers(page)[0] if view == "/van-ban/" else titles(page)[0]
    assert first in ("901/2006/QH11", "Luật Khai thác zirconi 2006")


@pytest.mark.parametrize("view", ["/van-ban/", "/tim-kiem/"])
def test_one_word_off_still_finds_the_document_as_an_approximate_result(
    client, backend, registry, view
):
    decree = law(
        registry,
        "903/2020/NĐ-CP",
        "Nghị định 903/2020/NĐ-CP",
        "Quy định xử phạt vi phạm hành chính trong lĩnh vực khai thác zirconi",
        date(2020, 7, 15),
        type_name="Nghị định",
        by="CP",
    )
    refresh_engine(decree)
    page = html(client, f"{view}?q=xu+ly+vi+pham+hanh+chinh+zirconi")  # "ly" is not in it
    assert "Kết quả gần đúng" in page
    assert page.index("Kết quả gần đúng") < page.index("903/2020/NĐ-CP")
    # All the words: the decree before any approximate result.
    page = html(client, f"{view}?q=xu+phat+vi+pham+hanh+chinh+zirconi")
    assert page.index("903/2020/NĐ-CP") < (page + "Kết quả gần đúng").index("Kết quả gần đúng")


def test_a_query_that_reads_like_a_legal_text_puts_documents_first(client, backend, registry):
    index = ArticleIndexPage.objects.get(slug="tin-tuc")
    article = ArticlePage(
        title="Thông tư zirconi: hỏi đáp về thông tư zirconi",
        slug="hoi-dap-thong-tu-zirconi",
        lead="Thông tư zirconi được nhiều người hỏi. Thông tư zirconi hướng dẫn gì?",
        author="Nguyễn Văn An",
        source="Văn phòng Sở",
    )
    add_live_child(index, article)
    publish(article)
    circular = law(
        registry,
        "904/2021/TT-BTP",
        "Thông tư 904/2021/TT-BTP",
        "Hướng dẫn hồ sơ cấp phép khai thác zirconi",
        date(2021, 3, 1),
        type_name="Thông tư",
        by="BTP",
    )
    refresh_engine(article, circular)
    assert titles(html(client, "/tim-kiem/?q=thông+tư+zirconi"))[:2] == [
        "Thông tư 904/2021/TT-BTP",
        "Thông tư zirconi: hỏi đáp về thông tư zirconi",
    ]


@pytest.mark.parametrize("view", ["/van-ban/", "/tim-kiem/"])
def test_a_title_that_holds_the_query_beats_scattered_words(client, backend, registry, view):
    scattered = law(
        registry,
        "905/2019/QĐ-UBND",
        "Quyết định 905/2019/QĐ-UBND",
        "Khoáng sản: quy định cấp phép; luật áp dụng cho zirconi, khoáng sản zirconi và "
        "luật khoáng sản liên quan đến zirconi",
        date(2019, 5, 1),
        type_name="Quyết định",
        by="UBND",
    )
    named = law(
        registry,
        "906/2010/QH12",
        "Luật Khoáng sản zirconi",
        "Về khai thác và chế biến",
        date(2010, 11, 17),
    )
    refresh_engine(scattered, named)
    page = html(client, f"{view}?q=luật+khoáng+sản+zirconi")
    if view == "/van-ban/":
        assert numbers(page)[:2] == ["906/2010/QH12", "905/2019/QĐ-UBND"]
    else:
        assert titles(page)[:2] == ["Luật Khoáng sản zirconi", "Quyết định 905/2019/QĐ-UBND"]
