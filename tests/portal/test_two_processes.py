"""Two application processes, as two machines behind the front cache run them: two gunicorns
on the production settings, sharing the test database, Redis and the media folder. What one
process learns, the other must know at once: a publish, the visit counts, a maintenance
window, a sign-in lockout; and the search queue's updates are done once, by whichever
machine's worker takes them (docs/deployment.md)."""

import os
import re
import subprocess
import sys
import time
from datetime import timedelta

import pytest
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.db.models import Sum
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.search.backends import get_search_backend

from home.models import ArticlePage
from portal.core.models import DailyVisits, MaintenanceWindow
from tests import builders
from tests.helpers import setup_portal
from tests.search_engine import refresh_engine

pytestmark = [pytest.mark.redis, pytest.mark.search, pytest.mark.django_db(transaction=True)]

# A Redis database of the tests' own: cleared by these tests.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/1")
PORTS = [int(port) for port in os.environ.get("TEST_APP_PORTS", "8091,8092").split(",")]
BROWSER = {"User-Agent": "Mozilla/5.0 (Linux; Android 14) Mobile"}  # counted, not a robot
PASSWORD = "mat-khau-dung-2024-abc"


def production_env():
    engine = settings.WAGTAILSEARCH_BACKENDS["default"]
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "two-processes-test-key-" + "x" * 30,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(
            **connection.settings_dict
        ),
        "DATABASE_APP_ROLE": "",
        "REDIS_URL": REDIS_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "SEARCH_INDEX_PREFIX": engine.get("INDEX_PREFIX", ""),
        "VISITS_FLUSH_SECONDS": "0",  # each view written at once, so the test reads it back
        "LOG_LEVEL": "WARNING",
    }


@pytest.fixture(scope="module")
def servers(django_db_setup, django_db_blocker):
    """The base URLs of two gunicorns (one worker each) on the test database."""
    env = production_env()
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
    )
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "portal.wsgi", "--workers", "1"]
            + ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=settings.BASE_DIR,
            env=env,
        )
        for port in PORTS
    ]
    urls = [f"http://127.0.0.1:{port}" for port in PORTS]
    try:
        for url in urls:
            for _ in range(150):
                try:
                    requests.get(f"{url}/robots.txt", timeout=2)
                    break
                except requests.ConnectionError:
                    time.sleep(0.2)
            else:
                raise AssertionError(f"gunicorn did not start at {url}")
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait()


@pytest.fixture
def shared_cache():
    """This test process on the same Redis as the servers, as a third machine (an editor's
    request) would be: what it publishes moves the generation they read."""
    redis = {
        "BACKEND": "portal.cache.PortalRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": settings.PROFILE.cache_key_prefix,
    }
    with override_settings(CACHES={**settings.CACHES, "default": redis}):
        cache.clear()
        yield
        cache.clear()


def get(url, **headers):
    return requests.get(url, headers={**BROWSER, **headers}, timeout=30, allow_redirects=False)


def sign_in(server, username, password):
    """One sign-in to the admin, with its own CSRF cookie (sent by hand: the production
    settings mark it Secure, and this is plain HTTP)."""
    form = requests.get(f"{server}/admin/login/", timeout=30)
    token = form.cookies["csrftoken"]
    field = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    return requests.post(
        f"{server}/admin/login/",
        data={"csrfmiddlewaretoken": field, "username": username, "password": password},
        headers={"Cookie": f"csrftoken={token}", "Referer": f"{server}/admin/login/"},
        timeout=30,
        allow_redirects=False,
    )


def test_what_one_process_learns_the_other_knows_at_once(servers, shared_cache):
    # One test for the four, so the site is built once: each part is independent.
    setup_portal()
    page = builders.article("Lịch tiếp công dân tháng 12")
    a, b = servers

    # A publish: both processes had the page in the page cache.
    answers = [get(f"{server}{page.url}") for server in (a, a, b, b)]
    for answer in answers:
        assert "Lịch tiếp công dân tháng 12" in answer.text
    # Each is its own host (its port), so its own key. A hit carries every header of the miss
    # on the production settings (HSTS aside: plain HTTP here), but the time it was sent.
    assert [answer.headers["X-Cache"] for answer in answers] == ["miss", "hit", "miss", "hit"]
    headers = [
        {name: value for name, value in answer.headers.items() if name not in ("Date", "X-Cache")}
        for answer in answers
    ]
    assert headers[1] == headers[0] and headers[3] == headers[2]
    assert get(f"{b}{page.url}").headers["X-Cache"] == "hit"
    page.title = "Lịch tiếp công dân tháng 12 (đã đổi)"
    builders.publish(page)
    assert "(đã đổi)" in get(f"{b}{page.url}").text
    assert "(đã đổi)" in get(f"{a}{page.url}").text

    # Visits: seven views, four on one process and three on the other, cached or not.
    views = DailyVisits.objects.filter(page=page).aggregate(total=Sum("count"))["total"]
    assert views == 7

    # A sign-in lockout: five wrong passwords on A; then the right one on B is refused.
    get_user_model().objects.create_user("bientap-khoa", password=PASSWORD, is_superuser=True)
    answers = [sign_in(a, "bientap-khoa", "sai-mat-khau").status_code for _ in range(5)]
    assert answers == [200, 200, 200, 200, 429]
    assert sign_in(b, "bientap-khoa", PASSWORD).status_code == 429

    # A maintenance window opened now: both had just read the windows (none), both close.
    for server in servers:
        assert get(f"{server}/").status_code == 200
    now = timezone.now()
    MaintenanceWindow.objects.create(
        starts_at=now - timedelta(minutes=1),
        ends_at=now + timedelta(hours=1),
        message="Nâng cấp máy chủ.",
    )
    assert [get(f"{server}/").status_code for server in servers] == [503, 503]


def test_an_index_update_is_done_once_by_two_workers(servers, shared_cache):
    setup_portal()
    DBTaskResult.objects.all().delete()  # the setup's own, which update_index did for the session
    page = builders.article("Thông báo đấu giá quyền sử dụng đất")
    queued = DBTaskResult.objects.filter(queue_name="search")
    assert queued.count() > 0
    env = production_env()
    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--backend", "search"]
            + ["--queue-name", "search", "--batch", "--interval", "0", "--no-startup-delay"],
            cwd=settings.BASE_DIR,
            env=env,
        )
        for _ in servers  # one per machine
    ]
    assert [worker.wait(timeout=60) for worker in workers] == [0, 0]
    assert set(queued.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}
    assert {len(ids) for ids in queued.values_list("worker_ids", flat=True)} == {1}
    refresh_engine()
    engine = get_search_backend("default")
    found = engine.search("đấu giá quyền sử dụng đất", ArticlePage)
    assert page.pk in [p.pk for p in found]
