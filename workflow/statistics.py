"""Editorial figures for directors and the office (Art. 7.1, 9.2) over the days start..end:
what was published, where and by whom; what the board decided, on which grounds of Art. 4.2c
and how fast; and royalties. The other apps have their own statistics.py; portal/reports.py
assembles the report."""

from decimal import Decimal
from statistics import median

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.models import Page, PageLogEntry, TaskState

from home.models import ArticlePage
from portal.core.figures import (
    Table,
    bounds,
    counted,
    per_month,
    section_prefix,
    section_title,
    sections,
)
from portal.core.pages import SECTION_DEPTH
from portal.core.working_days import working_days_since
from workflow.dashboard import OVERDUE_AFTER_WORKING_DAYS
from workflow.models import BoardReviewTaskState, ForcePublication, RoyaltyEntry, RoyaltyPeriod
from workflow.models.moderation import RejectionGround
from workflow.models.royalties import amount_of

DECIDED = [TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED]


def people(ids):
    """{user id: full name or account name} for the ids, in one query."""
    users = get_user_model().objects.filter(pk__in=[pk for pk in ids if pk])
    return {user.pk: user.get_full_name() or user.get_username() for user in users}


def type_name(content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return capfirst(model._meta.verbose_name) if model else str(content_type_id)


def hours(delta):
    return Decimal(delta.total_seconds() / 3600).quantize(Decimal("0.1"))


# --- Publishing -------------------------------------------------------------------------------


def new_items(lo, hi):
    """Pages below the sections first published in the period (whatever they are now)."""
    return Page.objects.filter(
        first_published_at__gte=lo, first_published_at__lt=hi, depth__gt=SECTION_DEPTH
    )


def publishing(start, end, site=None):
    lo, hi = bounds(start, end)
    items = new_items(lo, hi)
    titles = sections(site)
    per_section = counted(items.annotate(section=section_prefix()), "section")
    per_type = counted(items, "content_type")
    per_owner = counted(items, "owner")
    names = people(pk for pk, _n in per_owner)
    per_unit = counted(
        ArticlePage.objects.filter(first_published_at__gte=lo, first_published_at__lt=hi),
        "source",
    )
    log = PageLogEntry.objects.filter(timestamp__gte=lo, timestamp__lt=hi)
    total = sum(n for _s, n in per_section)
    return [
        Table(
            _("Publishing"),
            [_("Figure"), pgettext("report", "Number")],
            [
                [_("New items published"), total],
                [
                    _("Publications, updates included"),
                    log.filter(action="wagtail.publish").count(),
                ],
                [_("Unpublished with a reason"), log.filter(action="workflow.unpublish").count()],
            ],
        ),
        Table(
            _("New items per section"),
            [pgettext("site section", "Section"), _("Items")],
            [[section_title(titles, path), n] for path, n in per_section],
            chart=1,
        ),
        Table(
            _("New items per type"),
            [_("Type"), _("Items")],
            [[type_name(ct), n] for ct, n in per_type],
            chart=1,
        ),
        Table(
            _("New articles per providing unit"),
            [_("Providing unit or source"), _("Articles")],
            [list(row) for row in per_unit],
            chart=1,
        ),
        Table(
            _("New items per author"),
            [_("Created by"), _("Items")],
            [[names.get(pk, _("(no account)")), n] for pk, n in per_owner],
            chart=1,
            note=_("The account that created the item."),
        ),
    ]


def published_by_month(start, end):
    return per_month(new_items(*bounds(start, end)), "first_published_at")


# --- Moderation -------------------------------------------------------------------------------


def moderation(start, end, now=None):
    lo, hi = bounds(start, end)
    states = BoardReviewTaskState.objects.all()
    decided = states.filter(status__in=DECIDED, finished_at__gte=lo, finished_at__lt=hi)
    by_status = dict(decided.values_list("status").annotate(n=Count("pk")).order_by())
    by_ground = dict(counted(decided.filter(status=TaskState.STATUS_REJECTED), "rejection_ground"))
    timings = list(decided.values_list("started_at", "finished_at"))
    waits = sorted(finished - started for started, finished in timings)
    late = sum(
        working_days_since(started, finished) > OVERDUE_AFTER_WORKING_DAYS
        for started, finished in timings
    )
    waiting = states.filter(status=TaskState.STATUS_IN_PROGRESS, started_at__lt=hi)
    overdue = sum(
        working_days_since(started, now) > OVERDUE_AFTER_WORKING_DAYS
        for started in waiting.values_list("started_at", flat=True)
    )
    forced = ForcePublication.objects.filter(published_at__gte=lo, published_at__lt=hi)
    per_member = (
        decided.values_list("finished_by")
        .annotate(
            approved=Count("pk", filter=Q(status=TaskState.STATUS_APPROVED)),
            rejected=Count("pk", filter=Q(status=TaskState.STATUS_REJECTED)),
        )
        .order_by("finished_by")
    )
    names = people(pk for pk, *_counts in per_member)
    return [
        Table(
            _("Moderation"),
            [_("Figure"), pgettext("report", "Number")],
            [
                [
                    _("Submitted for review"),
                    states.filter(started_at__gte=lo, started_at__lt=hi).count(),
                ],
                [_("Approved"), by_status.get(TaskState.STATUS_APPROVED, 0)],
                [_("Rejected"), by_status.get(TaskState.STATUS_REJECTED, 0)],
                [_("Median time to a decision (hours)"), hours(median(waits)) if waits else None],
                [_("Longest time to a decision (hours)"), hours(waits[-1]) if waits else None],
                [
                    _("Decided after more than %(days)d working days")
                    % {"days": OVERDUE_AFTER_WORKING_DAYS},
                    late,
                ],
                [
                    _("Still waiting, more than %(days)d working days")
                    % {"days": OVERDUE_AFTER_WORKING_DAYS},
                    overdue,
                ],
                [_("Published by operators without approval"), forced.count()],
                [
                    _("… of which confirmed by the board"),
                    forced.exclude(confirmed_at=None).count(),
                ],
            ],
        ),
        Table(
            _("Rejections by ground (Art. 4.2c)"),
            [_("Ground"), _("Rejections")],
            [[label, by_ground.get(value, 0)] for value, label in RejectionGround.choices],
            chart=1,
        ),
        Table(
            _("Decisions per board member"),
            [_("Board member"), _("Approved"), _("Rejected")],
            [[names.get(pk, _("(no account)")), a, r] for pk, a, r in per_member],
        ),
    ]


def decisions_by_month(start, end):
    lo, hi = bounds(start, end)
    decided = BoardReviewTaskState.objects.filter(
        status__in=DECIDED, finished_at__gte=lo, finished_at__lt=hi
    )
    return per_month(decided, "finished_at")


# --- Royalties --------------------------------------------------------------------------------


def royalties(start, end):
    periods = list(RoyaltyPeriod.objects.filter(start__lte=end, end__gte=start).order_by("start"))
    totals = {period.pk: [0, Decimal(0), Decimal(0)] for period in periods}
    values = {period.pk: period.point_value for period in periods}
    # Points alone, not entries as objects: a year holds thousands of them.
    for period_id, points in RoyaltyEntry.objects.filter(period__in=periods).values_list(
        "period_id", "points"
    ):
        total = totals[period_id]
        total[0] += 1
        total[1] += points
        total[2] += amount_of(points, values[period_id])
    rows = [
        [period.name, period.start, period.end, *totals[period.pk]]
        + [_("Closed") if period.is_closed else _("Open")]
        for period in periods
    ]
    return [
        Table(
            _("Royalties per period"),
            [
                _("Period"),
                _("First day"),
                _("Last day"),
                _("Entries"),
                _("Points"),
                _("Amount (VND)"),
                _("State"),
            ],
            rows,
            note=_("Periods that overlap the report's days, each counted whole."),
        )
    ]
