"""How often a search page asks the engine (issue #22, the latency target): each HTTP request
to the real engine is counted where every engine client sends it (urllib3's connection pool),
nothing is mocked. A first visit asks once, twice when partial matches must follow; the
client and its connection are reused between searches; a repeated /tim-kiem/ search asks
nothing. Each test builds its own documents about a made-up mineral (hafni)."""

from datetime import date

import pytest
import urllib3
from django.core.cache import caches
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search.engine import is_engine
from tests.builders import legal_document, registry
from tests.helpers import html
from tests.search_engine import refresh_engine

pytestmark = pytest.mark.search
# Seven words, "ly" in no document: all of them find nothing, so partial matches follow.
ONE_WORD_OFF = "xu ly vi pham hanh chinh hafni"


@pytest.fixture
def engine(db):
    backend = get_search_backend("default")
    if not is_engine(backend):
        pytest.skip("needs the search engine (SEARCH_URL)")
    yield backend
    for page in Page.objects.filter(title__icontains="hafni").specific():
        backend.delete(page)


@pytest.fixture
def engine_requests(monkeypatch):
    """The paths of the engine requests made while the fixture's list is read, and the
    connections opened (both clients send through urllib3's pool)."""
    sent = {"requests": [], "connections": 0}
    urlopen = urllib3.connectionpool.HTTPConnectionPool.urlopen
    new_conn = urllib3.connectionpool.HTTPConnectionPool._new_conn

    def counted_urlopen(pool, method, url, *args, **kwargs):
        sent["requests"].append(url)
        return urlopen(pool, method, url, *args, **kwargs)

    def counted_new_conn(pool):
        sent["connections"] += 1
        return new_conn(pool)

    monkeypatch.setattr(urllib3.connectionpool.HTTPConnectionPool, "urlopen", counted_urlopen)
    monkeypatch.setattr(urllib3.connectionpool.HTTPConnectionPool, "_new_conn", counted_new_conn)
    return sent


@pytest.fixture
def decree(engine, portal):
    page = legal_document(
        number="913/2020/NĐ-CP",
        type_name="Nghị định",
        title="Nghị định 913/2020/NĐ-CP",
        summary="Quy định xử phạt vi phạm hành chính trong lĩnh vực khai thác hafni",
        issued=date(2020, 7, 15),
        effective=date(2020, 9, 1),
        parent=registry(),
    )
    refresh_engine(page)
    return page


def first_visit(client, sent, url):
    """`url` with nothing remembered (every cache level emptied), after another search of
    each view, as on a running site (its layout, routes and engine check are known)."""
    for alias in caches:
        caches[alias].clear()
    html(client, "/tim-kiem/?q=hafni+zirconi")
    html(client, "/van-ban/?q=hafni+zirconi")
    sent["requests"].clear()
    return html(client, url)


@pytest.mark.parametrize("view", ["/tim-kiem/", "/van-ban/"])
def test_a_first_visit_with_partial_matches_asks_the_engine_twice(
    client, decree, engine_requests, view
):
    page = first_visit(client, engine_requests, f"{view}?q={ONE_WORD_OFF.replace(' ', '+')}")
    assert "Kết quả gần đúng" in page and "913/2020/NĐ-CP" in page
    # All the words, then the partial matches with the words each holds: not one request
    # per word.
    assert len(engine_requests["requests"]) == 2, engine_requests["requests"]


@pytest.mark.parametrize("view", ["/tim-kiem/", "/van-ban/"])
def test_a_first_visit_without_partial_matches_asks_the_engine_once(
    client, decree, engine_requests, view
):
    page = first_visit(client, engine_requests, f"{view}?q=hafni")
    assert "913/2020/NĐ-CP" in page and "Kết quả gần đúng" not in page  # one word
    assert len(engine_requests["requests"]) == 1, engine_requests["requests"]


def test_searches_reuse_the_engine_client_and_its_connection(client, decree, engine_requests):
    first_visit(client, engine_requests, "/tim-kiem/?q=hafni")
    connections = engine_requests["connections"]
    html(client, "/tim-kiem/?q=khai+thac+hafni")
    html(client, "/van-ban/?q=vi+pham+hafni")
    assert engine_requests["requests"]  # the engine was asked
    assert engine_requests["connections"] == connections


def test_a_repeated_site_search_asks_the_engine_nothing(client, decree, engine_requests):
    url = f"/tim-kiem/?q={ONE_WORD_OFF.replace(' ', '+')}"
    first = first_visit(client, engine_requests, url)
    engine_requests["requests"].clear()
    again = html(client, url)
    assert engine_requests["requests"] == []
    # The same answer, partial matches included.
    assert again.count("913/2020/NĐ-CP") == first.count("913/2020/NĐ-CP") > 0
    assert "Kết quả gần đúng" in again
