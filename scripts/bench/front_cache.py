"""The rows of `make bench` through the front-end cache (docs/operations.md#front-end-cache):
Varnish (scripts/services/varnish.sh) on BENCH_VARNISH_PORT in front of the bench's gunicorn,
which runs with FRONTEND_CACHE_URLS so it marks the pages Varnish may keep. Each URL is asked
once through Varnish before its row, as on a running site; the same static file as the
application's ceiling row, through Varnish, is the ceiling of these rows. Pages served by
Varnish never reach gunicorn, so their rows measure Varnish on this machine; the table puts
each next to the application's own page cache for the same page.

load.py calls measure() with its own server, warm and wrk, then report()."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("BENCH_VARNISH_PORT", "8098"))
# The rows whose pages a front-end cache keeps (search is never kept: it counts each query).
ROWS = ["home", "section", "article", "listing + filters", "legal document"]
CEILING = "static file (ceiling)"


class Varnish:
    def __init__(self, *backends):
        self.backends = backends

    def __enter__(self):
        self.run("start", *self.backends)
        return self

    def __exit__(self, *exc):
        self.run("stop")

    def run(self, action, *backends):
        script = ROOT / "scripts" / "services" / "varnish.sh"
        subprocess.run(["bash", script, action, str(PORT), *backends], check=True)


def measure(pages, rows, server, warm, wrk, ceiling, app_port, seconds, connections):
    """{row: (req/s, p50, p99, errors)} through Varnish for the selected `rows` it keeps,
    and CEILING: the static file `ceiling` through it. {} when no such row is selected."""
    rows = [row for row in ROWS if row in rows]
    if not rows:
        return {}
    results = {}
    env = {"FRONTEND_CACHE_URLS": f"http://127.0.0.1:{PORT}"}
    with server(300, **env), Varnish(f"127.0.0.1:{app_port}"):
        warm((path for row in rows for path in pages[row]), port=PORT)
        results[CEILING] = wrk([ceiling], seconds, connections, port=PORT)
        for row in rows:
            results[row] = wrk(pages[row], seconds, connections, port=PORT)
    return results


def report(front, app):
    """The rows through Varnish next to the application's own page cache (`app`: load.py's
    results, keyed (row, "cached"), and "ceiling"), each also as a share of its ceiling."""
    if not front:
        return
    ceiling, app_ceiling = front[CEILING][0], app["ceiling"][0]
    print(f"\nThrough the front-end cache (Varnish on port {PORT}; req/s, p50 / p99 ms):\n")
    print(
        "| page | front cache req/s | p50 / p99 | × static through it "
        "| page cache req/s | × static from gunicorn | front ÷ page cache |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row, (rate, p50, p99, _errors) in front.items():
        own = app.get((row, "cached")) or (app["ceiling"] if row == CEILING else None)
        mine = (
            f"{own[0]:,.0f} | {own[0] / app_ceiling:.2f}× | {rate / own[0]:.1f}×"
            if own
            else "– | – | –"
        )
        print(f"| {row} | {rate:,.0f} | {p50:.1f} / {p99:.1f} | {rate / ceiling:.2f}× | {mine} |")
    errors = sum(result[3] for result in front.values())
    print(f"\nerrors through the front-end cache: {errors}")
