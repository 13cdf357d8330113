"""What every app's figures (its statistics.py) are made of: tables that the admin page, the
printable page and the workbook all show (portal/reports.py assembles them), and the
period's bounds, months and sections.

Every figure is counted in the database over the days start..end inclusive, local time;
datetimes are compared with the period's bounds, not cast to dates, so the indexes serve."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.humanize.templatetags.humanize import intcomma
from django.db.models import Count
from django.db.models.functions import Substr, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from portal.core.pages import SECTION_DEPTH, SECTION_PATH_LENGTH

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


def sections(site=None):
    """{tree path of a top-level section: its title}, for the site (by default the default
    site, for commands without a request)."""
    home = (site or Site.objects.get(is_default_site=True)).root_page
    pages = Page.objects.descendant_of(home).filter(depth=SECTION_DEPTH)
    return dict(pages.values_list("path", "title"))


def section_title(titles, path):
    return titles.get(path, _("(Home page)"))


def section_prefix(lookup="path"):
    return Substr(lookup, 1, SECTION_PATH_LENGTH)


def counted(queryset, key):
    """[(key value, n)] largest first."""
    return list(queryset.values_list(key).annotate(n=Count("pk")).order_by("-n", key))
