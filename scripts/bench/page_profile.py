"""Where an uncached page's time goes, on the production settings and the bench database
that scripts/bench/load.py uses (same environment variables: BENCH_DATABASE_URL,
BENCH_INDEX_PREFIX, BENCH_REDIS_URL, BENCH_ENGINES). For each row of load.py's page sets,
its URLs are asked once (as on a running site; the uncached legal document and the first-visit
rows take URLs never asked, as load.py does), then `--requests`
of them are asked under cProfile with the page cache off, and the functions with the
most time of their own and cumulated are printed, with the SQL queries of one request:

    .venv/bin/python scripts/bench/page_profile.py --only "legal document" [--requests 200]

A measuring tool only: it reads the bench database that load.py prepared, and changes nothing.
"""

import argparse
import cProfile
import pstats
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from scripts.bench import load  # noqa: E402  (sets Django up on the production settings)
from scripts.bench.measure import counted_get  # noqa: E402


@override_settings(PAGE_CACHE_SECONDS=0)
def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", help="rows, separated by | (default: all)")
    parser.add_argument("--requests", type=int, default=200, help="profiled requests per row")
    parser.add_argument("--lines", type=int, default=35, help="functions printed per order")
    parser.add_argument("--spread", type=int, default=300)
    parser.add_argument("--dump", help="also write each row's profile to DUMP-<row>.prof")
    args = parser.parse_args()
    call_command("collectstatic", interactive=False, verbosity=0)  # the manifest's names
    cache.clear()
    rng = random.Random(7)
    pages, fresh_documents = load.page_sets(rng, args.spread, args.requests)
    # As load.py's uncached rows ask them: documents and filters never asked before.
    fresh = {
        "legal document": fresh_documents,
        load.FIRST_VISIT: load.never_asked(rng).draw(args.requests),
    }
    pages[load.FIRST_VISIT] = fresh[load.FIRST_VISIT]
    client = Client(HTTP_HOST="127.0.0.1")
    client.get("/")
    for row, paths in pages.items():
        if args.only and row not in args.only.split("|"):
            continue
        if row in fresh:
            paths = fresh[row][: args.requests]
        else:
            paths = (paths * (args.requests // len(paths) + 1))[: args.requests]
            for path in set(paths):
                client.get(path)
        response, queries = counted_get(client, paths[-1])
        profile = cProfile.Profile()
        start = time.perf_counter()
        profile.enable()
        for path in paths[:-1]:
            client.get(path)
        profile.disable()
        ms = (time.perf_counter() - start) * 1000 / (len(paths) - 1)
        print(f"\n=== {row}: {ms:.1f} ms a request under the profiler, {queries} SQL queries")
        if args.dump:
            profile.dump_stats(f"{args.dump}-{row.split()[0]}.prof")
        stats = pstats.Stats(profile).strip_dirs()
        stats.sort_stats("cumulative").print_stats(args.lines)
        stats.sort_stats("tottime").print_stats(args.lines)


if __name__ == "__main__":
    main()
