"""The rows of `make bench` through the front-end cache (docs/operations.md#front-end-cache):
Varnish (scripts/services/varnish.sh) on BENCH_VARNISH_PORT in front of the bench's gunicorn,
which runs with FRONTEND_CACHE_URLS so it marks the pages Varnish may keep. Each URL is asked
once through Varnish before its row, as on a running site; the same static file as the
application's ceiling row, through Varnish, is the ceiling of these rows. Pages served by
Varnish never reach gunicorn, so their rows measure Varnish on this machine; the table puts
each next to the application's own page cache for the same page (scripts/bench/table.py).

load.py calls run() with its own server and measure_mode()."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("BENCH_VARNISH_PORT", "8097"))
# The rows whose pages a front-end cache keeps (search is never kept: it counts each query).
ROWS = ["home", "section", "article", "listing + filters", "legal document"]
MODE = "front cache"


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


def run(rows, pages, args, measure_mode, server, app_port):
    """{(row, MODE): wrk result} through Varnish for the selected `rows` it keeps, and the
    static file through it (load.py's ceiling row, so the table's "× static" of this mode is
    against a static file through the same proxy). {} when no such row is selected."""
    rows = [row for row in ROWS if row in rows]
    if not rows:
        return {}
    env = {"FRONTEND_CACHE_URLS": f"http://127.0.0.1:{PORT}"}
    with server(300, **env), Varnish(f"127.0.0.1:{app_port}"):
        return measure_mode(MODE, rows, pages, {}, args, port=PORT)
