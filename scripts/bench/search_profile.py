"""Where a search page's time goes: scripts/bench/search.py's queries through /tim-kiem/ and
/van-ban/?q= on each engine of BENCH_ENGINES (same database, same first visits: every cache
level emptied before each request), with each phase timed. Per view and engine, the mean per
request of each phase's calls and time (inclusive: a phase holds the phases it calls), and
within it the SQL queries and engine requests it made itself (count and ms; for the engine,
the round trip and the engine's own `took`):

    DATABASE_URL=postgres://portal:portal@127.0.0.1:5432/portal_bench \\
    SEARCH_URL=http://127.0.0.1:9200 SEARCH_INDEX_PREFIX=bench_ \\
    BENCH_ENGINES="opensearch2=http://127.0.0.1:9200 elasticsearch8=http://127.0.0.1:9201" \\
    DJANGO_SETTINGS_MODULE=portal.settings.test \\
    .venv/bin/python scripts/bench/search_profile.py [--repeated] [--cprofile /tim-kiem/]

The indexes are the ones search.py built (it indexes; this only reads). The phases are
wrapped here, at run time, around the functions named in PHASES: a measuring tool, nothing
in the site knows of it.
"""

import argparse
import cProfile
import importlib
import os
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from scripts.bench import search as bench  # noqa: E402  (sets Django up)
from search.backends import search_server  # noqa: E402

# (label, module, attribute): each call of module.attribute is a phase. A name imported by
# another module is wrapped where it is called from.
PHASES = [
    ("backend chosen (engine client made)", "search.engine", "get_search_backend"),
    ("numbers looked up", "search.views", "numbered_pages"),
    ("numbers looked up", "legal_docs.registry_search", "numbered_documents"),
    ("section counts + best 50", "search.views", "section_counts"),
    ("ranking (best 50 ordered, partial)", "search.views", "ranking"),
    ("search_pages", "search.views", "search_pages"),
    ("best pks (engine)", "search.ranking", "best_pks"),
    ("rerank (order of the best 50)", "search.ranking", "rerank"),
    ("rerank (order of the best 50)", "legal_docs.registry_search", "rerank"),
    ("partial matches", "search.ranking", "partial_matches"),
    ("partial matches", "legal_docs.registry_search", "partial"),
    ("registry: engine request + facets", "legal_docs.registry_search", "ask"),
    ("registry: facet labels", "legal_docs.registry_search", "read_facets"),
    ("registry: page of documents", "legal_docs.registry_search", "page_of"),
    ("results loaded (pages, validity)", "search.engine", "Ranked.__getitem__"),
    ("query counted for the report", "search.views", "record"),
    ("promotions", "search.views", "promotions"),
    ("snippets", "search.views", "snippet"),
    ("template rendered", "django.template.response", "SimpleTemplateResponse.render"),
]
ENGINE_METHODS = ["search", "msearch", "count"]


class Recorder:
    """Per request: {phase: [calls, ms, sql n, sql ms, engine n, engine ms, took ms]}; SQL
    and engine requests are charged to the innermost phase open (or "outside any phase")."""

    def __init__(self):
        self.active = False
        self.stack = []
        self.request = defaultdict(lambda: [0, 0.0, 0, 0.0, 0, 0.0, 0.0])

    def charge(self, sql=None, engine=None):
        row = self.request[self.stack[-1] if self.stack else "outside any phase"]
        if sql is not None:
            row[2] += 1
            row[3] += sql
        if engine is not None:
            row[4] += 1
            row[5] += engine[0]
            row[6] += engine[1]

    def phase(self, label, function):
        recorder = self

        def timed(*args, **kwargs):
            if not recorder.active:
                return function(*args, **kwargs)
            recorder.stack.append(label)
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                recorder.stack.pop()
                row = recorder.request[label]
                row[0] += 1
                row[1] += (time.perf_counter() - start) * 1000

        return timed

    def sql(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            if self.active:
                self.charge(sql=(time.perf_counter() - start) * 1000)

    def engine_method(self, function):
        recorder = self

        def timed(*args, **kwargs):
            start = time.perf_counter()
            response = function(*args, **kwargs)
            if recorder.active:
                took = response.get("took", 0) if hasattr(response, "get") else 0
                if not took and "responses" in response:  # _msearch: the slowest of them
                    took = max(r.get("took", 0) for r in response["responses"])
                recorder.charge(engine=((time.perf_counter() - start) * 1000, took))
            return response

        return timed


def install(recorder):
    for label, module_name, attribute in PHASES:
        module = importlib.import_module(module_name)
        owner, name = module, attribute
        if "." in attribute:
            class_name, name = attribute.split(".")
            owner = getattr(module, class_name)
        if hasattr(owner, name):
            setattr(owner, name, recorder.phase(label, getattr(owner, name)))
    clients = []
    for module_name, class_name in (
        ("opensearchpy", "OpenSearch"),
        ("elasticsearch", "Elasticsearch"),
    ):
        try:
            clients.append(getattr(importlib.import_module(module_name), class_name))
        except ImportError:
            pass
    for client in clients:
        for method in ENGINE_METHODS:
            setattr(client, method, recorder.engine_method(getattr(client, method)))


def visit(client, recorder, path, params, first, profiler=None):
    """One request's phases and its total time."""
    if first:
        bench.forget_everything(client)
    recorder.request.clear()
    recorder.active = True
    if profiler:
        profiler.enable()
    start = time.perf_counter()
    with connection.execute_wrapper(recorder.sql):
        response = client.get(path, params)
    total = (time.perf_counter() - start) * 1000
    if profiler:
        profiler.disable()
    recorder.active = False
    if response.status_code != 200:
        sys.exit(f"{path} {params}: HTTP {response.status_code}")
    return dict(recorder.request), total


def table(label, path, requests):
    """The mean per request of each phase, in the order phases first appeared."""
    n = len(requests)
    totals = sorted(total for _phases, total in requests)
    p50, p95 = totals[n // 2], totals[max(int(n * 0.95) - 1, 0)]
    print(
        f"\n{label} {path}: {n} requests, total p50 {p50:.1f} ms, p95 {p95:.1f} ms, mean "
        f"{sum(totals) / n:.1f} ms"
    )
    print(
        f"  {'phase (mean per request)':<38} {'calls':>5} {'ms':>6}  {'SQL n':>5} {'SQL ms':>6}"
        f"  {'engine n':>8} {'round trip':>10} {'took':>5}"
    )
    order, sums = [], defaultdict(lambda: [0.0] * 7)
    for phases, _total in requests:
        for phase, row in phases.items():
            if phase not in order:
                order.append(phase)
            sums[phase] = [a + b for a, b in zip(sums[phase], row, strict=True)]
    sql_n = sql_ms = engine_n = engine_ms = 0
    for phase in order:
        calls, ms, sn, sms, en, ems, took = (value / n for value in sums[phase])
        sql_n, sql_ms, engine_n, engine_ms = (
            sql_n + sn,
            sql_ms + sms,
            engine_n + en,
            engine_ms + ems,
        )
        print(
            f"  {phase:<38} {calls:>5.1f} {ms:>6.1f}  {sn:>5.1f} {sms:>6.1f}  {en:>8.1f} "
            f"{ems:>10.1f} {took:>5.1f}"
        )
    print(
        f"  {'all SQL / all engine requests':<38} {'':>5} {'':>6}  {sql_n:>5.1f} {sql_ms:>6.1f}"
        f"  {engine_n:>8.1f} {engine_ms:>10.1f}"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--repeated", action="store_true", help="repeated visits, not first")
    parser.add_argument("--cprofile", help="a path (/tim-kiem/ or /van-ban/): its top functions")
    parser.add_argument("--warm-up", type=int, default=3, help="passes of the warm-up words")
    parser.add_argument("--each", action="store_true", help="also one line per request")
    args = parser.parse_args()
    recorder = Recorder()
    install(recorder)
    database = settings.WAGTAILSEARCH_BACKENDS["database"]
    engines = os.environ.get("BENCH_ENGINES", f"{settings.SEARCH_ENGINE}={settings.SEARCH_URL}")
    for engine, url, *prefix in (each.split("=") for each in engines.split()):
        default = {**settings.WAGTAILSEARCH_BACKENDS["default"]}
        default.update(BACKEND=f"search.backends.{engine}", URLS=[url])
        if prefix:
            default.update(INDEX_PREFIX=prefix[0])
        label = "{} {}".format(*search_server(url))
        backends = {"default": default, "database": database}
        with override_settings(
            WAGTAILSEARCH_BACKENDS=backends, PAGE_CACHE_SECONDS=0, VISITS_FLUSH_SECONDS=2
        ):
            cache.clear()
            client = Client()
            client.get("/")
            for _ in range(args.warm_up):
                for words in bench.WARM_UP:
                    client.get("/tim-kiem/", {"q": words})
                    client.get("/van-ban/", {"q": words})
            if args.repeated:
                for path, params in bench.PATHS:
                    client.get(path, params)
            profiler = cProfile.Profile() if args.cprofile else None
            requests = defaultdict(list)
            for _ in range(args.rounds):
                for path, params in bench.PATHS:
                    chosen = profiler if path == args.cprofile else None
                    phases, total = visit(client, recorder, path, params, not args.repeated, chosen)
                    requests[path].append((phases, total))
                    if args.each:
                        sql = sum(row[2] for row in phases.values())
                        engine = [sum(row[i] for row in phases.values()) for i in (4, 5, 6)]
                        print(
                            f"{label} {path} {params['q']!r}: {total:.1f} ms, {sql} SQL, "
                            f"{engine[0]} engine requests ({engine[1]:.1f} ms, took "
                            f"{engine[2]:.0f} ms)"
                        )
        for path, measured in requests.items():
            table(label, path, measured)
        if profiler:
            print(f"\n{label} {args.cprofile}: top functions by cumulative time")
            stats = pstats.Stats(profiler)
            stats.sort_stats("cumulative").print_stats(60)
            stats.sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
