"""`make bench`: the production stack under load. gunicorn with 2 workers on the production
settings (PostgreSQL, the search engine, Redis, whitenoise), 100,000 generated legal
documents, wrk on the same machine. For each public page type: requests/s, p50 and p99, with
the page cache (each URL requested once before) and without it (PAGE_CACHE_SECONDS=0),
and the SQL queries of one uncached request; a copy of the home page served by whitenoise
as a static file gives the ceiling of the stack. Then 50 clients for 60 s on a mix of the
cached pages, which must give no error. Then the cached pages and the static file again through
Varnish in front of the same gunicorn (scripts/bench/front_cache.py). The search row runs once per engine (BENCH_ENGINES: client
name and URL of each; OpenSearch on 9200 and Elasticsearch on 9201 by default, both started
by `make bench`), the other rows on the first.

Last, a stock Wagtail site (scripts/bench/peer.py) on the same stack, so every row is also
printed as a ratio to its stock counterpart and to the static file, with the issue's targets
met or not met (scripts/bench/table.py).

    make bench                      # or: .venv/bin/python scripts/bench/load.py --help

The uncached legal document and the listing with filters never asked before ask each URL at
most once (their lists are sized generously, and a row that repeats one fails the run), so no
per-document cache carries them; the filters are drawn at random from a seed printed at the
start (--seed repeats a run's draws). The other rows are asked before, as a running site's
popular pages are.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

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

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from home.models import ArticlePage, SectionPage  # noqa: E402
from legal_docs.models import LegalDocumentPage, LegalField  # noqa: E402
from scripts.bench import front_cache, peer, table, wrk  # noqa: E402
from scripts.bench.measure import counted_get, ensure_database  # noqa: E402
from scripts.bench.never_asked import NeverAsked, new_seed  # noqa: E402
from scripts.bench.table import FIRST_VISIT, STATIC  # noqa: E402
from search.backends import search_server  # noqa: E402

CEILING = "bench/trang-chu.html"
SEARCHES = ["hộ tịch", "ho tich", "chứng thực", "quyết định", "2975/QĐ-UBND", "trợ giúp pháp lý"]
# URLs an each-URL-once row gets per second of its run: several times what these pages reach
# on a quiet machine, so a faster machine still does not run out (and if it does, the run fails).
DOCUMENTS_PER_SECOND = 1000
NEVER_ASKED_PER_SECOND = 500
PEER_PAGES_PER_SECOND = 1000


def indexed_pages(search_url):
    url = f"{search_url}/{ENV['SEARCH_INDEX_PREFIX']}wagtailcore_page/_count"
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return json.load(response)["count"]
    except OSError:
        return 0


def prepare(documents):
    ensure_database(DATABASE_URL)
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


def never_asked(rng):
    """The run's source of filter combinations nobody asked for before."""
    used = LegalDocumentPage.objects.order_by()
    return NeverAsked(
        rng,
        type_ids=sorted(set(used.values_list("document_type", flat=True).distinct()) - {None}),
        authority_ids=sorted(
            set(used.values_list("issuing_authority", flat=True).distinct()) - {None}
        ),
        field_ids=sorted(LegalField.objects.values_list("id", flat=True)),
        years=range(2000, 2027),
    )


def page_sets(rng, spread, fresh_documents):
    """({row: [paths asked before]}, [legal documents asked once, none of them in the first])."""
    section = SectionPage.objects.live().public().order_by("path").first()
    article = ArticlePage.objects.live().public().order_by("-first_published_at").first()
    used = LegalDocumentPage.objects.order_by()
    type_ids = sorted(set(used.values_list("document_type", flat=True).distinct()) - {None})
    slugs = list(LegalDocumentPage.objects.live().order_by("pk").values_list("slug", flat=True))
    if spread + fresh_documents > len(slugs):
        sys.exit(f"{len(slugs)} documents, {spread + fresh_documents} wanted: raise --documents")
    documents = [f"/van-ban/{slug}/" for slug in rng.sample(slugs, spread + fresh_documents)]
    return {
        "home": ["/"],
        "section": [section.url],
        "article": [article.url],
        "listing + filters": [
            f"/van-ban/?loai={rng.choice(type_ids)}&nam={rng.randrange(2000, 2027)}"
            for _ in range(spread)
        ],
        # Asked before in the cached mode; asked once each (the list below) in the uncached one.
        "legal document": documents[:spread],
        "search": [f"/tim-kiem/?q={quote(q)}&trang={n}" for q in SEARCHES for n in (1, 2, 3)],
    }, documents[spread:]


@override_settings(PAGE_CACHE_SECONDS=0)
def queries_per_page(pages, first_visit):
    """{row: SQL queries of one uncached request}; `first_visit` is a URL of its own, asked
    here and never again."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.get("/")  # the layout cache is warm on a running site
    counts = {}
    for row, paths in [*pages.items(), (FIRST_VISIT, [first_visit])]:
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
    def __init__(self, page_cache_seconds, engine=ENGINES[0], port=PORT, **env):
        self.env = {**os.environ, "PAGE_CACHE_SECONDS": str(page_cache_seconds), **env}
        self.env.update(SEARCH_ENGINE=engine[0], SEARCH_URL=engine[1])
        self.port = port
        self.tree = ROOT  # the checkout it serves (scripts/bench/page_cache_pair.py sets another)

    def __enter__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "portal.wsgi", "--workers", "2"]
            + ["--bind", f"127.0.0.1:{self.port}", "--log-level", "warning"],
            cwd=self.tree,
            env=self.env,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/robots.txt", timeout=2)
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


def measure_mode(mode, rows, pages, fresh, args, port=PORT):
    """{(row, mode): wrk.Result} and the static file, from a server already listening on
    `port`; the mode's single entry point, for this script's modes and for a server in front
    (a front cache) alike. `fresh` is {row: paths asked once} for the rows asked once here."""
    # Each URL asked once before, as on a running site: the page (when cached) and its data
    # (filter counts) are remembered; the URLs of `fresh` are not asked before.
    warm((path for row in rows if row in pages for path in pages[row]), port)
    warm([f"/static/{CEILING}"], port)
    results = {
        (STATIC, mode): wrk.run([f"/static/{CEILING}"], args.seconds, args.connections, port)
    }
    for row in rows:
        paths = fresh.get(row) or pages.get(row)
        if paths:
            results[row, mode] = wrk.run(paths, args.seconds, args.connections, port)
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=10, help="per row")
    parser.add_argument("--connections", type=int, default=4, help="per row")
    parser.add_argument("--spread", type=int, default=300, help="URLs per asked-before row")
    parser.add_argument("--soak-seconds", type=int, default=60)
    parser.add_argument("--soak-connections", type=int, default=50)
    parser.add_argument("--only", help="rows to run, separated by | (default: all)")
    parser.add_argument("--seed", type=int, help="repeat the random draws of an earlier run")
    parser.add_argument(
        "--peer",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="measure the stock Wagtail site (scripts/bench/peer.py) and print the ratios to it",
    )
    args = parser.parse_args()
    seed = new_seed() if args.seed is None else args.seed
    print(f"seed {seed} (--seed {seed} repeats this run's draws)", flush=True)
    rng = random.Random(seed)

    prepare(args.documents)
    cache.clear()
    filters = never_asked(rng)
    pages, fresh_documents = page_sets(
        rng, args.spread, DOCUMENTS_PER_SECOND * max(args.seconds, 1)
    )
    queries = queries_per_page(pages, filters.draw(1)[0])
    # In the table's order: the first visit after the listing it is a variant of.
    order = [*pages][:4] + [FIRST_VISIT] + [*pages][4:]
    rows = [row for row in order if not args.only or row in args.only.split("|")]
    fresh = {"legal document": fresh_documents}
    if FIRST_VISIT in rows:
        fresh[FIRST_VISIT] = filters.draw(NEVER_ASKED_PER_SECOND * max(args.seconds, 1))
    results = {}
    # The search row again on every other engine: "search, Elasticsearch 8.19.21".
    names = {engine: "{} {}".format(*search_server(engine[1])) for engine in ENGINES}
    searched = [row for row in rows if row == "search"]
    engine_rows = [f"search, {names[engine]}" for engine in ENGINES[1:]] if searched else []
    # Cached: every row from pages asked before; the never-asked filters have no cached row
    # (a URL asked once is never answered from a cache).
    cached_rows = [row for row in rows if row != FIRST_VISIT]
    soak, stock = None, {}
    if args.peer:
        pages_needed = PEER_PAGES_PER_SECOND * max(args.seconds, 1)
        peer.prepare(pages_needed, Path(settings.STATIC_ROOT) / CEILING, ensure_database)
    for mode, seconds in (("uncached", 0), ("cached", 300)):
        cache.clear()
        with Server(seconds):
            if mode == "uncached":
                results.update(measure_mode(mode, rows, pages, fresh, args))
            else:
                results.update(measure_mode(mode, cached_rows, pages, {}, args))
                if args.soak_seconds:
                    mix = [path for row in cached_rows for path in pages[row][:20]]
                    soak = wrk.run(mix, args.soak_seconds, args.soak_connections, PORT)
        for engine, row in zip(ENGINES[1:], engine_rows, strict=False):
            cache.clear()
            with Server(seconds, engine):
                warm(pages["search"])
                results[row, mode] = wrk.run(pages["search"], args.seconds, args.connections, PORT)
        if mode == "uncached" and args.peer:
            # Right after the uncached rows it is held against, so the machine has had the
            # least time to change between them.
            stock = peer.run(rng, pages_needed, args.seconds, args.connections)
    modes = ["uncached", "cached"]
    # Another mode is one call: it starts its servers and returns measure_mode()'s results;
    # the table, its ratios (to the static file through the same servers) and the URL counts
    # follow by themselves.
    front = front_cache.run(cached_rows, pages, args, measure_mode, Server, PORT)
    if front:
        results.update(front)
        modes.append(front_cache.MODE)

    report(args, rows, modes, results, queries, stock, soak, names, engine_rows)


def report(args, rows, modes, results, queries, stock, soak, names, engine_rows):
    total = LegalDocumentPage.objects.live().count()
    # The search row names its engine, and the other engines' search rows follow it.
    if "search" in rows:
        label = f"search, {names[ENGINES[0]]}"
        results = {
            (label if row == "search" else row, mode): r for (row, mode), r in results.items()
        }
        queries = {label if row == "search" else row: n for row, n in queries.items()}
        queries.update({row: queries[label] for row in engine_rows})
        at = rows.index("search")
        rows = rows[:at] + [label, *engine_rows] + rows[at + 1 :]
    print(
        f"\n{total:,} legal documents; gunicorn 2 sync workers, {os.cpu_count()} cores; wrk "
        f"-t2 -c{args.connections}, {args.seconds} s per row; req/s, p50 / p99 ms; × static: "
        "to the static file from the same server in the same mode; × stock: to the stock "
        "Wagtail page named in the row, uncached (it has no page cache)\n"
    )
    print("\n".join(table.main_table(rows, modes, results, queries, stock)))
    if stock:
        print(
            "\nThe stock Wagtail 8 site (`wagtail start`, scripts/bench/peer.py) on the same "
            "stack, measured right after the uncached rows:\n"
        )
        print("\n".join(table.peer_table(stock)))
    measured = {key: result for key, result in results.items() if key[0] != STATIC}
    measured.update({(row, "stock"): result for row, result in stock.items() if row != STATIC})
    spread, repeated = table.spread_lines(measured)
    print("\nRequests against distinct URLs:")
    print("\n".join(spread))
    errors = sum(result.errors for result in [*results.values(), *stock.values()])
    print(f"\nerrors in the rows above: {errors}")
    if soak:
        print(
            f"{args.soak_connections} clients for {args.soak_seconds} s on a mix of the cached rows, "
            f"cached: {soak.rate:,.0f} req/s, p50 {soak.p50:.1f} ms, p99 {soak.p99:.1f} ms, "
            f"{soak.errors} errors"
        )
    cached_rows = [
        row for row in rows if (row, "cached") in results and not row.startswith("search")
    ]
    print("\nTargets (issue #27):")
    print("\n".join(table.target_lines(results, stock, soak, cached_rows)))
    if repeated:
        sys.exit(f"\nFAILED: rows meant to ask each URL once repeated some: {', '.join(repeated)}")


if __name__ == "__main__":
    main()
