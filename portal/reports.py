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


def agency_name():
    from wagtail.models import Site

    from portal import chrome

    return chrome.portal_settings(Site.objects.get(is_default_site=True)).agency_name


# --- The workbook -----------------------------------------------------------------------------

NUMBER_FORMATS = {date: "dd/mm/yyyy", datetime: "dd/mm/yyyy hh:mm", int: "#,##0"}


def cell_value(value):
    # Excel keeps no time zone: the local time is what the office reads.
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def write_table(sheet, table, bold):
    sheet.append([table.title])
    sheet[sheet.max_row][0].font = Font(bold=True, size=12)
    sheet.append(table.headers)
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for row in table.rows:
        sheet.append([cell_value(value) for value in row])
        for cell, value in zip(sheet[sheet.max_row], row, strict=True):
            if isinstance(value, Decimal):
                cell.number_format = "#,##0.0#"
            else:
                cell.number_format = NUMBER_FORMATS.get(type(value), cell.number_format)
    if table.note:
        sheet.append([table.note])
    sheet.append([])


def workbook(start, end, parts):
    book = Workbook()
    bold = Font(bold=True)
    cover = book.active
    cover.title = pgettext("report", "Summary")
    cover.append([agency_name()])
    cover.append([title(start, end)])
    cover[2][0].font = Font(bold=True, size=14)
    cover.append([period_text(start, end)])
    cover.append([_("Made on %(time)s") % {"time": site.display(timezone.now())}])
    cover.append([])
    for part in parts:
        sheet = book.create_sheet(part.title[:31])
        for table in part.tables:
            write_table(sheet, table, bold)
    for sheet in book.worksheets:
        for column in sheet.columns:
            width = max((len(str(c.value)) for c in column if c.value is not None), default=0)
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 12), 60)
    out = BytesIO()
    book.save(out)
    return out.getvalue()
