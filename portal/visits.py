"""A visitor counter that respects privacy: each public page view adds one to that page's
count for the day. No address, cookie or browser detail is stored; robots are not counted.
The footer shows today's and all-time totals, recomputed at most every few minutes."""

import re

from django.core.cache import cache
from django.db import connection
from django.db.models import Q, Sum
from django.utils import timezone

from portal.models import DailyVisits

ROBOTS = re.compile(r"bot|crawl|spider|slurp|curl|wget|python|headless", re.I)
TOTALS_SECONDS = 300


def count(page_id):
    """One statement, whether or not the day's row exists yet (PostgreSQL and SQLite). On
    PostgreSQL without waiting for the disk: a crash may lose the last second of counts,
    which a visitor counter can afford, and a page then costs no disk flush."""
    table = connection.ops.quote_name(DailyVisits._meta.db_table)
    upsert = (
        f"INSERT INTO {table} (date, page_id, count) VALUES (%s, %s, 1) "
        f"ON CONFLICT (date, page_id) DO UPDATE SET count = {table}.count + 1"
    )
    if connection.vendor == "postgresql":
        # Both in one round trip, one implicit transaction.
        upsert = "SET LOCAL synchronous_commit TO OFF; " + upsert
    with connection.cursor() as cursor:
        cursor.execute(upsert, [timezone.localdate(), page_id])


def counted(request):
    return (
        request.method == "GET"
        and not getattr(request, "is_preview", False)
        and not ROBOTS.search(request.headers.get("User-Agent", ""))
    )


def count_visit(page, request, serve_args, serve_kwargs):
    request.visited_page_id = page.pk  # a hit on the page cache counts it (portal/page_cache.py)
    if counted(request):
        count(page.pk)


def totals():
    """(today, all time), for the footer."""

    def compute():
        sums = DailyVisits.objects.aggregate(
            today=Sum("count", filter=Q(date=timezone.localdate())), all=Sum("count")
        )
        return sums["today"] or 0, sums["all"] or 0

    return cache.get_or_set("portal:visits", compute, TOTALS_SECONDS)
