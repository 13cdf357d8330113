"""Redis, the shared cache of the production settings, stopped or unreachable: citizens still
get every page (rendered each time), an editor's publish shows, the limits on forms count
what they can, and the operators read why in the log. Before, every request failed with a
500 while Redis was away (docs/deployment.md, "Redis")."""

import logging
import socket

import pytest
from django.test import override_settings

from portal.core import cache as portal_cache
from portal.core import throttle
from tests import builders

pytestmark = pytest.mark.django_db


def closed_port():
    """A port on which nothing listens: a real refusal, as from a stopped Redis."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_away():
    caches = {
        "default": {
            "BACKEND": "portal.cache.PortalRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        },
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    with override_settings(CACHES=caches, PAGE_CACHE_SECONDS=300):
        yield


def test_the_site_answers_and_publishes_without_redis(client, redis_away, caplog):
    with caplog.at_level(logging.ERROR, logger="portal.cache"):
        assert client.get("/").status_code == 200
        page = builders.article("Thông báo lịch tiếp công dân tháng 12")
        response = client.get(page.url)
        assert response.status_code == 200
        assert "Thông báo lịch tiếp công dân tháng 12" in response.content.decode()
        page.title = "Thông báo lịch tiếp công dân tháng 12 (sửa đổi)"
        builders.publish(page)
        assert "(sửa đổi)" in client.get(page.url).content.decode()
        # A form's limit counts from one again rather than failing the form.
        assert throttle.count("test-outage", "127.0.0.1", 60) == 1
        assert portal_cache.generation() > 0
    assert "Redis" in caplog.text
