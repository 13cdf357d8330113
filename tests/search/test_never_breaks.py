"""Search never breaks: whatever is typed, on every endpoint and every backend, answers
without a 5xx and leaves the engine's shared state as it was; a bad link (a page past the
engine's window, an id out of range) is answered for that request alone; an engine that
refuses a request stays in use for the next visitor; a fresh engine, whoever reaches it
first, ends with the complete index and the registry answering from it."""

import copy
import os

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from modelsearch.management.commands.rebuild_modelsearch_index import group_models_by_index
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models

from home.models import ArticleIndexPage, ArticlePage
from search.engine import fallbacks, is_engine, search_backend, with_fallback
from tests.builders import add_live_child, civil_status_law, legal_document
from tests.helpers import setup_portal
from tests.search.hostile_queries import HOSTILE_QUERIES
from tests.search_engine import refresh_engine, run_search_worker

pytestmark = pytest.mark.search
ENDPOINTS = ["/tim-kiem/", "/van-ban/", "/tim-kiem/goi-y/"]
BYLINE = {"author": "Nguyễn Văn An", "source": "Văn phòng Sở"}
MAX_RESULT_WINDOW = 10_000  # the engine's index.max_result_window


@pytest.fixture(params=["engine", "postgres"])
def backend_name(request, settings):
    """The engine as the default backend (as production runs), or PostgreSQL alone."""
    if request.param == "postgres":
        backends = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
        backends["default"] = backends["database"]
        settings.WAGTAILSEARCH_BACKENDS = backends
    return request.param


def engine_state():
    return cache.get("search:engine-up")


def visited(client):
    """The engine's shared state as one ordinary search leaves it."""
    assert client.get("/tim-kiem/", {"q": "luật"}).status_code == 200
    return engine_state()


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_any_query_on_any_endpoint_leaves_the_engine_as_it_was(client, portal, backend_name, query):
    before = visited(client)
    assert before is (True if backend_name == "engine" else None)
    for url in ENDPOINTS:
        response = client.get(url, {"q": query})
        assert response.status_code == 200, url
        assert not response.context or not response.context.get("degraded"), url
    assert engine_state() is before


BAD_LINKS = [
    # (address, whether the form says what to fix)
    ("/van-ban/?q=luat&page=99999", False),
    ("/van-ban/?q=luat&page=-3", False),
    ("/van-ban/?q=luat&page=99999999999999999999999", False),
    ("/van-ban/?q=luat&loai=99999999999999999999", True),
    ("/van-ban/?q=luat&co_quan=-1", True),
    ("/van-ban/?q=luat&linh_vuc=9223372036854775808", True),
    ("/van-ban/?loai=99999999999999999999", True),
    ("/tim-kiem/?q=luat&page=99999", False),
    ("/thu-tuc-hanh-chinh/?linh_vuc=99999999999999999999", True),
    ("/tim-kiem/?q=luat&page=99999999999999999999", False),
]


@pytest.mark.parametrize("url,message", BAD_LINKS)
def test_a_bad_link_is_answered_for_that_request_alone(client, portal, backend_name, url, message):
    before = visited(client)
    response = client.get(url)
    assert response.status_code == 200
    assert not response.context.get("degraded")  # not refused by the engine
    assert ('class="form-error"' in response.content.decode()) is message
    assert engine_state() is before


def test_the_last_page_the_engine_reaches_is_served(client, portal):
    response = client.get("/van-ban/", {"q": "luat", "page": MAX_RESULT_WINDOW})
    assert response.status_code == 200 and not response.context["degraded"]
    assert response.context["documents"].number == response.context["documents"].paginator.num_pages


def too_deep(backend):
    """A request the engine refuses (400: result window too large); the database takes it."""
    if is_engine(backend):
        index = backend.get_index_for_model(Page).name
        backend.es.search(index=index, body={"from": MAX_RESULT_WINDOW, "size": 10})
    return "answered"


def test_a_request_the_engine_refuses_leaves_the_next_visitor_on_the_engine(client, portal):
    law = legal_document("60/2014/QH13", "Luật", "Quốc hội", title="Luật Hộ tịch")
    refresh_engine(law)
    visited(client)
    assert with_fallback(too_deep) == ("answered", True)  # that request: from the database
    backend, degraded = search_backend()
    assert is_engine(backend) and not degraded
    response = client.get("/van-ban/", {"q": "ho tich"})
    assert not response.context["degraded"] and ">60/2014/QH13<" in response.content.decode()


def test_a_missing_index_sets_the_engine_aside(portal):
    def missing(backend):
        if is_engine(backend):
            backend.es.search(index=f"{backend.index_prefix}khong_co", body={})
        return "answered"

    assert with_fallback(missing) == ("answered", True)
    assert search_backend()[1] is True


# A fresh engine: indexes under a prefix of their own, deleted before and after. The worker
# commits as it goes (it cannot run inside a test's transaction), so these tests build their
# site in a database of their own.


def wipe(backend):
    # By name: Elasticsearch refuses a wildcard delete (action.destructive_requires_name).
    names = list(backend.es.indices.get(index=f"{backend.index_prefix}*"))
    if names:
        backend.es.indices.delete(index=",".join(names))


@pytest.fixture
def law_site(transactional_db):
    """The site with the law the registry's search must find, its queued updates done with
    (the whole demo is for the setup_portal case, which loads it)."""
    setup_portal()
    civil_status_law()
    DBTaskResult.objects.all().delete()


@pytest.fixture
def fresh_engine(settings, transactional_db):
    backends = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
    backends["default"]["INDEX_PREFIX"] += "fresh_"
    settings.WAGTAILSEARCH_BACKENDS = backends
    backend = get_search_backend("default")
    wipe(backend)
    yield backend
    wipe(backend)


def assert_complete(backend):
    """Every index holds every model's mapping, with the Vietnamese analysis, and is the
    filled one (swapped in under its alias by a full build)."""
    for index, models in group_models_by_index(backend, get_indexed_models()).items():
        assert index.is_alias(), index.name
        [held] = backend.es.indices.get_mapping(index=index.name).values()
        properties = held["mappings"]["properties"]
        for model in models:
            for name, field in backend.mapping_class(model).get_mapping()["properties"].items():
                assert properties.get(name, {}).get("type") == field.get("type"), (model, name)
        [settings] = backend.es.indices.get_settings(index=index.name).values()
        assert "vi_folding" in settings["settings"]["index"]["analysis"]["filter"]


def assert_registry_on_engine(client):
    cache.clear()  # no answer remembered from before
    response = client.get("/van-ban/", {"q": "ho tich"})
    assert not response.context["degraded"]
    assert ">60/2014/QH13<" in response.content.decode()


def test_a_fresh_engine_reached_first_by_the_worker(client, law_site, fresh_engine):
    news = ArticleIndexPage.objects.get(slug="tin-tuc")
    add_live_child(news, ArticlePage(title="Tin mới", slug="tin-moi", lead="Tin.", **BYLINE))
    run_search_worker()
    assert_complete(fresh_engine)
    assert_registry_on_engine(client)


def test_a_fresh_engine_reached_first_by_a_request(client, law_site, fresh_engine):
    response = client.get("/van-ban/", {"q": "ho tich"})
    assert response.context["degraded"]  # the index is not filled yet: the database answers
    assert ">60/2014/QH13<" in response.content.decode()
    run_search_worker()
    assert_complete(fresh_engine)
    assert_registry_on_engine(client)


def test_a_fresh_engine_reached_first_by_setup_portal(client, fresh_engine):
    setup_portal(demo=True)
    run_search_worker()
    assert_complete(fresh_engine)
    assert_registry_on_engine(client)


def test_a_fresh_engine_reached_first_by_update_index(client, law_site, fresh_engine):
    with open(os.devnull, "w") as devnull:
        call_command("update_index", backend_name="default", stdout=devnull)
    assert_complete(fresh_engine)
    assert_registry_on_engine(client)


def test_every_search_the_database_answers_instead_is_counted(client, portal):
    # The operators' (and scripts/bench/cluster.py's) measure of the engine's outages: a
    # counter in the shared cache, one per question the database answered instead (a search
    # page asks up to three: counts, ranking, the page of results).
    def missing(backend):
        if is_engine(backend):
            backend.es.search(index=f"{backend.index_prefix}khong_co", body={})
        return "answered"

    assert fallbacks() == 0
    assert client.get("/tim-kiem/", {"q": "luat"}).context["degraded"] is False
    assert fallbacks() == 0
    assert with_fallback(missing) == ("answered", True)  # failed on the engine
    assert fallbacks() == 1
    assert client.get("/tim-kiem/", {"q": "ho tich"}).context["degraded"] is True  # set aside
    assert fallbacks() > 1
