"""Production settings come from the environment and refuse to run without a secret key."""

import json
import os
import subprocess
import sys

from django.conf import settings

SHOW = (
    "import django, json; from django.conf import settings; django.setup(); "
    "print(json.dumps([settings.ALLOWED_HOSTS, settings.DEBUG, settings.LANGUAGE_CODE, "
    "settings.TIME_ZONE, settings.SESSION_COOKIE_SECURE]))"
)


def run_production(**env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="portal.settings.production")
    return subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_secret_key():
    result = run_production()
    assert result.returncode != 0
    assert "SECRET_KEY chưa được đặt" in result.stderr


def test_production_defaults_to_the_department_domain():
    result = run_production(SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.strip() == '[["sotp.quangtri.gov.vn"], false, "vi", "Asia/Ho_Chi_Minh", true]'
    )


def test_hosts_come_from_the_environment():
    result = run_production(SECRET_KEY="x" * 50, ALLOWED_HOSTS="a.gov.vn, b.gov.vn")
    assert result.stdout.startswith('[["a.gov.vn", "b.gov.vn"]')


def test_production_settings_pass_the_deployment_check():
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    clean.update(
        SECRET_KEY="k7-" + "q9Zx" * 15, DJANGO_SETTINGS_MODULE="portal.settings.production"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_make_run_settings_pass_the_check():
    """`make run` uses the developer settings (no search engine, no worker): the whole site,
    URLs and task queues included, must load with them."""
    clean = {k: v for k, v in os.environ.items() if k not in {"SEARCH_URL", "DATABASE_URL"}}
    clean.update(DJANGO_SETTINGS_MODULE="portal.settings.dev")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_the_engine_client_knows_every_node_of_a_cluster():
    nodes = "http://127.0.0.1:9210, http://127.0.0.1:9211,http://127.0.0.1:9212"
    show = (
        "import django, json; from django.conf import settings; django.setup(); "
        "engine = settings.WAGTAILSEARCH_BACKENDS['default']; "
        "print(json.dumps([engine['URLS'], engine['INDEX_SETTINGS']]))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    clean.update(
        SECRET_KEY="x" * 50,
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SEARCH_URL=nodes,
        SEARCH_REPLICAS="1",
    )
    result = subprocess.run(
        [sys.executable, "-c", show], cwd=settings.BASE_DIR, env=clean, capture_output=True
    )
    urls, index_settings = json.loads(result.stdout)
    assert urls == [f"http://127.0.0.1:{port}" for port in (9210, 9211, 9212)]
    assert index_settings == {"settings": {"index": {"number_of_replicas": 1}}}
