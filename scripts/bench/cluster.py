"""`make bench-cluster`: search on a cluster of three engine nodes while one of them stops.

The production stack (gunicorn 2 workers on the production settings, PostgreSQL, Redis, the
search queue's worker) against the cluster that `SEARCH_NODES=3 scripts/services/opensearch.sh`
starts, its indexes with one replica (SEARCH_REPLICAS=1), on a database and index prefix of
its own with generated legal documents. wrk asks search pages throughout while a writer
publishes new versions of documents through the queue; the cluster's elected manager is
stopped mid-run and started again. Printed: requests and errors for each phase, how many
questions the database answered instead of the engine (search.engine.fallbacks: must be 0),
and whether the index is complete afterwards (as many documents in the engine as the database
indexes, every update applied, no update lost).

    make bench-cluster        # or: .venv/bin/python scripts/bench/cluster.py --help
"""

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get(
    "BENCH_CLUSTER_DATABASE_URL", "postgres://portal:portal@127.0.0.1:5432/portal_cluster"
)
FIRST_PORT = int(os.environ.get("SEARCH_PORT", "9210"))
NODES = [f"http://127.0.0.1:{FIRST_PORT + i}" for i in range(3)]
PORT = int(os.environ.get("BENCH_PORT", "8098"))
ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "bench-only-secret-key-not-for-any-real-site",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",  # no proxy in front here to end HTTPS
    "DATABASE_URL": DATABASE_URL,
    "SEARCH_URL": ",".join(NODES),
    "SEARCH_ENGINE": "opensearch2",
    "SEARCH_REPLICAS": "1",
    "SEARCH_INDEX_PREFIX": os.environ.get("BENCH_CLUSTER_INDEX_PREFIX", "cluster_"),
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3"),
    # An update the engine could not take is tried again after 2 s (doubling), not 15.
    "SEARCH_RETRY_SECONDS": "2",
    "LOG_LEVEL": "WARNING",
}
os.environ.update(ENV)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import override_settings  # noqa: E402
from django_tasks.base import TaskResultStatus  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402
from wagtail.models import Page  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from home.setup import publish  # noqa: E402
from legal_docs.models import LegalDocumentPage  # noqa: E402
from scripts.bench import measure  # noqa: E402
from search.engine import fallbacks  # noqa: E402
from workflow.guard import authorised  # noqa: E402


def get_json(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.load(response)


def engine_pages():
    """The pages index's documents, counted on the cluster after a refresh."""
    engine = get_search_backend("default")
    index = engine.get_index_for_model(Page).name
    engine.es.indices.refresh(index=index)
    return engine.es.count(index=index)["count"]


def indexed_pages():
    """What the engine should hold for pages: every page (drafts too, for the admin's search;
    every generated document is live)."""
    return Page.objects.count()


def prepare(documents):
    measure.ensure_database(DATABASE_URL)
    quiet = open(os.devnull, "w")
    call_command("migrate", verbosity=0)
    call_command("setup_portal", stdout=quiet)
    missing = documents - LegalDocumentPage.objects.live().count()
    if missing > 0:
        print(f"generating {missing} legal documents...", flush=True)
        call_command("generate_legal_documents", count=missing, stdout=quiet)
    engine = get_search_backend("default")
    index = engine.get_index_for_model(Page)
    if not index.exists() or engine_pages() != indexed_pages():
        print("indexing on the cluster (a minute or two)...", flush=True)
        # Bulk requests of 1,000 documents copied to a replica take more than the
        # requests' 5 s on this shared machine.
        default = {**settings.WAGTAILSEARCH_BACKENDS["default"], "TIMEOUT": 120}
        backends = {**settings.WAGTAILSEARCH_BACKENDS, "default": default}
        with override_settings(WAGTAILSEARCH_BACKENDS=backends):
            call_command("update_index", stdout=quiet)
    DBTaskResult.objects.all().delete()  # update_index did what any queued update would
    call_command("collectstatic", interactive=False, verbosity=0)


def queries(rng, count):
    """Searches of two or three words of generated titles, and document numbers."""
    titles = LegalDocumentPage.objects.live().order_by("?").values_list("title", "number_symbol")
    asked = []
    for title, number in titles[:count]:
        words = title.split()
        start = rng.randrange(max(len(words) - 2, 1))
        asked.append(" ".join(words[start : start + rng.choice((2, 3))]))
        if number and rng.random() < 0.3:
            asked.append(number)
    return [f"/tim-kiem/?q={quote(q)}" for q in asked]


LUA = """
paths = {%s}
i = math.random(#paths)
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


def wrk(paths, seconds, connections):
    """(requests, errors, fallbacks) of one wrk run over `paths` in turn."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % ", ".join(json.dumps(p) for p in paths))
    before = fallbacks()
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", script.name]
        + [f"http://127.0.0.1:{PORT}/"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(script.name)
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors += sum(int(n) for n in socket.groups()) if socket else 0
    return requests, errors, fallbacks() - before


class Writer(threading.Thread):
    """Publishes a new version of a random document every `pause` seconds, as editors do:
    each save queues its engine update (search/tasks.py). Remembers every title written."""

    def __init__(self, pause):
        super().__init__(daemon=True)
        self.pause, self.stopping = pause, threading.Event()
        self.titles, self.published, self.failures = {}, 0, 0

    def run(self):
        rng = random.Random(11)
        pks = list(LegalDocumentPage.objects.live().values_list("pk", flat=True))
        n = 0
        while not self.stopping.is_set():
            n += 1
            try:
                page = LegalDocumentPage.objects.get(pk=rng.choice(pks))
                page.title = re.sub(r" \(bản sửa \d+\)$", "", page.title) + f" (bản sửa {n})"
                with authorised("bench"):
                    publish(page)
                self.titles[page.pk] = page.title
                self.published += 1
            except Exception as error:  # counted and shown: the run must say so
                self.failures += 1
                print(f"writer: {error}", file=sys.stderr)
            self.stopping.wait(self.pause)
        connection.close()


def manager_node():
    """The HTTP address of the cluster's elected manager, and its process id."""
    for url in NODES:
        try:
            state = get_json(f"{url}/_cluster/state/cluster_manager_node,nodes")
        except OSError:
            continue
        node = state["nodes"][state["cluster_manager_node"]]
        address = node["transport_address"].rsplit(":", 1)[0]
        for candidate in NODES:
            info = get_json(f"{candidate}/_nodes/_local/process")
            [(node_id, local)] = info["nodes"].items()
            if node_id == state["cluster_manager_node"]:
                return candidate, local["process"]["id"], node["name"], address
    sys.exit("no cluster answers: run SEARCH_NODES=3 bash scripts/services/opensearch.sh")


def stop_node(url, pid):
    os.kill(pid, signal.SIGTERM)
    for _ in range(120):
        try:
            urllib.request.urlopen(url, timeout=1)
        except OSError:
            return
        time.sleep(0.5)
    sys.exit(f"the node at {url} did not stop")


def start_nodes():
    subprocess.run(
        ["bash", "scripts/services/opensearch.sh"],
        cwd=ROOT,
        env={**os.environ, "SEARCH_NODES": "3", "SEARCH_PORT": str(FIRST_PORT)},
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for_queue(timeout):
    """Seconds until no engine update is waiting or running (retries included)."""
    started = time.monotonic()
    pending = DBTaskResult.objects.filter(
        queue_name="search", status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    )
    while pending.exists():
        if time.monotonic() - started > timeout:
            return None
        time.sleep(0.5)
    return time.monotonic() - started


def updates_applied(titles):
    """How many of the written titles the engine holds, of how many."""
    engine = get_search_backend("default")
    index = engine.get_index_for_model(Page).name
    answer = engine.es.mget(index=index, body={"ids": [str(pk) for pk in titles]})
    held = {int(doc["_id"]): doc.get("_source", {}).get("title") for doc in answer["docs"]}
    return sum(held.get(pk) == title for pk, title in titles.items()), len(titles)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=5_000)
    parser.add_argument("--seconds", type=int, default=20, help="per phase")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--queries", type=int, default=400, help="distinct searches")
    parser.add_argument("--write-pause", type=float, default=2.0, help="seconds between writes")
    args = parser.parse_args()

    start_nodes()  # the cluster, if it is not running yet
    prepare(args.documents)
    cache.clear()
    paths = queries(random.Random(7), args.queries)
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "--workers", "2"]
        + ["--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"],
        cwd=ROOT,
    )
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--backend", "search"]
        + ["--queue-name", "search", "--interval", "0.2", "--no-startup-delay"],
        cwd=ROOT,
    )
    writer = Writer(args.write_pause)
    phases = []
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/robots.txt", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        writer.start()
        phases.append(("3 nodes", *wrk(paths, args.seconds, args.connections)))
        url, pid, name, _address = manager_node()
        stop_node(url, pid)
        phases.append(
            (f"{name} (the manager) stopped", *wrk(paths, args.seconds, args.connections))
        )
        restart = threading.Thread(target=start_nodes)
        began = time.monotonic()
        restart.start()
        totals = [0, 0, 0]
        while restart.is_alive():
            totals = [a + b for a, b in zip(totals, wrk(paths, 5, args.connections), strict=True)]
        rejoined = time.monotonic() - began
        phases.append((f"{name} starting, rejoined in {rejoined:.0f} s", *totals))
        phases.append(("3 nodes again", *wrk(paths, args.seconds, args.connections)))
    finally:
        writer.stopping.set()
        writer.join()
        drained = wait_for_queue(timeout=180)
        worker.terminate()
        gunicorn.terminate()
        worker.wait()
        gunicorn.wait()

    health = get_json(f"{NODES[0]}/_cluster/health?wait_for_status=green&timeout=120s")
    tasks = DBTaskResult.objects.filter(queue_name="search")
    failed = tasks.filter(status=TaskResultStatus.FAILED).count()
    applied, written = updates_applied(writer.titles)
    in_engine, expected = engine_pages(), indexed_pages()
    live = LegalDocumentPage.objects.live().count()

    print(
        f"\n{live:,} legal documents; 3 OpenSearch nodes, 1 replica; gunicorn 2 sync workers, "
        f"{os.cpu_count()} cores; wrk -t2 -c{args.connections} on {len(paths)} searches\n"
    )
    print("| phase | requests | req/s | errors | answered by the database |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, requests, errors, fell_back in phases:
        seconds = args.seconds if "rejoined" not in label else rejoined
        print(f"| {label} | {requests:,} | {requests / seconds:,.1f} | {errors} | {fell_back} |")
    print(f"\nerrors: {sum(p[2] for p in phases)} of {sum(p[1] for p in phases):,} requests")
    print(f"questions answered by the database instead of the engine (fallbacks): {fallbacks()}")
    print(
        f"writer: {writer.published} new versions published of {written} documents, "
        f"{writer.failures} failed; queue drained "
        + (f"{drained:.0f} s after the load" if drained is not None else "NOT within 180 s")
    )
    print(f"engine updates failed (lost): {failed}; cluster {health['status']}")
    print(
        f"index complete: {in_engine:,} pages in the engine, {expected:,} in the database "
        f"({live:,} live documents): {'yes' if in_engine == expected else 'NO'}; updates applied: "
        f"{applied} of {written}: {'yes' if applied == written else 'NO'}"
    )


if __name__ == "__main__":
    main()
