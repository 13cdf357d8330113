"""A visitor counter that respects privacy: each public page view adds one to that page's
count for the day, each download of a file (portal/views.py) one to that file's. No address,
cookie or browser detail is stored; robots are not counted. The footer shows today's and
all-time totals, recomputed at most every few minutes.

Behind a front-end cache (FRONTEND_CACHE_URLS) most views never reach the application: each
page then carries a beacon, a one-pixel image at /luot-xem/<page id>.gif that is never
cached (templates/base.html), and the beacon counts the view instead of the page, so none
is counted twice. Robots rarely fetch images, and those that do are left out by the same
rule."""

import atexit
import logging
import re
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from portal.core import cache as portal_cache
from portal.core import front_cache
from portal.core.models import DailyDownloads, DailyVisits

ROBOTS = re.compile(r"bot|crawl|spider|slurp|curl|wget|python|headless", re.I)
TOTALS_SECONDS = 300
TOTALS_KEY = "portal:visits"
logger = logging.getLogger(__name__)
# What each kind of count is written to: its table and the column of what was counted.
TABLES = {"page": (DailyVisits, "page_id"), "file": (DailyDownloads, "document_id")}
pending = Counter()  # (kind, date, page or file id): views and downloads not yet written
lock = threading.Lock()
last_write = 0.0


def count(page_id, kind="page"):
    """Counted in this process, written every VISITS_FLUSH_SECONDS as one row per page (or
    file) and day, so a page view costs no trip to the database (and a page from the cache
    stays cheap). A worker killed outright loses its last seconds of counts, which a visitor
    counter can afford; one that stops normally writes them as it exits."""
    global last_write
    with lock:
        pending[kind, timezone.localdate(), page_id] += 1
        if time.monotonic() - last_write < settings.VISITS_FLUSH_SECONDS:
            return
        last_write = time.monotonic()
    write_pending()


def write(batch):
    """One statement per 300 pages and days, whether or not their rows exist yet. Rows in
    one order for every worker, so two writing at once wait for each other rather than
    deadlock. Should the database refuse (a page deleted meanwhile), these counts are
    dropped and logged: a visitor counter must never fail a page."""
    for kind, (model, column) in TABLES.items():
        table = connection.ops.quote_name(model._meta.db_table)
        rows = sorted((day, pk, n) for (of, day, pk), n in batch.items() if of == kind)
        try:
            upsert(table, column, rows)
        except DatabaseError:
            counted = sum(row[2] for row in rows)
            logger.warning("%d %s counts not written", counted, kind, exc_info=True)


def upsert(table, column, rows):
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 300):  # within SQLite's 999 parameters
            chunk = rows[start : start + 300]
            cursor.execute(
                f"INSERT INTO {table} (date, {column}, count) VALUES "
                + ", ".join(["(%s, %s, %s)"] * len(chunk))
                + f" ON CONFLICT (date, {column}) DO UPDATE SET count = {table}.count + excluded.count",
                [value for row in chunk for value in row],
            )


def write_pending():
    with lock:
        batch = dict(pending)
        pending.clear()
    if batch:
        write(batch)


atexit.register(write_pending)


def counted(request):
    return (
        request.method == "GET"
        and not getattr(request, "is_preview", False)
        # META, not request.headers: that builds a dict of every header, on every page
        # served from the cache.
        and not ROBOTS.search(request.META.get("HTTP_USER_AGENT", ""))
    )


def count_visit(page, request, serve_args, serve_kwargs):
    request.visited_page_id = page.pk  # a hit on the page cache counts it (portal/page_cache.py)
    if counted(request) and not front_cache.enabled():
        count(page.pk)


def beacon_url(request):
    """The address of the page's beacon when a front-end cache serves it, else ""."""
    page_id = getattr(request, "visited_page_id", None)
    if not page_id or not front_cache.enabled():
        return ""
    return reverse("visit_beacon", args=[page_id])


def count_beacon(request, page_id):
    """A view of a live page (an id of any other page would have the database refuse the
    whole batch of counts)."""
    if counted(request) and Page.objects.filter(pk=page_id, live=True).exists():
        count(page_id)


def count_download(document_id, request, response):
    """A download of a file of the document library, counted as a page view is; not a
    refused or partial one (a resumed download asks for the rest of the same file), nor the
    page's own quick view reading the file (legal_docs/static/legal_docs/js/pdf-view.js says
    so in a header): that is a reading of the page, already counted as its view."""
    if request.headers.get("X-Quick-View"):
        return
    if response.status_code == 200 and counted(request):
        count(document_id, kind="file")


def totals():
    """(today, all time), for the footer."""

    def compute():
        sums = DailyVisits.objects.aggregate(
            today=Sum("count", filter=Q(date=timezone.localdate())), all=Sum("count")
        )
        return sums["today"] or 0, sums["all"] or 0

    # Each worker's figure may trail the others' by a minute.
    return portal_cache.get_or_build(TOTALS_KEY, compute, TOTALS_SECONDS, local_seconds=60)
