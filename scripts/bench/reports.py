"""The activity report over a year of activity on a registry of 100,000 documents: server
time (p50/p95) and SQL queries of the admin page, the printable page and the workbook.

    DATABASE_URL=postgres://portal:portal@127.0.0.1:5432/portal_bench \\
    DJANGO_SETTINGS_MODULE=portal.settings.test \\
    .venv/bin/python scripts/bench/reports.py --documents 100000 --year 2025

It sets the site up, generates documents until the registry holds --documents and spreads
their first publication over the year, then writes a year of activity in bulk once (publish
log, board reviews, visits, searches, sign-in failures, royalties) and requests the report
for the year through Django's full stack as a director.
"""

import argparse
import os
import random
import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits  # noqa: E402
from wagtail.models import (  # noqa: E402
    ModelLogEntry,
    Page,
    PageLogEntry,
    Revision,
    Site,
    TaskState,
    WorkflowState,
)

from legal_docs.models import LegalDocumentIndexPage, LegalDocumentPage  # noqa: E402
from legal_docs.synthetic import generate  # noqa: E402
from portal.core import roles  # noqa: E402
from portal.core.models import DailyVisits  # noqa: E402
from scripts.bench.measure import measure  # noqa: E402
from search.models import UnansweredQuery  # noqa: E402
from workflow.models import BoardReviewTask, RoyaltyEntry, RoyaltyGenre, RoyaltyPeriod  # noqa: E402
from workflow.models.moderation import RejectionGround  # noqa: E402

REVIEWS, PUBLISH_LOG, VISITED_PAGES, QUERIES, SECURITY_EVENTS = 6000, 30000, 1000, 300, 20000


def moment(rng, year):
    zone = timezone.get_current_timezone()
    day = date(year, 1, 1) + timedelta(days=rng.randrange(365))
    return datetime.combine(day, clock(rng.randrange(7, 18), rng.randrange(60)), tzinfo=zone)


def days(year):
    return [date(year, 1, 1) + timedelta(days=n) for n in range(365)]


def spread_first_publication(year):
    # The generated documents were all published "now": spread them over the year, so the
    # report counts every one of them by section, type and month.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE wagtailcore_page SET first_published_at = %s + random() * interval '365 days'"
            " WHERE id IN (SELECT page_ptr_id FROM legal_docs_legaldocumentpage)",
            [datetime(year, 1, 1, tzinfo=timezone.get_current_timezone())],
        )


def board_reviews(rng, year, pages, users):
    """Workflow states and board review task states, in bulk (the flow itself makes one
    revision, email and log entry per item, hours for a year's worth)."""
    task = BoardReviewTask.objects.get()
    workflow = task.workflows.first()
    page_type = ContentType.objects.get_for_model(Page)
    state_type = ContentType.objects.get_for_model(task.task_state_class)
    doc_type = ContentType.objects.get_for_model(LegalDocumentPage)
    revisions = []
    for page in pages:
        revisions.append(
            Revision(
                content_type=doc_type,
                base_content_type=page_type,
                object_id=str(page),
                object_str="bench",
                content={},
                user=users["contributor"],
                created_at=timezone.now(),
            )
        )
    revisions = Revision.objects.bulk_create(revisions)
    flows = WorkflowState.objects.bulk_create(
        [
            WorkflowState(
                content_type=doc_type,
                base_content_type=page_type,
                object_id=str(page),
                workflow=workflow,
                status=WorkflowState.STATUS_APPROVED,
                requested_by=users["contributor"],
            )
            for page in pages
        ]
    )
    states, grounds = [], list(RejectionGround.values)
    for flow, revision in zip(flows, revisions, strict=True):
        finished = moment(rng, year)
        status = rng.choice([TaskState.STATUS_APPROVED] * 4 + [TaskState.STATUS_REJECTED])
        states.append(
            TaskState(
                workflow_state=flow,
                revision=revision,
                task=task.task_ptr,
                status=status,
                finished_at=finished,
                finished_by=users[rng.choice(["board_a", "board_b"])],
                content_type=state_type,
            )
        )
        states[-1].wait = timedelta(hours=rng.randrange(1, 96))
    states = TaskState.objects.bulk_create(states)
    # started_at is set on creation: move each review to its day of the year.
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE wagtailcore_taskstate SET started_at = %s, finished_at = %s WHERE id = %s",
            [(s.finished_at - s.wait, s.finished_at, s.pk) for s in states],
        )
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO workflow_boardreviewtaskstate (taskstate_ptr_id, rejection_ground)"
            " VALUES (%s, %s)",
            [
                (s.pk, rng.choice(grounds) if s.status == TaskState.STATUS_REJECTED else "")
                for s in states
            ],
        )


def year_of_activity(rng, year, users):
    doc_ids = list(LegalDocumentPage.objects.values_list("pk", flat=True)[: VISITED_PAGES * 20])
    doc_type = ContentType.objects.get_for_model(LegalDocumentPage)
    board_reviews(rng, year, rng.sample(doc_ids, REVIEWS), users)
    PageLogEntry.objects.bulk_create(
        [
            PageLogEntry(
                page_id=page,
                content_type=doc_type,
                label="bench",
                action=rng.choice(["wagtail.publish"] * 9 + ["workflow.unpublish"]),
                timestamp=moment(rng, year),
            )
            for page in rng.choices(doc_ids, k=PUBLISH_LOG)
        ],
        batch_size=5000,
    )
    visited = rng.sample(doc_ids, VISITED_PAGES) + list(
        Page.objects.filter(depth__lte=3).values_list("pk", flat=True)
    )
    DailyVisits.objects.bulk_create(
        [
            DailyVisits(date=day, page_id=page, count=rng.randrange(1, 200))
            for day in days(year)
            for page in visited
        ],
        batch_size=10000,
    )
    queries = [Query.get(f"tu khoa {n}") for n in range(QUERIES)]
    QueryDailyHits.objects.bulk_create(
        [
            QueryDailyHits(query=query, date=day, hits=rng.randrange(1, 50))
            for day in days(year)
            for query in queries
        ],
        batch_size=10000,
    )
    UnansweredQuery.objects.bulk_create(
        [
            UnansweredQuery(query_string=f"khong co {n}", date=day, hits=rng.randrange(1, 5))
            for day in days(year)
            for n in range(QUERIES // 6)
        ],
        batch_size=10000,
    )
    site_type = ContentType.objects.get_for_model(Site)
    actions = ["portal.login_failed"] * 8 + ["portal.lockout", "portal.user_suspend"]
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=site_type,
                object_id="0",
                label=f"taikhoan{rng.randrange(300)}",
                action=rng.choice(actions),
                data={"reason": "bench"},
                timestamp=moment(rng, year),
            )
            for _ in range(SECURITY_EVENTS)
        ],
        batch_size=5000,
    )
    genre = RoyaltyGenre.objects.first()
    for month in range(1, 13):
        start = date(year, month, 1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        period, _ = RoyaltyPeriod.objects.get_or_create(
            name=f"Bench {month:02d}/{year}",
            defaults={"start": start, "end": end, "point_value": 100000},
        )
        RoyaltyEntry.objects.bulk_create(
            [
                RoyaltyEntry(
                    period=period,
                    title="bench",
                    author_name=f"Tác giả {n % 40}",
                    unit=f"Phòng {n % 6}",
                    genre=genre,
                    points=Decimal(rng.randrange(1, 20)),
                )
                for n in range(200)
            ]
        )


def team():
    users = {}
    for name, group in [
        ("contributor", roles.CONTRIBUTORS),
        ("board_a", roles.BOARD),
        ("board_b", roles.BOARD),
        ("director", roles.DIRECTORS),
    ]:
        user, _ = get_user_model().objects.get_or_create(username=f"bench-{name}")
        user.groups.add(roles.group(group))
        users[name] = user
    return users


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--year", type=int, default=timezone.localdate().year - 1)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("setup_portal", stdout=open(os.devnull, "w"))
    registry = LegalDocumentIndexPage.objects.get()
    missing = args.documents - LegalDocumentPage.objects.live().count()
    if missing > 0:
        generate(registry, missing)
    users = team()
    rng = random.Random(8)
    if not DailyVisits.objects.filter(date__year=args.year).exists():
        start = time.perf_counter()
        with transaction.atomic():
            spread_first_publication(args.year)
            year_of_activity(rng, args.year, users)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"wrote a year of activity in {time.perf_counter() - start:.0f} s")
    print(
        f"database: {connection.vendor}, {os.cpu_count()} cores; "
        f"{LegalDocumentPage.objects.live().count()} documents; in {args.year}: "
        f"{TaskState.objects.filter(started_at__year=args.year).count()} board reviews, "
        f"{PageLogEntry.objects.filter(timestamp__year=args.year).count()} page log entries, "
        f"{DailyVisits.objects.filter(date__year=args.year).count()} daily visit rows, "
        f"{QueryDailyHits.objects.filter(date__year=args.year).count()} daily query rows, "
        f"{ModelLogEntry.objects.filter(timestamp__year=args.year).count()} other log entries"
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(users["director"])
    client.get("/admin/")
    print(f"{'report for ' + str(args.year):<28} {'queries':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for name, url in [
        ("admin page", "/admin/activity-report/"),
        ("printable page", "/admin/activity-report/print/"),
        ("workbook (XLSX)", "/admin/activity-report/xlsx/"),
    ]:
        p50, p95, queries = measure(client, [f"{url}?nam={args.year}"] * args.runs)
        print(f"{name:<28} {queries:>8} {p50:>8.0f} {p95:>8.0f}")


if __name__ == "__main__":
    main()
