"""Public search at size: indexing throughput into each backend, then a fixed mix of citizen
queries through the search views (full Django stack, one process), p50/p95 per backend and
each engine/PostgreSQL ratio. Every engine of BENCH_ENGINES (client name and URL of each;
default: SEARCH_ENGINE at SEARCH_URL) in one run:

    bash scripts/services/opensearch.sh; bash scripts/services/elasticsearch.sh
    DATABASE_URL=postgres://portal:portal@127.0.0.1:5432/portal_bench \\
    SEARCH_URL=http://127.0.0.1:9200 SEARCH_INDEX_PREFIX=bench_ \\
    BENCH_ENGINES="opensearch2=http://127.0.0.1:9200 elasticsearch8=http://127.0.0.1:9201" \\
    DJANGO_SETTINGS_MODULE=portal.settings.test \\
    .venv/bin/python scripts/bench/search.py

The database is the one scripts/bench/legal_docs.py fills (100,000 documents). An entry
`engine=url=prefix` of BENCH_ENGINES gives that engine index names of its own.
--index engine|postgres|none reuses the other indexes of an earlier run.
"""

import argparse
import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()
# One line per request otherwise.
logging.getLogger("opensearch").setLevel(logging.WARNING)
logging.getLogger("elastic_transport").setLevel(logging.WARNING)

from django.conf import settings  # noqa: E402
from django.core.cache import cache, caches  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from legal_docs.models import LegalDocumentPage  # noqa: E402
from search.backends import search_server  # noqa: E402
from search.engine import is_engine  # noqa: E402

QUERIES = [
    "quyết định",
    "quyet dinh",
    "hộ tịch",
    "ho tich",
    "chứng thực bản sao",
    "chung thuc ban sao",
    "2975/QĐ-UBND",
    "2975 qd ubnd",
    "QĐ 2975",
    "đăng ký khai sinh",
    "dang ky khai sinh",
    "trợ giúp pháp lý",
    "luat ho tich",
    "thong tu huong dan",
]
# Other words, asked before measuring: an engine just started compiles its code on its
# first queries, which a running site's engine has long done.
WARM_UP = ["công chứng", "cong chung", "lý lịch tư pháp", "ly lich tu phap", "nghị định", "1234"]
PATHS = [("/tim-kiem/", {"q": q}) for q in QUERIES] + [("/van-ban/", {"q": q}) for q in QUERIES]


def index(backend_name):
    """Every legal document into one backend, in batches of 1,000 (the engine's bulk API;
    for the engine a fresh index swapped in by alias, as update_index does); documents/s."""
    backend = get_search_backend(backend_name)
    documents = LegalDocumentPage.get_indexed_objects().live().order_by("pk")  # as update_index
    total = documents.count()
    start = time.perf_counter()
    index = backend.get_index_for_model(LegalDocumentPage)
    rebuilder = backend.rebuilder_class(index) if is_engine(backend) else None
    if rebuilder:
        index = rebuilder.start()
        index.add_model(LegalDocumentPage)
    for offset in range(0, total, 1000):
        index.add_items(LegalDocumentPage, list(documents[offset : offset + 1000]))
    if rebuilder:
        rebuilder.finish()
    return total, total / (time.perf_counter() - start)


def percentiles(timings):
    timings = sorted(timings)
    return statistics.median(timings), timings[max(int(len(timings) * 0.95) - 1, 0)]


def forget_everything(client):
    """Empty every cache level: the shared cache and this process's own memory
    (portal/core/cache.py's get_or_build() keeps a copy of each entry there, so clearing only the
    shared cache left the registry's answers in memory and its "first visits" measured
    memory hits). Then the home page and another search on each view: a running site has
    its layout (menu, settings), the registry's route and the names of its reference lists,
    and knows its engine is up, never the answer to a query nobody asked yet. The registry's
    own page, unfiltered, is its most visited: its counts by type and field are what the
    tips of a search that found nothing list (legal_docs/listing.py, browse_options), and
    are kept until content changes, whatever the query."""
    for alias in caches:
        caches[alias].clear()
    client.get("/")
    client.get("/van-ban/")
    client.get("/tim-kiem/", {"q": WARM_UP[-1]})  # and whether the engine is up
    client.get("/van-ban/", {"q": WARM_UP[-1]})


def measure(client, rounds, first_visits):
    """{view: (p50, p95)} over `rounds` passes of the mix: first visits (nothing remembered
    for the query) or repeated ones, as popular queries are."""
    timings = {}
    for _ in range(rounds):
        for path, params in PATHS:
            if first_visits:
                forget_everything(client)
            start = time.perf_counter()
            response = client.get(path, params)
            timings.setdefault(path, []).append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                sys.exit(f"{path} {params}: HTTP {response.status_code}")
    return {path: percentiles(values) for path, values in timings.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--index",
        choices=["both", "engine", "postgres", "none"],
        default="both",
        help="which backends to (re)index before measuring",
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--settle", type=int, default=300, help="seconds to wait after indexing")
    args = parser.parse_args()
    if not settings.SEARCH_URL:
        sys.exit("Set SEARCH_URL (bash scripts/services/opensearch.sh starts the engine).")
    database = settings.WAGTAILSEARCH_BACKENDS["database"]
    rows = {}
    runs = []  # (label, kind, backend to index, backends to search with)
    engines = os.environ.get("BENCH_ENGINES", f"{settings.SEARCH_ENGINE}={settings.SEARCH_URL}")
    for engine, url, *prefix in (each.split("=") for each in engines.split()):
        default = {**settings.WAGTAILSEARCH_BACKENDS["default"]}
        default.update(BACKEND=f"search.backends.{engine}", URLS=[url])
        if prefix:  # `engine=url=prefix`: that engine's own index names
            default.update(INDEX_PREFIX=prefix[0])
        label = "{} {}".format(*search_server(url))
        runs.append((label, "engine", "default", {"default": default, "database": database}))
    runs.append(("postgres", "postgres", "database", {"default": database, "database": database}))
    for label, kind, backend_name, backends in runs:
        if args.index in ("both", kind):
            with override_settings(WAGTAILSEARCH_BACKENDS=backends):
                total, rate = index(backend_name)
            print(f"{label}: indexed {total} documents, {rate:.0f} documents/s", flush=True)
    if args.index != "none":
        # A running site's engine has long merged the segments a bulk load leaves; measured
        # while it merges, on two cores, the engine competes with the site for the CPU.
        time.sleep(args.settle)
    for label, _kind, _backend_name, backends in runs:
        # The registry's search pages are kept by the page cache (portal/page_cache.py),
        # which would answer every pass after the first without asking any backend.
        # Page views written every 2 s as in production (the test settings write each one).
        with override_settings(
            WAGTAILSEARCH_BACKENDS=backends, PAGE_CACHE_SECONDS=0, VISITS_FLUSH_SECONDS=2
        ):
            cache.clear()
            client = Client()
            client.get("/")  # the layout cache, as on a running site
            for _ in range(5):
                for words in WARM_UP:
                    client.get("/tim-kiem/", {"q": words})
                    client.get("/van-ban/", {"q": words})
            first = measure(client, args.rounds, first_visits=True)
            measure(client, 1, first_visits=False)  # remember every query once
            rows[label] = {"first visit": first, "repeated": measure(client, args.rounds, False)}
        for kind, views in rows[label].items():
            for path, (p50, p95) in views.items():
                print(f"{label} {path} {kind}: p50 {p50:.1f} ms, p95 {p95:.1f} ms", flush=True)
    for label, _kind, _backend_name, _backends in runs[:-1]:
        for visit in ("first visit", "repeated"):
            for path in rows[label][visit]:
                engine, postgres = rows[label][visit][path], rows["postgres"][visit][path]
                print(
                    f"{label}/postgres {path} {visit}: p50 ratio {engine[0] / postgres[0]:.2f}, "
                    f"p95 ratio {engine[1] / postgres[1]:.2f}"
                )


if __name__ == "__main__":
    main()
