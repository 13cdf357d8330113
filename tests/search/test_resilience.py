"""The search engine goes down: nothing is lost and citizens see no error page. The real
engine is stopped and started again; the real queue worker catches up."""

import os
import signal
import subprocess
import time
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from home.models import ArticleIndexPage, ArticlePage
from search.engine import engine_responds
from tests.builders import add_live_child, publish
from tests.helpers import setup_portal
from tests.search_engine import refresh_engine, run_search_worker

pytestmark = [pytest.mark.search, pytest.mark.django_db(transaction=True)]
TITLE = "Thông báo tuyển dụng viên chức Sở Tư pháp năm 2026"


def engine_up():
    return engine_responds(get_search_backend("default"))


def publish_notice(news):
    page = ArticlePage(
        title=TITLE,
        slug="tuyen-dung-2026",
        lead="Sở Tư pháp thông báo tuyển dụng.",
        author="Văn phòng Sở",
        source="Văn phòng Sở",
        live=False,
    )
    add_live_child(news, page)
    publish(page)


def stop_engine():
    nodes = get_search_backend("default").es.nodes.info(node_id="_local", metric="process")
    [node] = nodes["nodes"].values()
    os.kill(node["process"]["id"], signal.SIGTERM)
    for _ in range(60):
        if not engine_up():
            return
        time.sleep(0.5)
    raise AssertionError("the search engine did not stop")


def start_engine():
    """Through the engine's own script, on the port the tests use (the session checked that
    SEARCH_ENGINE names the server at SEARCH_URL, tests/conftest.py)."""
    port = str(urlsplit(settings.SEARCH_URL).port)
    if settings.SEARCH_ENGINE.startswith("elasticsearch"):
        script, env = "elasticsearch.sh", {"ELASTICSEARCH_PORT": port}
    else:
        script, env = "opensearch.sh", {"SEARCH_PORT": port}
    subprocess.run(
        ["bash", f"scripts/services/{script}"],
        cwd=settings.BASE_DIR,
        env={**os.environ, **env},
        check=True,
    )


def search_page(client, query):
    cache.clear()  # forget the engine's last known state, as ten seconds would
    response = client.get("/tim-kiem/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_an_outage_loses_no_update_and_shows_no_error(client):
    setup_portal()
    run_search_worker()  # setup's own updates, while the engine is up
    news = ArticleIndexPage.objects.get(slug="tin-tuc")
    stop_engine()
    try:
        publish_notice(news)
        waiting = DBTaskResult.objects.filter(queue_name="search", status=TaskResultStatus.READY)
        updates = waiting.count()
        assert updates > 0
        run_search_worker(max_tasks=updates)  # the engine is down: each update is put back
        assert waiting.count() == updates

        html = search_page(client, "tuyen dung vien chuc")
        assert TITLE in html and "chế độ rút gọn" in html
        health = client.get("/healthz")
        assert health.status_code == 503 and health.json()["search_engine"] == "unavailable"
    finally:
        start_engine()

    run_search_worker()
    assert not DBTaskResult.objects.filter(queue_name="search", status=TaskResultStatus.READY)
    assert client.get("/healthz").status_code == 200
    refresh_engine()
    html = search_page(client, "tuyen dung vien chuc")
    assert TITLE in html and "chế độ rút gọn" not in html
    engine = get_search_backend("default")
    assert [p.title for p in engine.search("tuyển dụng viên chức", ArticlePage)][:1] == [TITLE]


def test_searches_remembered_before_the_worker_ran_are_forgotten_after(client):
    # Repeated searches are answered from the cache; the page published in between reaches
    # the engine only when the worker runs, which must not leave it hidden behind them.
    setup_portal()
    run_search_worker()
    publish_notice(ArticleIndexPage.objects.get(slug="tin-tuc"))
    cache.clear()
    for url in ("/tim-kiem/", "/van-ban/"):
        html = client.get(url, {"q": "tuyen dung vien chuc 2026"}).content.decode()
        assert TITLE not in html and "chế độ rút gọn" not in html
    run_search_worker()
    refresh_engine()
    html = client.get("/tim-kiem/", {"q": "tuyen dung vien chuc 2026"}).content.decode()
    assert TITLE in html


def test_a_missing_index_answers_from_the_database(client):
    # The engine answers but lost its index (a reinstall before `update_index`).
    setup_portal()
    news = ArticleIndexPage.objects.get(slug="tin-tuc")
    publish_notice(news)
    engine = get_search_backend("default")
    alias = engine.get_index_for_model(Page).name
    try:
        for name in engine.es.indices.get_alias(name=alias):
            engine.es.indices.delete(index=name)
        html = search_page(client, "tuyen dung vien chuc")
        assert TITLE in html and "chế độ rút gọn" in html
        cache.clear()
        suggestions = client.get("/tim-kiem/goi-y/", {"q": "tuyển dụng"}).json()["results"]
        assert TITLE in [item["title"] for item in suggestions]
        cache.clear()
        registry = client.get("/van-ban/", {"q": "hộ tịch"})
        assert registry.status_code == 200 and "chế độ rút gọn" in registry.content.decode()
    finally:
        with open(os.devnull, "w") as devnull:
            call_command("update_index", stdout=devnull)
