"""Site figures for directors and the office (Art. 7.1, 9.2): visits per section and the most
opened pages, what citizens searched for, and security events. Editorial figures live in
workflow/statistics.py; portal/reports.py puts both into one report.

Every figure is counted in the database over the days start..end inclusive, local time;
datetimes are compared with the period's bounds, not cast to dates, so the indexes serve."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.humanize.templatetags.humanize import intcomma
from django.db.models import Count, Max, Sum
from django.db.models.functions import Substr, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from wagtail.contrib.search_promotions.models import QueryDailyHits
from wagtail.models import ModelLogEntry, Page, Site

from portal.models import DailyVisits

TOP_ROWS = 20
LIST_ROWS = 100
BAR_ROW, BAR_WIDTH = 22, 300  # SVG units; the label column takes 240


@dataclass
class Table:
    """One table of a report: its rows are what the admin page, the printable page and the
    workbook all show. `chart` names the column a bar chart draws, labelled by column 0."""

    title: str
    headers: list
    rows: list = field(default_factory=list)
    chart: int | None = None
    note: str = ""

    def __post_init__(self):
        # Labels may be lazy translations: the workbook takes plain text only.
        self.headers = [str(header) for header in self.headers]
        self.rows = [
            [str(value) if isinstance(value, Promise) else value for value in row]
            for row in self.rows
        ]

    def column(self, index):
        return [row[index] for row in self.rows]

    def display_rows(self):
        return [[display(value) for value in row] for row in self.rows]

    def bars(self):
        """The chart's bars: label, value and geometry in the SVG's units."""
        values = [row[self.chart] or 0 for row in self.rows]
        top = max(values, default=0) or 1
        return [
            {
                "label": Truncator(str(row[0])).chars(36),
                "value": display(value),
                "width": round(BAR_WIDTH * value / top, 1),
                "value_x": round(BAR_WIDTH * value / top + 250, 1),
                "y": index * BAR_ROW,
            }
            for index, (row, value) in enumerate(zip(self.rows, values, strict=True))
        ]

    def chart_height(self):
        return len(self.rows) * BAR_ROW


def display(value):
    """A cell as people read it: dd/mm/yyyy, 24-hour times, 1.234,5."""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, (int, Decimal)):
        return intcomma(value)  # as the site's other figures, "1.234,5" in Vietnamese
    return str(value)


def bounds(start, end):
    """The aware datetimes [first moment of start, first moment after end)."""
    zone = timezone.get_current_timezone()
    first = datetime.combine(start, time.min, tzinfo=zone)
    return first, datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone)


def months(start, end):
    """The first day of every month the period touches."""
    day, result = start.replace(day=1), []
    while day <= end:
        result.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    return result


def per_month(queryset, field, total=None):
    """{first day of month: total} over the rows, months counted in local time."""
    rows = (
        queryset.annotate(month=TruncMonth(field))
        .values_list("month")
        .annotate(n=total or Count("pk"))
        .order_by()
    )
    return {
        timezone.localtime(month).date() if isinstance(month, datetime) else month: n or 0
        for month, n in rows
    }


def sections():
    """{tree path of a top-level section: its title}, for the default site."""
    from home.models import SECTION_DEPTH

    home = Site.objects.get(is_default_site=True).root_page
    pages = Page.objects.descendant_of(home).filter(depth=SECTION_DEPTH)
    return dict(pages.values_list("path", "title"))


def section_title(titles, path):
    return titles.get(path, _("(Home page)"))


def section_prefix(lookup="path"):
    from home.models import SECTION_PATH_LENGTH

    return Substr(lookup, 1, SECTION_PATH_LENGTH)


# --- Visits ----------------------------------------------------------------------------------


def visits(start, end):
    # One pass over the day rows, per page; sections and the top pages are drawn from it.
    from home.models import SECTION_PATH_LENGTH

    per_page = dict(
        DailyVisits.objects.filter(date__gte=start, date__lte=end)
        .values_list("page_id")
        .annotate(n=Sum("count"))
        .order_by()
    )
    pages = Page.objects.filter(pk__in=per_page).values_list("pk", "path", "title", "url_path")
    pages = {pk: (path, title, url_path) for pk, path, title, url_path in pages}
    titles, per_section = sections(), {}
    for pk, n in per_page.items():
        section = pages[pk][0][:SECTION_PATH_LENGTH]
        per_section[section] = per_section.get(section, 0) + n
    top = sorted(per_page.items(), key=lambda item: (-item[1], item[0]))[:TOP_ROWS]
    return [
        Table(
            _("Visits"),
            [_("Figure"), pgettext("report", "Number")],
            [[_("Page views"), sum(per_page.values())], [_("Pages visited"), len(per_page)]],
            note=_("Counted per page and day, with nothing about who visited."),
        ),
        Table(
            _("Visits per section"),
            [pgettext("site section", "Section"), _("Visits")],
            [
                [section_title(titles, path), n]
                for path, n in sorted(per_section.items(), key=lambda item: (-item[1], item[0]))
            ],
            chart=1,
        ),
        Table(
            _("Most visited pages"),
            [_("Page"), _("Address"), _("Visits")],
            [[pages[pk][1], public_path(pages[pk][2]), n] for pk, n in top],
        ),
    ]


def public_path(url_path):
    # url_path starts with the home page's own slug, which the public address leaves out.
    return "/" + url_path.strip("/").partition("/")[2] + ("/" if url_path.count("/") > 2 else "")


def visits_by_month(start, end):
    days = DailyVisits.objects.filter(date__gte=start, date__lte=end)
    return per_month(days, "date", Sum("count"))


# --- Searches ---------------------------------------------------------------------------------


def searches(start, end):
    from search.models import UnansweredQuery

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


# --- Security ---------------------------------------------------------------------------------

SECURITY_ACTIONS = {
    "portal.login_failed": gettext_lazy("Failed sign-ins"),
    "portal.lockout": gettext_lazy("Accounts locked after failed sign-ins"),
    "portal.second_factor_failed": gettext_lazy("Wrong second-factor codes"),
    "portal.password_reset": gettext_lazy("Password resets requested"),
    "portal.user_suspend": gettext_lazy("Accounts suspended"),
    "portal.user_reactivate": gettext_lazy("Accounts reactivated"),
    "portal.user_create": gettext_lazy("Accounts created"),
    "portal.groups_change": gettext_lazy("Group membership changes"),
    "portal.permissions_change": gettext_lazy("Group permission changes"),
    "portal.export": gettext_lazy("Data exports"),
    "portal.backup": gettext_lazy("Backups made"),
    "portal.restore": gettext_lazy("Backups restored"),
}


def security(start, end):
    lo, hi = bounds(start, end)
    entries = ModelLogEntry.objects.filter(timestamp__gte=lo, timestamp__lt=hi)
    counts = dict(
        entries.filter(action__in=SECURITY_ACTIONS)
        .values_list("action")
        .annotate(n=Count("pk"))
        .order_by()
    )
    failed = (
        entries.filter(action="portal.login_failed")
        .values_list("label")
        .annotate(n=Count("pk"))
        .order_by("-n", "label")[:TOP_ROWS]
    )
    suspensions = (
        entries.filter(action="portal.user_suspend")
        .select_related("user")
        .order_by("-timestamp", "-pk")[:LIST_ROWS]
    )
    return [
        Table(
            _("Security events"),
            [_("Event"), pgettext("report", "Number")],
            [[str(label), counts.get(action, 0)] for action, label in SECURITY_ACTIONS.items()],
        ),
        Table(
            _("Failed sign-ins per account name"),
            [_("Account name typed"), _("Failed sign-ins")],
            [list(row) for row in failed],
            chart=1,
        ),
        Table(
            _("Accounts suspended"),
            [_("Account"), _("Suspended by"), _("Reason"), _("Time")],
            [
                [
                    entry.label,
                    entry.user.get_username() if entry.user else "",
                    entry.data.get("reason", ""),
                    timezone.localtime(entry.timestamp),
                ]
                for entry in suspensions
            ],
            note=_("The latest %(rows)d, newest first; the system log holds them all.")
            % {"rows": LIST_ROWS},
        ),
    ]
