"""Server time and SQL queries per public page, through Django's full request stack.

    DJANGO_SETTINGS_MODULE=portal.settings.dev .venv/bin/python scripts/bench/pages.py [--requests N]

Runs against the database of the settings (SQLite for `make run`, PostgreSQL with
DATABASE_URL) after `setup_portal --demo`. Prints p50/p95 server time, throughput of one
process, and the SQL queries each page needs.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from scripts.bench.measure import counted_get  # noqa: E402

PAGES = [
    "/",
    "/gioi-thieu/",
    "/tin-tuc/",
    "/tin-tuc/ban-hanh-quy-che-hoat-dong-trang-thong-tin-dien-tu/",
    "/pho-bien-giao-duc-phap-luat/nhung-nguoi-duoc-tro-giup-phap-ly/",
    "/gioi-thieu/co-cau-to-chuc/",
    "/danh-muc-thong-tin-cong-khai/",
    "/van-ban/",
    "/van-ban/53-2014-qh13/",
    "/tim-kiem/?q=tr%E1%BB%A3+gi%C3%BAp+ph%C3%A1p+l%C3%BD",
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=50, help="requests per page")
    args = parser.parse_args()
    client = Client(HTTP_HOST="127.0.0.1")
    client.get("/")  # the layout cache (menu, settings) is warm on a running site
    print(f"database: {connection.vendor}; {args.requests} requests per page, one process")
    print(f"{'page':<66} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>7}")
    for path in PAGES:
        response, queries = counted_get(client, path)
        if response.status_code != 200:
            sys.exit(
                f"{path}: HTTP {response.status_code}; run `manage.py setup_portal --demo` first"
            )
        timings = []
        for _ in range(args.requests):
            start = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p50 = statistics.median(timings)
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        rate = 1000 * len(timings) / sum(timings)
        print(f"{path[:66]:<66} {queries:>7} {p50:>8.1f} {p95:>8.1f} {rate:>7.1f}")


if __name__ == "__main__":
    main()
