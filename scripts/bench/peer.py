"""The stock Wagtail site `make bench` holds the portal against: `wagtail start` (the Wagtail of
the project's virtualenv) in .bench/stock/, on its own PostgreSQL database (BENCH_PEER_DATABASE_URL,
created here) with the portal's persistent connections (CONN_MAX_AGE 60 with health checks),
DEBUG off, served by gunicorn with 2 sync workers (gunicorn's defaults: the portal's
gunicorn.conf.py is the portal's own tuning), its static files by WhiteNoise from the same
server with the storage the portal uses. Its home page lists 30 of its children; the children
are bare Wagtail pages (wagtailcore/page.html), as many as an uncached row needs to ask each
once. Rows: a bare child page (each URL once), the home page, and the portal's static file
(the same bytes) from this server.
"""

import os
import random
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scripts.bench import wrk
from scripts.bench.table import BARE, HOME_LISTING, STATIC

ROOT = Path(__file__).resolve().parents[2]
DIRECTORY = ROOT / ".bench" / "stock"
DATABASE_URL = os.environ.get(
    "BENCH_PEER_DATABASE_URL", "postgres://portal:portal@127.0.0.1:5432/portal_bench_peer"
)
PORT = int(os.environ.get("BENCH_PEER_PORT", "8098"))
STATIC_FILE = "bench/trang-chu.html"

SETTINGS = """# Written by scripts/bench/peer.py: the stock site on the stack the portal runs on.
from .production import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only-secret-key-not-for-any-real-site"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {{
    "default": {{
        "ENGINE": "django.db.backends.postgresql",
        "NAME": {name!r},
        "USER": {user!r},
        "PASSWORD": {password!r},
        "HOST": {host!r},
        "PORT": {port!r},
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }}
}}
# Static files as the portal serves them: WhiteNoise in the application server.
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # noqa: F405
"""

HOME_TEMPLATE = """{% extends "base.html" %}
{% load wagtailcore_tags %}
{% block body_class %}template-homepage{% endblock %}
{% block content %}
<h1>{{ page.title }}</h1>
<ul>
{% for child in page.get_children.live|slice:":30" %}
  <li><a href="{% pageurl child %}">{{ child.title }}</a></li>
{% endfor %}
</ul>
{% endblock %}
"""

# Children in bulk (the tree's paths computed as treebeard does): thousands of add_child calls
# would take minutes, and the pages are the same rows either way.
FILL = """
import os
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page
from home.models import HomePage

home = HomePage.objects.get()
have, want = home.get_children().count(), int(os.environ["PEER_PAGES"])
now, kind = timezone.now(), ContentType.objects.get_for_model(Page)
Page.objects.bulk_create(
    [
        Page(
            title=f"Trang {n}", draft_title=f"Trang {n}", slug=f"trang-{n}",
            path=Page._get_path(home.path, home.depth + 1, n), depth=home.depth + 1,
            numchild=0, url_path=f"{home.url_path}trang-{n}/", live=True, content_type=kind,
            locale_id=home.locale_id, first_published_at=now, last_published_at=now,
        )
        for n in range(have + 1, want + 1)
    ],
    batch_size=1000,
)
Page.objects.filter(pk=home.pk).update(numchild=max(have, want))
"""


def environment():
    """Only what the stock site needs: nothing of the portal's settings leaks into it."""
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "stock.settings.bench",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def manage(*args, **extra):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=DIRECTORY,
        env={**environment(), **extra},
        check=True,
        stdout=subprocess.DEVNULL,
    )


def prepare(pages, static_file, ensure_database):
    """The stock site with at least `pages` children and `static_file` as its static file."""
    if not (DIRECTORY / "manage.py").exists():
        print("creating a stock Wagtail site with `wagtail start`...", flush=True)
        DIRECTORY.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "wagtail.bin.wagtail", "start", "stock", str(DIRECTORY)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    parts = urlsplit(DATABASE_URL)
    (DIRECTORY / "stock" / "settings" / "bench.py").write_text(
        SETTINGS.format(
            name=parts.path.lstrip("/"),
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            host=parts.hostname or "",
            port=str(parts.port or ""),
        )
    )
    (DIRECTORY / "home" / "templates" / "home" / "home_page.html").write_text(HOME_TEMPLATE)
    ensure_database(DATABASE_URL)
    manage("migrate")
    manage("collectstatic", "--noinput")
    manage("shell", "-c", FILL, PEER_PAGES=str(pages))
    target = DIRECTORY / "static" / STATIC_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(static_file, target)


class Server:
    def __enter__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "stock.wsgi", "--workers", "2"]
            + ["--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"],
            cwd=DIRECTORY,
            env=environment(),
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=2)
                return self
            except OSError:
                time.sleep(0.2)
        self.process.terminate()
        sys.exit("the stock Wagtail site's gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait()


def run(rng, pages, seconds, connections):
    """{row: wrk.Result} of the stock site's rows."""
    # trang-1 warms the templates; the others are asked once each, in an order of this run.
    children = [f"/trang-{n}/" for n in range(2, pages + 1)]
    rng.shuffle(children)
    results = {}
    with Server():
        for path in ("/", "/trang-1/", f"/static/{STATIC_FILE}"):
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=30) as response:
                response.read()
        results[STATIC] = wrk.run([f"/static/{STATIC_FILE}"], seconds, connections, PORT)
        results[HOME_LISTING] = wrk.run(["/"], seconds, connections, PORT)
        results[BARE] = wrk.run(children, seconds, connections, PORT)
    return results


if __name__ == "__main__":  # the stock site alone: python -m scripts.bench.peer
    from scripts.bench.measure import ensure_database

    prepare(2000, ROOT / "README.md", ensure_database)
    print(run(random.Random(), 2000, 3, 4))
