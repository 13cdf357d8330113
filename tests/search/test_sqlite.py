"""Search on SQLite (FTS5), the embedded default of `make run`: any input answers on all three
endpoints, and a query without marks (d for đ, stacked marks, NFD) finds what the marked one
finds, in search, the registry and suggestions.

`make test` runs on PostgreSQL, so test_search_on_sqlite runs the `sqlite` tests of this
module again in a child pytest on an in-memory SQLite database without the engine, as `make
run` serves search; `make test-fast` (SQLite) runs them directly."""

import os
import subprocess
import sys
import unicodedata

import pytest
from django.conf import settings
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search.engine import search_pages
from tests.builders import small_registry
from tests.helpers import html
from tests.search.hostile_queries import HOSTILE_QUERIES

ENDPOINTS = ["/tim-kiem/", "/van-ban/", "/tim-kiem/goi-y/"]


@pytest.fixture
def documents(portal):
    """A small registry, in the default backend's index (SQLite's own in the child run)."""
    pages = small_registry()
    backend = get_search_backend("default")
    for page in pages:
        backend.add(page)
    return pages


@pytest.mark.postgres
def test_search_on_sqlite():
    env = {
        **os.environ,
        "DATABASE_URL": "sqlite:///:memory:",
        "SEARCH_URL": "",
        "ELASTICSEARCH_URL": "",
    }
    child = subprocess.run(
        [sys.executable, "-m", "pytest", __file__, "-m", "sqlite", "-q", "-p", "no:cacheprovider"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert child.returncode == 0, child.stdout[-6000:] + child.stderr[-2000:]


@pytest.mark.sqlite
def test_the_embedded_default_is_sqlite_full_text_search():
    backend = get_search_backend("default")
    assert type(backend).__module__ == "search.backends.sqlite"
    assert backend.index_class(backend).read_connection.vendor == "sqlite"


@pytest.mark.sqlite
@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_any_query_answers_on_every_endpoint(client, portal, query):
    for url in ENDPOINTS:
        response = client.get(url, {"q": query})
        assert response.status_code == 200, url


UNMARKED = [
    ("quyet dinh", "quyết định"),
    ("nghi dinh", "nghị định"),
    ("dang ky", "đăng ký"),
    ("DANG KY", "Đăng ký"),
    ("ho tich", "hộ tịch"),  # ộ: two marks on one letter
    ("tro giup phap ly", "trợ giúp pháp lý"),
    ("nghị định", unicodedata.normalize("NFD", "nghị định")),
]


def found(query):
    results = search_pages(query, Page.objects.live().public(), get_search_backend("default"))
    return {page.pk for page in results[:500]}


@pytest.mark.sqlite
@pytest.mark.parametrize("query,marked", UNMARKED)
def test_a_query_without_marks_finds_what_the_marked_one_finds(documents, query, marked):
    expected = found(marked)
    assert expected and found(query) == expected


@pytest.mark.sqlite
def test_the_registry_and_suggestions_without_marks(client, documents):
    page = html(client, "/van-ban/?q=ho+tich")
    assert ">60/2014/QH13<" in page and ">123/2015/NĐ-CP<" in page
    assert ">2975/QĐ-UBND<" in html(client, "/van-ban/?q=quyet+dinh+2975")
    for prefix in ("luật hộ t", "luat ho t"):
        titles = [
            r["title"] for r in client.get("/tim-kiem/goi-y/", {"q": prefix}).json()["results"]
        ]
        assert "Luật Hộ tịch" in titles
