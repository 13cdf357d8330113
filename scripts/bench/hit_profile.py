"""What a page-cache hit costs against the static file (load.py's ceiling), in one process,
without gunicorn: each row's URLs (load.py's page sets) are asked once, then `--requests`
more times straight through Django's WSGI handler on the production settings (the same
environment variables as load.py: BENCH_DATABASE_URL, BENCH_INDEX_PREFIX, BENCH_REDIS_URL),
and the CPU time per request is printed with the body's size. `--profile` prints where a
row's time goes (cProfile, by cumulated time, and what the page cache's middleware calls):

    .venv/bin/python scripts/bench/hit_profile.py [--only "legal document"] [--profile]

Comparing two checkouts: run it from each, alternately, in the same minutes (the figures of
a busy machine move by a quarter from one minute to the next). A measuring tool only: it
changes nothing but the page cache's entries in BENCH_REDIS_URL.
"""

import argparse
import cProfile
import io
import os
import pstats
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("PAGE_CACHE_SECONDS", "300")

from django.conf import settings  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from scripts.bench import load  # noqa: E402  (sets Django up on the production settings)

STATIC = "static file"


def environ(path):
    path, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_USER_AGENT": "wrk",  # as load.py's requests: counted, not a robot
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }


def call(app, path):
    """(status, headers, body size) of one request, read to the end as a server would."""
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer.update(status=status, headers=headers)

    body = app(environ(path), start_response)
    filelike = getattr(body, "filelike", None)  # a static file: the server would sendfile it
    size = len(filelike.read()) if filelike else sum(len(chunk) for chunk in body)
    body.close()
    return answer["status"], dict(answer["headers"]), size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", help="rows, separated by | (default: all and the static file)")
    parser.add_argument("--requests", type=int, default=3000, help="timed requests per row")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--lines", type=int, default=30)
    args = parser.parse_args()
    call_command("collectstatic", interactive=False, verbosity=0)
    ceiling = Path(settings.STATIC_ROOT) / load.CEILING
    if not ceiling.exists():  # as load.py writes it: the home page's bytes
        ceiling.parent.mkdir(parents=True, exist_ok=True)
        ceiling.write_bytes(Client(HTTP_HOST="127.0.0.1").get("/").content)
    app = WSGIHandler()  # after the ceiling exists: whitenoise lists the files at its start
    pages, _ = load.page_sets(random.Random(7), 300, 10)
    rows = {STATIC: [f"/static/{load.CEILING}"]}
    rows.update((row, pages[row]) for row in ("home", "section", "article"))
    rows.update((row, pages[row]) for row in ("listing + filters", "legal document"))
    for row, paths in rows.items():
        if args.only and row not in args.only.split("|"):
            continue
        for path in paths:
            status, headers, size = call(app, path)  # asked once before, as in load.py
        status, headers, size = call(app, paths[0])
        if row != STATIC and headers.get("X-Cache") != "hit":
            sys.exit(f"{paths[0]}: {status}, X-Cache {headers.get('X-Cache')}: not a hit")
        asked = (paths * (args.requests // len(paths) + 1))[: args.requests]
        start = time.process_time()
        for path in asked:
            call(app, path)
        cpu = (time.process_time() - start) * 1e6 / len(asked)
        print(f"{row:18} {cpu:6.0f} µs CPU a request, body {size:,} bytes, {len(headers)} headers")
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            for path in asked:
                call(app, path)
            profile.disable()
            stats = pstats.Stats(profile).strip_dirs().sort_stats("cumulative")
            stats.print_stats(args.lines)
            stats.print_callees(r"page_cache.py:\d+\(__call__\)")


if __name__ == "__main__":
    main()
