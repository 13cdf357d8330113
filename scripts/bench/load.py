"""`make bench`: the production stack under load. gunicorn with 2 workers on the production
settings (PostgreSQL, the search engine, Redis, whitenoise), 100,000 generated legal
documents, wrk on the same machine. For each public page type: requests/s, p50 and p99, with
the page cache (each URL requested once before) and without it (PAGE_CACHE_SECONDS=0),
and the SQL queries of one uncached request; a copy of the home page served by whitenoise
as a static file gives the ceiling of the stack. Then 50 clients for 60 s on a mix of all
pages, which must give no error. Then the cached pages and the static file again through
Varnish in front of the same gunicorn (scripts/bench/front_cache.py). The search row runs
once per engine (BENCH_ENGINES: client name and URL of each; OpenSearch on 9200 and
Elasticsearch on 9201 by default, both started by `make bench`), the other rows on the first.

    make bench                      # or: .venv/bin/python scripts/bench/load.py --help

Listing, document and search rows spread their requests over many URLs (filters, documents,
queries), so the uncached rows are not one page answered from the data caches.
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://portal:portal@127.0.0.1:5432/portal_bench"
)
ENGINES = [
    tuple(engine.split("="))
    for engine in os.environ.get(
        "BENCH_ENGINES", "opensearch2=http://127.0.0.1:9200 elasticsearch8=http://127.0.0.1:9201"
    ).split()
]
SEARCH_ENGINE, SEARCH_URL = ENGINES[0]
PORT = int(os.environ.get("BENCH_PORT", "8099"))
ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "bench-only-secret-key-not-for-any-real-site",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",  # no proxy in front here to end HTTPS
    "DATABASE_URL": DATABASE_URL,
    "SEARCH_URL": SEARCH_URL,
    "SEARCH_ENGINE": SEARCH_ENGINE,
    "SEARCH_INDEX_PREFIX": os.environ.get("BENCH_INDEX_PREFIX", "bench_"),
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2"),
    "LOG_LEVEL": "WARNING",
}
os.environ.update(ENV)

import django  # noqa: E402

django.setup()

import psycopg2  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from home.models import ArticlePage, SectionPage  # noqa: E402
from legal_docs.models import LegalDocumentPage  # noqa: E402
from scripts.bench import front_cache  # noqa: E402
from scripts.bench.measure import counted_get  # noqa: E402
from search.backends import search_server  # noqa: E402

CEILING = "bench/trang-chu.html"
FIRST_VISIT = "listing (filters never asked before)"
SEARCHES = ["hộ tịch", "ho tich", "chứng thực", "quyết định", "2975/QĐ-UBND", "trợ giúp pháp lý"]


def ensure_database():
    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(DATABASE_URL.replace(f"/{name}", "/postgres"))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def indexed_pages(search_url):
    url = f"{search_url}/{ENV['SEARCH_INDEX_PREFIX']}wagtailcore_page/_count"
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return json.load(response)["count"]
    except OSError:
        return 0


def prepare(documents):
    ensure_database()
    quiet = open(os.devnull, "w")
    call_command("migrate", verbosity=0)
    call_command("setup_portal", demo=True, stdout=quiet)
    missing = documents - LegalDocumentPage.objects.live().count()
    if missing > 0:
        print(f"generating {missing} legal documents...", flush=True)
        call_command("generate_legal_documents", count=missing, stdout=quiet)
    for engine, url in ENGINES:
        if indexed_pages(url) < LegalDocumentPage.objects.live().count():
            print(f"indexing for {engine} at {url} (a few minutes)...", flush=True)
            default = {**settings.WAGTAILSEARCH_BACKENDS["default"]}
            default.update(BACKEND=f"search.backends.{engine}", URLS=[url])
            backends = {**settings.WAGTAILSEARCH_BACKENDS, "default": default}
            # With the first engine the database's own index too, which search falls back on.
            only = None if (engine, url) == ENGINES[0] else "default"
            with override_settings(WAGTAILSEARCH_BACKENDS=backends):
                call_command("update_index", backend_name=only, stdout=quiet)
    call_command("collectstatic", interactive=False, verbosity=0)


def page_sets(rng, spread):
    """{row: [paths]}: one path for the site's own pages, `spread` for the registry's."""
    section = SectionPage.objects.live().public().order_by("path").first()
    article = ArticlePage.objects.live().public().order_by("-first_published_at").first()
    # Types and authorities the generated documents use, so a listing shows documents.
    used = LegalDocumentPage.objects.order_by()
    type_ids = sorted(set(used.values_list("document_type", flat=True).distinct()))
    authorities = sorted(set(used.values_list("issuing_authority", flat=True).distinct()))
    documents = LegalDocumentPage.objects.live().order_by("?").values_list("slug", flat=True)
    combinations = [
        f"/van-ban/?loai={kind}&co_quan={authority}&nam={year}"
        for kind in type_ids
        for authority in authorities
        for year in range(2000, 2027)
    ]
    rng.shuffle(combinations)
    return {
        "home": ["/"],
        "section": [section.url],
        "article": [article.url],
        "listing + filters": [
            f"/van-ban/?loai={rng.choice(type_ids)}&nam={rng.randrange(2000, 2027)}"
            for _ in range(spread)
        ],
        # Filters nobody asked for before: the counts of every option are computed.
        FIRST_VISIT: combinations,
        "legal document": [f"/van-ban/{slug}/" for slug in documents[:spread]],
        "search": [f"/tim-kiem/?q={quote(q)}&trang={n}" for q in SEARCHES for n in (1, 2, 3)],
    }


@override_settings(PAGE_CACHE_SECONDS=0)
def queries_per_page(pages):
    client = Client(HTTP_HOST="127.0.0.1")
    client.get("/")  # the layout cache is warm on a running site
    counts = {}
    for row, paths in pages.items():
        if row != FIRST_VISIT:
            client.get(paths[0])  # asked before, as the rows below are
        response, counts[row] = counted_get(client, paths[0])
        if response.status_code != 200:
            sys.exit(f"{paths[0]}: HTTP {response.status_code}")
    home = client.get("/").content
    ceiling = Path(settings.STATIC_ROOT) / CEILING
    ceiling.parent.mkdir(parents=True, exist_ok=True)
    ceiling.write_bytes(home)
    return counts


class Server:
    def __init__(self, page_cache_seconds, engine=ENGINES[0], **env):
        self.env = {**os.environ, "PAGE_CACHE_SECONDS": str(page_cache_seconds), **env}
        self.env.update(SEARCH_ENGINE=engine[0], SEARCH_URL=engine[1])

    def __enter__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "portal.wsgi", "--workers", "2"]
            + ["--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"],
            cwd=ROOT,
            env=self.env,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/robots.txt", timeout=2)
                return self
            except OSError:
                time.sleep(0.2)
        self.process.terminate()
        sys.exit("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait()


def warm(paths, port=PORT):
    for path in paths:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
            response.read()


LUA = """
paths = {%s}
i = math.random(#paths)
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def wrk(paths, seconds, connections, port=PORT):
    """(requests/s, p50 ms, p99 ms, errors) from one wrk run over `paths` in turn."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % ", ".join(json.dumps(p) for p in paths))
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script.name]
        + [f"http://127.0.0.1:{port}/"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(script.name)

    def latency(percent):
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)", output, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors += sum(int(n) for n in socket.groups()) if socket else 0
    return rate, latency(50), latency(99), errors


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=10, help="per row")
    parser.add_argument("--connections", type=int, default=4, help="per row")
    parser.add_argument("--spread", type=int, default=300, help="URLs per registry row")
    parser.add_argument("--soak-seconds", type=int, default=60)
    parser.add_argument("--soak-connections", type=int, default=50)
    parser.add_argument("--only", help="rows to run, separated by | (default: all)")
    args = parser.parse_args()

    prepare(args.documents)
    cache.clear()
    pages = page_sets(random.Random(7), args.spread)
    queries = queries_per_page(pages)
    rows = [row for row in pages if not args.only or row in args.only.split("|")]
    results = {}
    # The search row again on every other engine: "search, Elasticsearch 8.19.21".
    names = {engine: "{} {}".format(*search_server(engine[1])) for engine in ENGINES}
    searched = [row for row in rows if row == "search"]
    engine_rows = [f"search, {names[engine]}" for engine in ENGINES[1:]] if searched else []
    for mode, seconds in (("uncached", 0), ("cached", 300)):
        cache.clear()
        with Server(seconds):
            # Each URL asked once before, as on a running site: the page (when cached) and
            # its data (filter counts) are remembered; the first-visit row is not warmed.
            warm(path for row in rows if row != FIRST_VISIT for path in pages[row])
            if mode == "cached":
                results["ceiling"] = wrk([f"/static/{CEILING}"], args.seconds, args.connections)
            for row in rows:
                if mode == "cached" and row == FIRST_VISIT:
                    continue  # asked once per URL: never from the cache
                results[row, mode] = wrk(pages[row], args.seconds, args.connections)
            if mode == "cached" and args.soak_seconds:
                mix = [path for row in rows for path in pages[row][:20]]
                soak = wrk(mix, args.soak_seconds, args.soak_connections)
        for engine, row in zip(ENGINES[1:], engine_rows, strict=False):
            cache.clear()
            with Server(seconds, engine):
                warm(pages["search"])
                results[row, mode] = wrk(pages["search"], args.seconds, args.connections)

    front = front_cache.measure(
        pages, rows, Server, warm, wrk, f"/static/{CEILING}", PORT, args.seconds, args.connections
    )

    total = LegalDocumentPage.objects.live().count()
    # The search row names its engine, and the other engines' search rows follow it.
    labels = {row: row for row in rows}
    if searched:
        labels["search"] = f"search, {names[ENGINES[0]]}"
        labels.update({row: row for row in engine_rows})
        queries.update({row: queries["search"] for row in engine_rows})
        at = rows.index("search") + 1
        rows[at:at] = engine_rows
    print(
        f"\n{total:,} legal documents; gunicorn 2 sync workers, {os.cpu_count()} cores; wrk "
        f"-t2 -c{args.connections}, {args.seconds} s per row; req/s, p50 / p99 ms\n"
    )
    print(
        "| page | SQL queries | uncached req/s | uncached p50 / p99 | cached req/s | cached p50 / p99 |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        uncached = results[row, "uncached"]
        hit = results.get((row, "cached"))
        cached = f"{hit[0]:,.0f} | {hit[1]:.1f} / {hit[2]:.1f}" if hit else "– | –"
        print(
            f"| {labels[row]} | {queries[row]} | {uncached[0]:,.0f} | {uncached[1]:.1f} / {uncached[2]:.1f} "
            f"| {cached} |"
        )
    ceiling = results["ceiling"]
    print(
        f"| static file (ceiling) | 0 | | | {ceiling[0]:,.0f} | {ceiling[1]:.1f} / {ceiling[2]:.1f} |"
    )
    errors = sum(result[3] for result in results.values())
    print(f"\nerrors in the rows above: {errors}")
    if args.soak_seconds:
        print(
            f"{args.soak_connections} clients for {args.soak_seconds} s on a mix of all pages, "
            f"cached: {soak[0]:,.0f} req/s, p50 {soak[1]:.1f} ms, p99 {soak[2]:.1f} ms, "
            f"{soak[3]} errors"
        )
    front_cache.report(front, results)


if __name__ == "__main__":
    main()
