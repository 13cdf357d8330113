"""What citizens searched for, for the activity report (portal/reports.py)."""

from django.db.models import Count, Max, Sum
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.contrib.search_promotions.models import QueryDailyHits

from portal.core.figures import TOP_ROWS, Table, per_month
from search.models import UnansweredQuery


def searches(start, end):
    hits = QueryDailyHits.objects.filter(date__gte=start, date__lte=end)
    popular = (
        hits.values_list("query__query_string")
        .annotate(n=Sum("hits"))
        .order_by("-n", "query__query_string")[:TOP_ROWS]
    )
    unanswered_days = UnansweredQuery.objects.filter(date__gte=start, date__lte=end)
    unanswered = (
        unanswered_days.values_list("query_string")
        .annotate(n=Sum("hits"), last=Max("date"))
        .order_by("-n", "query_string")[:TOP_ROWS]
    )
    totals = hits.aggregate(n=Sum("hits"), queries=Count("query", distinct=True))
    return [
        Table(
            _("Searches"),
            [_("Figure"), pgettext("report", "Number")],
            [
                [_("Searches made"), totals["n"] or 0],
                [_("Different queries"), totals["queries"]],
                [
                    _("Searches that found nothing"),
                    unanswered_days.aggregate(n=Sum("hits"))["n"] or 0,
                ],
            ],
        ),
        Table(_("Most asked"), [_("Query"), _("Times asked")], [list(r) for r in popular], 1),
        Table(
            _("Queries that found nothing"),
            [_("Query"), _("Times asked"), _("Last asked")],
            [list(row) for row in unanswered],
            note=_("Content to write, or a synonym to promote."),
        ),
    ]


def searches_by_month(start, end):
    days = QueryDailyHits.objects.filter(date__gte=start, date__lte=end)
    return per_month(days, "date", Sum("hits"))
