"""The front-end cache: a real Varnish (scripts/services/varnish.sh, deploy/varnish/portal.vcl)
in front of the live server keeps what the application marks and nothing else, drops it on a
publish, answers a maintenance window, and the page's beacon counts its visit once."""

import http.client
import logging
import re
import socket
import subprocess
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from portal.core import roles
from portal.core.models import DailyVisits, MaintenanceWindow
from tests.builders import article as build_article
from tests.builders import image as build_image
from tests.builders import publish
from tests.helpers import setup_portal

pytestmark = [pytest.mark.frontcache, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0"


@pytest.fixture(scope="module")
def varnish(live_server):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    script = ["bash", "scripts/services/varnish.sh"]
    backend = f"127.0.0.1:{live_server.thread.port}"
    subprocess.run([*script, "start", str(port), backend], cwd=ROOT, check=True)
    yield port
    subprocess.run([*script, "stop", str(port)], cwd=ROOT, check=True)


@pytest.fixture
def site(varnish, settings):
    """The site as setup_portal leaves it (each transactional test starts from an empty
    database), behind an empty Varnish that the application bans."""
    settings.FRONTEND_CACHE_URLS = [f"http://127.0.0.1:{varnish}"]
    setup_portal()
    assert send(varnish, "BAN", "/").status == 200
    return varnish


def send(port, method, path, headers=(), source="127.0.0.1", body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, source_address=(source, 0))
    headers = {"User-Agent": BROWSER, **dict(headers)}
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    response.text = response.read().decode(errors="replace")
    connection.close()
    return response


def get(port, path, **headers):
    response = send(port, "GET", path, headers)
    assert response.status in (200, 503), (path, response.status)
    return response


def test_a_publish_purges_a_ban_comes_only_from_the_application_and_views_count_once(site):
    article = build_article("Hội nghị tập huấn hộ tịch")
    for path in (article.url, "/tin-tuc/"):
        assert get(site, path).getheader("X-Front-Cache") == "miss"
        kept = get(site, path)
        assert kept.getheader("X-Front-Cache") == "hit"
        assert "Hội nghị tập huấn hộ tịch" in kept.text
        assert kept.getheader("Surrogate-Control") is None  # for Varnish only

    # Pages served by Varnish count their views by their beacon, once each.
    assert not DailyVisits.objects.filter(page=article).exists()
    beacon = re.search(r'<img class="visually-hidden" src="([^"]+)"', get(site, article.url).text)
    assert beacon.group(1) == f"/luot-xem/{article.pk}.gif"
    for _ in range(2):
        pixel = get(site, beacon.group(1))
        assert pixel.getheader("Content-Type") == "image/gif"
        assert pixel.getheader("X-Front-Cache") == "pass"
    send(site, "GET", beacon.group(1), {"User-Agent": "Googlebot/2.1"})
    send(site, "GET", "/luot-xem/999999.gif")  # no such page: nothing counted, nothing lost
    assert DailyVisits.objects.get(page=article).count == 2

    draft = article.get_latest_revision_as_object()
    draft.title = "Hội nghị tập huấn hộ tịch năm 2026"
    publish(draft)
    for path in (article.url, "/tin-tuc/"):
        fresh = get(site, path)
        assert fresh.getheader("X-Front-Cache") == "miss"
        assert "Hội nghị tập huấn hộ tịch năm 2026" in fresh.text

    # Anyone else: another address, or a request relayed by a proxy on the trusted one.
    assert send(site, "BAN", "/", source="127.0.0.2").status == 403
    assert send(site, "BAN", "/", {"X-Forwarded-For": "203.0.113.9"}).status == 403
    assert get(site, article.url).getheader("X-Front-Cache") == "hit"


def test_signed_in_pages_and_forms_are_never_stored_and_maintenance_answers(
    site, make_user, settings
):
    article = build_article("Hội nghị tập huấn hộ tịch")
    editor = Client()
    editor.force_login(make_user(roles.BOARD))
    session = f"sessionid={editor.cookies['sessionid'].value}"
    for _ in range(2):
        signed_in = get(site, article.url, Cookie=session)
        assert signed_in.getheader("X-Front-Cache") == "pass"
        assert "w-userbar" in signed_in.text
    citizen = get(site, article.url)
    assert citizen.getheader("X-Front-Cache") == "miss"  # what the editor saw was not kept
    assert "w-userbar" not in citizen.text
    assert get(site, article.url).getheader("X-Front-Cache") == "hit"
    assert "w-userbar" in get(site, article.url, Cookie=session).text

    # A form sets its token's cookie: not kept, with or without one already.
    for cookies in ({}, {"Cookie": "csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF"}):
        form = get(site, "/phan-anh-kien-nghi/", **cookies)
        assert form.getheader("X-Front-Cache") == "pass"
        assert "csrftoken=" in form.getheader("Set-Cookie")
    # Another cookie does not make a page personal: the stored copy is served.
    other = get(site, article.url, Cookie="csrftoken=abcdefghijklmnopqrstuvwxyzABCDEF")
    assert other.getheader("X-Front-Cache") == "hit"

    # Varnish appends its peer to X-Forwarded-For: behind a TLS proxy (127.0.0.1, trusted as
    # in production) the citizen's address is the one logged; a peer not trusted is itself,
    # whatever it forged.
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    login = get(site, "/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    cookie = login.getheader("Set-Cookie").split(";")[0]
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    form = urlencode({"csrfmiddlewaretoken": token, "username": "ctv", "password": "sai"})
    for source in ("127.0.0.1", "127.0.0.2"):
        forwarded = {**headers, "X-Forwarded-For": "198.51.100.7"}
        assert send(site, "POST", "/admin/login/", forwarded, source, form).status == 200
    failed = ModelLogEntry.objects.filter(action="portal.login_failed").order_by("pk")
    assert [entry.data["ip"] for entry in failed] == ["198.51.100.7", "127.0.0.2"]

    # A window announced to start in 90 s: the notice shows at once (the ban of any change),
    # and pages are kept until the window starts at most.
    now = timezone.now()
    MaintenanceWindow.objects.create(
        starts_at=now + timedelta(seconds=90), ends_at=now + timedelta(hours=1), announce_days=0
    )
    assert get(site, article.url).getheader("X-Front-Cache") == "miss"
    direct = Client().get(article.url)
    assert 0 < int(direct["Surrogate-Control"].removeprefix("max-age=")) <= 90
    MaintenanceWindow.objects.create(
        starts_at=now - timedelta(minutes=1), ends_at=now + timedelta(hours=1)
    )
    for _ in range(2):
        assert get(site, article.url).status == 503


def test_images_are_kept_until_a_change_and_other_media_never(site, tmp_path):
    # With media on a bucket, every image would otherwise cross the application each time.
    picture = build_image("Ảnh hội nghị", "hoi-nghi.png")
    path = picture.get_rendition("width-200").url
    assert get(site, path).getheader("X-Front-Cache") == "miss"
    assert get(site, path).getheader("X-Front-Cache") == "hit"
    picture.delete()  # taken down: the ban that follows drops it
    gone = send(site, "GET", path)
    assert gone.status == 404 and gone.getheader("X-Front-Cache") != "hit"
    # Anything else under /media/ (citizens' attachments) goes to the application each time.
    for _ in range(2):
        assert send(site, "GET", "/media/gop-y/x.pdf").getheader("X-Front-Cache") == "pass"


@pytest.mark.django_db  # no live server: a plain test, on the setup the session made
def test_a_proxy_that_does_not_answer_does_not_stop_a_publish(
    settings, caplog, django_capture_on_commit_callbacks
):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    settings.FRONTEND_CACHE_URLS = [f"http://127.0.0.1:{closed}"]
    with caplog.at_level(logging.WARNING), django_capture_on_commit_callbacks(execute=True):
        article = build_article("Hội nghị tập huấn hộ tịch")
    assert article.live
    assert f"127.0.0.1:{closed} did not take the ban" in caplog.text


@pytest.mark.django_db
def test_a_page_made_while_the_content_changed_is_not_marked(settings):
    from django.http import HttpResponse

    from portal.core import cache as portal_cache
    from portal.page_cache import for_front_cache

    settings.FRONTEND_CACHE_URLS = ["http://127.0.0.1:9"]  # discard: nothing answers there
    before = portal_cache.generation()
    assert for_front_cache(HttpResponse(), before)["Surrogate-Control"] == "max-age=300"
    portal_cache.new_generation()  # a publish while the page was being made
    assert "Surrogate-Control" not in for_front_cache(HttpResponse(), before)
