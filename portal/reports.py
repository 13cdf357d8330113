"""The activity report for directors and the office (Art. 7.1, 9.2): the editorial figures of
workflow/statistics.py and the site figures of portal/statistics.py over any period, as parts
of tables that the admin page, the printable page and the XLSX workbook all show. The yearly
report (Art. 7.1) is the same report over a calendar year. Reading it changes nothing."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font

from portal import statistics as site
from portal.statistics import Table
from workflow import statistics as editorial


@dataclass
class Part:
    key: str
    title: str
    tables: list


def activity_report(start, end):
    return [
        Part("thang", _("By month"), [by_month(start, end)]),
        Part("xuat-ban", _("Publishing"), editorial.publishing(start, end)),
        Part("kiem-duyet", _("Moderation"), editorial.moderation(start, end)),
        Part("van-ban", _("Legal documents"), editorial.legal_documents(start, end)),
        Part("truy-cap", _("Visits"), site.visits(start, end)),
        Part("tim-kiem", _("Searches"), site.searches(start, end)),
        Part("nhuan-but", _("Royalties"), editorial.royalties(start, end)),
        Part("an-ninh", _("Security"), site.security(start, end)),
    ]


def by_month(start, end):
    series = [
        editorial.published_by_month(start, end),
        editorial.decisions_by_month(start, end),
        site.visits_by_month(start, end),
        site.searches_by_month(start, end),
    ]
    return Table(
        _("Activity by month"),
        [_("Month"), _("New items"), _("Board decisions"), _("Visits"), _("Searches")],
        [
            [month.strftime("%m/%Y")] + [counts.get(month, 0) for counts in series]
            for month in site.months(start, end)
        ],
        chart=1,
    )


def year_bounds(year):
    return date(year, 1, 1), date(year, 12, 31)


def is_year(start, end):
    return (start, end) == year_bounds(start.year)


def title(start, end):
    if is_year(start, end):
        return _("Annual report %(year)d") % {"year": start.year}
    return _("Activity report")


def filename(start, end):
    if is_year(start, end):
        return f"bao-cao-nam-{start.year}.xlsx"
    return f"bao-cao-hoat-dong-{start:%Y-%m-%d}-{end:%Y-%m-%d}.xlsx"


def period_text(start, end):
    return _("From %(start)s to %(end)s") % {
        "start": site.display(start),
        "end": site.display(end),
    }


def printable(start, end, parts):
    """The context of the printable page (portal/report_print.html)."""
    return {
        "agency": agency_name(),
        "title": title(start, end),
        "period": period_text(start, end),
        "parts": parts,
        "made_at": timezone.now(),
    }


def agency_name():
    from wagtail.models import Site

    from portal import chrome

    return chrome.portal_settings(Site.objects.get(is_default_site=True)).agency_name


# --- The workbook -----------------------------------------------------------------------------

NUMBER_FORMATS = {
    Decimal: "#,##0.0#",
    date: "dd/mm/yyyy",
    datetime: "dd/mm/yyyy hh:mm",
    int: "#,##0",
}
TITLE, HEADING = Font(bold=True, size=12), Font(bold=True)


class Sheet:
    """Writes rows down a worksheet, keeping its own row count (openpyxl counts every cell
    to find the last row) and the widest text per column."""

    def __init__(self, sheet):
        self.sheet, self.row, self.widths = sheet, 1, {}

    def put(self, values, font=None):
        for column, value in enumerate(values, 1):
            cell = self.sheet.cell(row=self.row, column=column, value=cell_value(value))
            if font:
                cell.font = font
            if type(value) in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[type(value)]
            self.widths[column] = max(self.widths.get(column, 0), len(str(value or "")))
        self.row += 1

    def table(self, table):
        self.put([table.title], TITLE)
        self.put(table.headers, HEADING)
        for row in table.rows:
            self.put(row)
        if table.note:
            self.put([table.note])
        self.row += 1

    def fit_columns(self):
        for column, width in self.widths.items():
            letter = self.sheet.cell(row=1, column=column).column_letter
            self.sheet.column_dimensions[letter].width = min(max(width + 2, 12), 60)


def cell_value(value):
    # Excel keeps no time zone: the local time is what the office reads.
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def workbook(start, end, parts):
    book = Workbook()
    book.active.title = pgettext("report", "Summary")
    cover = Sheet(book.active)
    cover.put([agency_name()])
    cover.put([title(start, end)], Font(bold=True, size=14))
    cover.put([period_text(start, end)])
    cover.put([_("Made on %(time)s") % {"time": site.display(timezone.now())}])
    sheets = [cover]
    for part in parts:
        sheets.append(Sheet(book.create_sheet(part.title[:31])))
        for table in part.tables:
            sheets[-1].table(table)
    for sheet in sheets:
        sheet.fit_columns()
    out = BytesIO()
    book.save(out)
    return out.getvalue()
