"""The page cache against the static file, two checkouts paired: load.py's cached server
(gunicorn, 2 workers, the production settings, the same environment variables) from this
checkout and from `--base` (another checkout, e.g. `git worktree add --detach /tmp/base
main`), in turn, `--rounds` times, the order swapped each round. In each server, for each
row: the static file (load.py's ceiling) then the row, `--seconds` each, and two ratios of
the row to the static file just before it: requests/s, and the CPU time the gunicorn workers
spent per request (read from /proc), which a busy machine moves far less than requests/s.

    .venv/bin/python scripts/bench/page_cache_pair.py --base /tmp/base [--rounds 4]

A measuring tool only; it clears the cache in BENCH_REDIS_URL before each server, as load.py
does, so no server is served a page another one stored.
"""

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402

from scripts.bench import load, wrk  # noqa: E402  (sets Django up on the production settings)

ROWS = ["home", "section", "article", "listing + filters", "legal document"]


class Server(load.Server):
    """load.py's server, started from the checkout `tree`."""

    def __init__(self, tree, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tree = tree


def workers_cpu(master):
    """CPU seconds the gunicorn workers (the master's children) have used."""
    ticks = 0
    for child in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def measured(server, paths, seconds):
    """(wrk result, CPU µs of the workers per request)."""
    before = workers_cpu(server.process.pid)
    result = wrk.run(paths, seconds, 4, server.port)
    return result, (workers_cpu(server.process.pid) - before) * 1e6 / result.requests


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True, help="the other checkout")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--only", help="rows, separated by | (default: every page-cache row)")
    args = parser.parse_args()
    rows = [row for row in ROWS if not args.only or row in args.only.split("|")]
    trees = {"base": Path(args.base).resolve(), "this": Path(load.ROOT)}
    pages, _ = load.page_sets(random.Random(11), 300, 10)
    static = [f"/static/{load.CEILING}"]
    ceiling = Path(settings.STATIC_ROOT) / load.CEILING
    if not ceiling.exists():
        sys.exit(f"{ceiling} is missing: run load.py once (it writes the home page there)")
    for tree in trees.values():
        env = {**os.environ, **load.ENV}
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=tree,
            env=env,
            check=True,
        )
        copy = tree / "static" / load.CEILING
        if copy != ceiling:
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ceiling, copy)
    ratios = {(name, row): ([], []) for name in trees for row in rows}
    for round in range(args.rounds):
        for name in list(trees)[:: 1 if round % 2 == 0 else -1]:
            cache.clear()
            with Server(trees[name], 300) as server:
                load.warm([path for row in rows for path in pages[row]])
                load.warm(static)
                for row in rows:
                    ceiling_run, ceiling_cpu = measured(server, static, args.seconds)
                    row_run, row_cpu = measured(server, pages[row], args.seconds)
                    rate, cpu = ratios[name, row]
                    rate.append(row_run.rate / ceiling_run.rate)
                    cpu.append(ceiling_cpu / row_cpu)
                    errors = ceiling_run.errors + row_run.errors
                    print(
                        f"round {round} {name:4} {row:18} {row_run.rate:6.0f} req/s, "
                        f"static {ceiling_run.rate:6.0f}: {rate[-1]:.2f}×; CPU µs a request "
                        f"{row_cpu:4.0f}, static {ceiling_cpu:4.0f}: {cpu[-1]:.2f}×; "
                        f"{errors} errors",
                        flush=True,
                    )
    print("\nmedians of the rounds, row against the static file (× req/s, × CPU per request):")
    for row in rows:
        print(
            f"{row:18} "
            + "   ".join(
                f"{name}: {statistics.median(ratios[name, row][0]):.2f}× req/s, "
                f"{statistics.median(ratios[name, row][1]):.2f}× CPU"
                for name in trees
            )
        )


if __name__ == "__main__":
    main()
