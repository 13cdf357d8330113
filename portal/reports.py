"""The activity report for directors and the office (Art. 7.1, 9.2): each app's figures (the
statistics.py of workflow, legal_docs, consultations, search, information_requests,
subscriptions and portal) over any period, as parts of tables that the admin page, the
printable page and the XLSX workbook all show. The yearly report (Art. 7.1) is the same
report over a calendar year. Reading it changes nothing."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl.styles import Font

from consultations import statistics as consulting
from information_requests import statistics as requests
from legal_docs import statistics as registry
from portal import statistics as site
from portal.core import sites, spreadsheets
from portal.core.figures import Table, display, months
from search import statistics as searching
from subscriptions import statistics as subscribing
from workflow import statistics as editorial


@dataclass
class Part:
    key: str
    title: str
    tables: list


def activity_report(start, end, agency_site=None):
    """The parts of the report; section titles and the agency's name are those of
    `agency_site`: the request's in the admin, the default site's in a command."""
    return [
        Part("thang", _("By month"), [by_month(start, end)]),
        Part("xuat-ban", _("Publishing"), editorial.publishing(start, end, agency_site)),
        Part("kiem-duyet", _("Moderation"), editorial.moderation(start, end)),
        Part("van-ban", _("Legal documents"), registry.legal_documents(start, end)),
        Part("gop-y", _("Drafts for comment"), consulting.consultations(start, end)),
        Part("truy-cap", _("Visits"), site.visits(start, end, agency_site)),
        Part("tim-kiem", _("Searches"), searching.searches(start, end)),
        Part("yeu-cau", _("Information requests"), requests.information_requests(start, end)),
        Part("nhan-tin", _("Subscriptions"), subscribing.subscriptions(start, end)),
        Part("nhuan-but", _("Royalties"), editorial.royalties(start, end)),
        Part("an-ninh", _("Security"), site.security(start, end)),
    ]


def by_month(start, end):
    series = [
        editorial.published_by_month(start, end),
        editorial.decisions_by_month(start, end),
        site.visits_by_month(start, end),
        searching.searches_by_month(start, end),
    ]
    return Table(
        _("Activity by month"),
        [_("Month"), _("New items"), _("Board decisions"), _("Visits"), _("Searches")],
        [
            [month.strftime("%m/%Y")] + [counts.get(month, 0) for counts in series]
            for month in months(start, end)
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
        "start": display(start),
        "end": display(end),
    }


def printable(start, end, parts, number="", agency_site=None):
    """The context of the printable page (portal/report_print.html): an administrative
    report as Nghị định 30/2020/NĐ-CP lays it out, from the site settings."""
    settings = portal_settings(agency_site)
    made_at = timezone.now()
    return {
        "agency": settings.agency_name,
        "managing_agency": settings.managing_agency,
        "number": number,
        "symbol": settings.report_symbol,
        "place_date": f"{settings.report_place}, {official_date(timezone.localdate(made_at))}",
        "title": title(start, end),
        "subject": _("The activity of the website of %(agency)s")
        % {"agency": settings.agency_name},
        "period": period_text(start, end),
        "parts": parts,
        "recipients": [line for line in settings.report_recipients.splitlines() if line.strip()],
        "signer_title": settings.report_signer_title,
        "signer_name": settings.report_signer_name or settings.responsible_person,
        "made_at": made_at,
    }


def official_date(day):
    """ "ngày 05 tháng 02 năm 2026": Nghị định 30/2020 writes days below 10 and the months
    January and February with a leading 0."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return _("day %(day)s month %(month)s year %(year)s") % {
        "day": f"{day.day:02d}",
        "month": month,
        "year": day.year,
    }


def portal_settings(agency_site=None):
    return sites.portal_settings(agency_site or sites.default_site())


def agency_name(agency_site=None):
    return portal_settings(agency_site).agency_name


# --- The workbook -----------------------------------------------------------------------------

TITLE = Font(bold=True, size=12)


def put_table(sheet, table):
    sheet.put([table.title], TITLE)
    sheet.put(table.headers, spreadsheets.BOLD)
    for row in table.rows:
        sheet.put(row)
    if table.note:
        sheet.put([table.note])
    sheet.row += 1


def workbook(start, end, parts, agency_site=None):
    book = spreadsheets.Book(pgettext("report", "Summary"))
    cover = book.sheets[0]
    cover.put([agency_name(agency_site)])
    cover.put([title(start, end)], Font(bold=True, size=14))
    cover.put([period_text(start, end)])
    cover.put([_("Made on %(time)s") % {"time": display(timezone.now())}])
    for part in parts:
        sheet = book.add_sheet(part.title)
        for table in part.tables:
            put_table(sheet, table)
    return book.bytes()
