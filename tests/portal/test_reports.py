"""The activity reports (issue #8): a month of known activity in March 2025, made through the
board's workflow where people make it and written with its timestamps where only time
separates it from today; every figure of every report equals the count made by hand below,
on the admin page, the printable page and in the workbook."""

import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import ModelLogEntry, PageLogEntry, Site

from consultations.models import Status as DraftStatus
from home.models import ArticlePage
from legal_docs.models import ImportBatch, LegalDocumentPage, Validity
from portal import reports
from portal.core import roles
from portal.core.figures import display
from portal.core.models import DailyVisits
from portal.statistics import SECURITY_ACTIONS
from search.models import UnansweredQuery
from tests.admin_forms import decide, submit_new
from tests.builders import genre, new_document
from workflow.models import BoardReviewTaskState, ForcePublication, RoyaltyEntry, RoyaltyPeriod

pytestmark = pytest.mark.postgres

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
START, END = date(2025, 3, 1), date(2025, 3, 31)


def at(day, hour, minute=0, month=3):
    return datetime(2025, month, day, hour, minute, tzinfo=ZONE)


def page_log(page, action, when):
    PageLogEntry.objects.create(
        page=page,
        content_type=ContentType.objects.get_for_model(page),
        label=page.title,
        action=action,
        timestamp=when,
    )


def model_log(action, label, when, user=None, data=None, about=Site):
    ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(about),
        object_id="0",
        label=label,
        action=action,
        user=user,
        data=data or {},
        timestamp=when,
    )


def shift_review(page, started, finished=None):
    BoardReviewTaskState.objects.filter(workflow_state__object_id=str(page.pk)).update(
        started_at=started, finished_at=finished
    )


@pytest.fixture
def month(client, team, news, registry):
    """March 2025, as the figures below count it."""
    board = team["board_a"]
    approved = submit_new(client, team["contributor"], news, slug="tin-bao-cao-1")
    decide(client, board, approved, "approve")
    shift_review(approved, at(3, 9), at(3, 15))  # 6 hours, same day
    ArticlePage.objects.filter(pk=approved.pk).update(first_published_at=at(3, 15))
    rejected = submit_new(client, team["contributor"], news, slug="tin-bao-cao-2")
    decide(client, board, rejected, "reject", ground="low_quality", comment="Ảnh mờ.")
    shift_review(rejected, at(4, 8), at(10, 8))  # 144 hours, 4 working days: late
    waiting = submit_new(client, team["contributor"], news, slug="tin-bao-cao-3")
    shift_review(waiting, at(5, 8))  # still waiting: overdue today
    page_log(approved, "wagtail.publish", at(3, 15))
    page_log(approved, "workflow.unpublish", at(28, 10))

    expired = new_document(registry, "11/QĐ-STP", expiry_date=date(2025, 3, 20))
    expiring = new_document(registry, "12/QĐ-STP", expiry_date=date(2025, 5, 15))
    changed = new_document(registry, "13/QĐ-STP")
    LegalDocumentPage.objects.filter(pk=expired.pk).update(first_published_at=at(12, 9))
    LegalDocumentPage.objects.filter(pk=expiring.pk).update(first_published_at=at(13, 9))
    LegalDocumentPage.objects.filter(pk=changed.pk).update(
        first_published_at=datetime(2024, 6, 1, 9, tzinfo=ZONE)
    )
    page_log(changed, "wagtail.publish", at(15, 10))
    batch = ImportBatch.objects.create(
        source_name="vbpl-2025-03.json",
        created_count=5,
        updated_count=1,
        rejected_count=2,
    )
    ImportBatch.objects.filter(pk=batch.pk).update(created_at=at(20, 14))
    model_log(
        "portal.export",
        "vbpl.json",
        at(25, 16),
        data={"what": "legal documents", "format": "json", "count": 3},
        about=LegalDocumentPage,
    )
    forced = ForcePublication.objects.create(
        page=approved, published_by=team["operator"], reason="Thông báo khẩn"
    )
    ForcePublication.objects.filter(pk=forced.pk).update(
        published_at=at(6, 20), confirmed_by=team["board_b"], confirmed_at=at(7, 8)
    )

    for page, day, count in [
        (news, date(2025, 3, 2), 5),
        (news, date(2025, 3, 20), 7),
        (registry, date(2025, 3, 10), 4),
        (approved, date(2025, 3, 3), 10),
        (news, date(2025, 4, 1), 100),  # April: not counted
    ]:
        DailyVisits.objects.create(page=page, date=day, count=count)

    for words, day in [("ho tich", 5), ("ho tich", 5), ("ho tich", 7), ("ket hon", 6)]:
        Query.get(words).add_hit(date=date(2025, 3, day))
    Query.get("ket hon").add_hit(date=date(2025, 4, 2))  # April
    for words, day, hits in [
        ("xyz", date(2025, 3, 7), 2),
        ("abc", date(2025, 3, 8), 1),
        ("xyz", date(2025, 3, 9), 1),
        ("abc", date(2025, 4, 1), 9),  # April
    ]:
        UnansweredQuery.objects.create(query_string=words, date=day, hits=hits)

    model_log("portal.login_failed", "admin", at(3, 7))
    model_log("portal.login_failed", "admin", at(31, 23, 30))  # the last evening counts
    model_log("portal.login_failed", "bientap", at(4, 7))
    model_log("portal.login_failed", "admin", datetime(2025, 4, 1, tzinfo=ZONE))  # April
    model_log("portal.lockout", "admin", at(31, 23, 31))
    model_log(
        "portal.user_suspend",
        "bientap",
        at(4, 9),
        user=team["operator"],
        data={"reason": "Nghỉ việc"},
    )

    first_quarter = RoyaltyPeriod.objects.create(
        name="Quý 1/2025", start=date(2025, 1, 1), end=date(2025, 3, 31), point_value=100000
    )
    second_quarter = RoyaltyPeriod.objects.create(
        name="Quý 2/2025", start=date(2025, 4, 1), end=date(2025, 6, 30), point_value=100000
    )
    for period, points in [(first_quarter, "4"), (first_quarter, "2.5"), (second_quarter, "3")]:
        RoyaltyEntry.objects.create(
            period=period,
            title="Tin thử",
            author_name="Trần Thị Bình",
            unit="Phòng Phổ biến",
            genre=genre(),
            points=Decimal(points),
        )
    return {"approved": approved, "team": team}


SECURITY_EVENTS = {
    "portal.login_failed": 3,
    "portal.lockout": 1,
    "portal.user_suspend": 1,
    "portal.export": 1,  # the registry's export to the national database
}


def expected(news, registry, month):
    """Every table of the report for March 2025, counted by hand from the fixture."""
    article = capfirst(ArticlePage._meta.verbose_name)
    document = capfirst(LegalDocumentPage._meta.verbose_name)
    return {
        "thang": {_("Activity by month"): [["03/2025", 3, 2, 26, 4]]},
        "xuat-ban": {
            _("Publishing"): [
                [_("New items published"), 3],
                [_("Publications, updates included"), 2],
                [_("Unpublished with a reason"), 1],
            ],
            _("New items per section"): [[registry.title, 2], [news.title, 1]],
            _("New items per type"): [[document, 2], [article, 1]],
            _("New articles per providing unit"): [["Phòng Hành chính tư pháp", 1]],
            _("New items per author"): [[_("(no account)"), 2], ["contributor", 1]],
        },
        "kiem-duyet": {
            _("Moderation"): [
                [_("Submitted for review"), 3],
                [_("Approved"), 1],
                [_("Rejected"), 1],
                [_("Median time to a decision (hours)"), Decimal("75.0")],
                [_("Longest time to a decision (hours)"), Decimal("144.0")],
                [_("Decided after more than %(days)d working days") % {"days": 2}, 1],
                [_("Still waiting, more than %(days)d working days") % {"days": 2}, 1],
                [_("Published by operators without approval"), 1],
                [_("… of which confirmed by the board"), 1],
            ],
            _("Rejections by ground (Art. 4.2c)"): [
                [str(label), 1 if value == "low_quality" else 0]
                for value, label in BoardReviewTaskState._meta.get_field("rejection_ground").choices
            ],
            _("Decisions per board member"): [["board_a", 1, 1]],
        },
        "van-ban": {
            _("Legal documents"): [
                [_("Added to the registry"), 2],
                [_("Changed"), 1],
                [_("Ceased to be in force in the period"), 1],
                [_("Expire within %(days)d days after the period") % {"days": 90}, 1],
                [_("Import batches"), 1],
            ],
            _("Documents added per type"): [["Quyết định", 2]],
            _("Exchange with the national legal database"): [
                [
                    _("Last import"),
                    at(20, 14),
                    _(
                        "%(file)s: %(created)d new, %(updated)d changed, %(rejected)d rejected; "
                        "%(status)s"
                    )
                    % {
                        "file": "vbpl-2025-03.json",
                        "created": 5,
                        "updated": 1,
                        "rejected": 2,
                        "status": ImportBatch.Status.PENDING.label.lower(),
                    },
                ],
                [
                    _("Last export"),
                    at(25, 16),
                    _("%(count)s documents, %(format)s") % {"count": 3, "format": "json"},
                ],
            ],
            # Only the registry's own page was opened this month (its documents' figures:
            # tests/legal_docs/test_browsing.py).
            _("Most viewed documents"): [],
            _("Most downloaded documents"): [],
        },
        # No draft for comment in the month (tests/consultations/test_drafts.py counts them).
        "gop-y": {
            _("Drafts for comment"): [
                [_("Drafts open for comment at some time in the period"), 0],
                [_("Comments received"), 0],
                [_("Drafts whose synthesis is published"), 0],
            ],
            _("Drafts by status on the last day"): [
                [str(label), 0] for _value, label in DraftStatus.choices
            ],
        },
        "truy-cap": {
            _("Visits"): [[_("Page views"), 26], [_("Pages visited"), 3]],
            _("Visits per section"): [[news.title, 22], [registry.title, 4]],
            _("Most visited pages"): [
                [news.title, "/tin-tuc/", 12],
                [month["approved"].title, "/tin-tuc/tin-bao-cao-1/", 10],
                [registry.title, "/van-ban/", 4],
            ],
        },
        "tim-kiem": {
            _("Searches"): [
                [_("Searches made"), 4],
                [_("Different queries"), 2],
                [_("Searches that found nothing"), 4],
            ],
            _("Most asked"): [["ho tich", 3], ["ket hon", 1]],
            _("Queries that found nothing"): [
                ["xyz", 3, date(2025, 3, 9)],
                ["abc", 1, date(2025, 3, 8)],
            ],
        },
        "nhan-tin": {
            _("Subscribers by topic"): [],
            _("Subscription mail"): [
                [_("Subscribers in all"), 0],
                [_("Publications mailed, accepted by the mail server"), 0],
                [_("Waiting or being retried"), 0],
                [_("Given up after repeated refusals"), 0],
            ],
        },
        "nhuan-but": {
            _("Royalties per period"): [
                [
                    "Quý 1/2025",
                    date(2025, 1, 1),
                    date(2025, 3, 31),
                    2,
                    Decimal("6.50"),
                    Decimal("650000"),
                    _("Open"),
                ]
            ]
        },
        "yeu-cau": {
            # Built and counted in tests/information_requests/test_requests.py.
            _("Information requests"): [
                [_("Received"), 0],
                [_("Information provided"), 0],
                [_("Refused"), 0],
                [_("Answered after the deadline"), 0],
                [_("Period extended"), 0],
                [_("Waiting for an answer"), 0],
                [_("Waiting, past the deadline"), 0],
            ],
            _("Refusals by legal ground"): [],
        },
        "an-ninh": {
            _("Security events"): [
                [str(label), SECURITY_EVENTS.get(action, 0)]
                for action, label in SECURITY_ACTIONS.items()
            ],
            _("Failed sign-ins per account name"): [["admin", 2], ["bientap", 1]],
            _("Accounts suspended"): [["bientap", "quantri-thu", "Nghỉ việc", at(4, 9)]],
        },
    }


VALIDITY = _("Registry by validity on the last day")


def report_rows(start=START, end=END):
    return {
        part.key: {table.title: table.rows for table in part.tables if table.title != VALIDITY}
        for part in reports.activity_report(start, end)
    }


def test_every_figure_equals_the_count_by_hand(month, news, registry):
    assert report_rows() == expected(news, registry, month)


def test_validity_counts_the_registry_on_the_last_day(registry):
    def validity():
        part = next(p for p in reports.activity_report(START, END) if p.key == "van-ban")
        return dict(next(t for t in part.tables if t.title == VALIDITY).rows)

    before = validity()
    new_document(registry, "21/QĐ-STP", expiry_date=date(2025, 3, 20))  # expired by 31/03
    new_document(registry, "22/QĐ-STP", expiry_date=date(2025, 5, 15))  # still in force
    new_document(registry, "23/QĐ-STP", effective=date(2025, 4, 1))  # not yet
    after = validity()
    change = {label: after[label] - before[label] for label in after}
    assert change == {
        label: {Validity.EXPIRED: 1, Validity.IN_FORCE: 1, Validity.NOT_YET_IN_FORCE: 1}.get(
            value, 0
        )
        for value, label in Validity.choices
    }


def html_tables(html):
    """{table title: rows of cell texts} of a report page."""
    soup = BeautifulSoup(html, "lxml")
    tables = {}
    for section in soup.select("section.report-table"):
        rows = [
            [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
            for row in section.select("tbody tr")
        ]
        tables[section.h3.get_text(strip=True)] = rows
    return tables


def shown(tables):
    return {
        title: [[display(value) for value in row] for row in rows]
        for part in tables.values()
        for title, rows in part.items()
    }


PERIOD = "?tu_ngay=01/03/2025&den_ngay=31/03/2025"


@pytest.mark.parametrize("url_name", ["portal_report", "portal_report_print"])
def test_pages_show_the_same_figures(client, login, month, news, registry, url_name):
    login(roles.DIRECTORS)
    response = client.get(reverse(url_name) + PERIOD)
    assert response.status_code == 200
    html = response.content.decode()
    assert "01/03/2025" in html and "31/03/2025" in html
    tables = html_tables(html)
    tables.pop(VALIDITY)
    assert tables == shown(expected(news, registry, month))
    assert html.count("<svg") >= 10  # a chart beside every table of counts


def workbook_value(value):
    """What openpyxl reads back for a value the report wrote."""
    if isinstance(value, datetime):
        return value.astimezone(ZONE).replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, Decimal):
        return float(value)
    return value


def sheet_rows(book):
    """Every row of every sheet, trailing blanks dropped."""
    rows = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            row = list(row)
            while row and row[-1] is None:
                row.pop()
            rows.append(row)
    return rows


def test_workbook_holds_the_same_figures_and_is_logged(client, login, month, news, registry):
    director = login(roles.DIRECTORS)
    response = client.get(reverse("portal_report_xlsx") + PERIOD)
    assert response.status_code == 200
    assert "bao-cao-hoat-dong-2025-03-01-2025-03-31.xlsx" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [pgettext("report", "Summary")] + [
        p.title for p in reports.activity_report(START, END)
    ]
    rows = sheet_rows(book)
    for part in expected(news, registry, month).values():
        for title, table in part.items():
            at_title = rows.index([title])
            assert rows[at_title + 2 : at_title + 2 + len(table)] == [
                [workbook_value(value) for value in row] for row in table
            ], title
    entry = ModelLogEntry.objects.get(action="portal.export", data__what="activity report")
    assert entry.user == director and entry.data["from"] == "2025-03-01"


@pytest.mark.parametrize("group", [roles.DIRECTORS, roles.OFFICE, roles.BOARD, roles.OPERATORS])
def test_directors_office_board_and_operators_open_the_reports(client, login, group):
    login(group)
    for name in ["portal_report", "portal_report_print", "portal_report_xlsx"]:
        assert client.get(reverse(name)).status_code == 200, name
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("portal_report") in menu


def test_contributors_cannot_open_the_reports(client, login):
    login(roles.CONTRIBUTORS)
    for name in ["portal_report", "portal_report_print", "portal_report_xlsx"]:
        response = client.get(reverse(name))
        assert response.status_code == 302, name  # Wagtail's "no permission" redirect
        assert reverse(name) not in response["Location"]
    assert reverse("portal_report") not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert not ModelLogEntry.objects.filter(action="portal.export").exists()


def test_reports_only_read(client, login):
    login(roles.DIRECTORS)
    for name in ["portal_report", "portal_report_print", "portal_report_xlsx"]:
        assert client.post(reverse(name), {"tu_ngay": "01/01/2025"}).status_code == 405, name


def test_a_bad_period_says_what_to_fix(client, login):
    login(roles.DIRECTORS)
    html = client.get(reverse("portal_report") + "?tu_ngay=31/03/2025&den_ngay=01/03/2025")
    assert html.status_code == 200
    assert _("The first day must not come after the last day.") in html.content.decode()
    html = client.get(reverse("portal_report") + "?tu_ngay=31/02/2025").content.decode()
    assert "Nhập một ngày hợp lệ" in html  # Django's own message, in Vietnamese


def test_a_year_is_the_annual_report(client, login, month):
    login(roles.OFFICE)
    response = client.get(reverse("portal_report") + "?nam=2025")
    html = response.content.decode()
    assert _("Annual report %(year)d") % {"year": 2025} in html
    assert "01/01/2025" in html and "31/12/2025" in html
    visits = html_tables(html)[_("Visits")]
    assert visits == [[_("Page views"), "126"], [_("Pages visited"), "3"]]  # April too


def test_annual_report_command_writes_the_workbook_and_the_printable_page(tmp_path, month):
    out, page = tmp_path / "nam.xlsx", tmp_path / "nam.html"
    call_command("annual_report", "2025", output=out, html=page, stdout=io.StringIO())
    book = openpyxl.load_workbook(out)
    cover = [row for row in sheet_rows(book)[:4]]
    assert cover[1] == [_("Annual report %(year)d") % {"year": 2025}]
    assert cover[2] == [
        _("From %(start)s to %(end)s") % {"start": "01/01/2025", "end": "31/12/2025"}
    ]
    rows = sheet_rows(book)
    assert rows[rows.index([_("Visits")]) + 2] == [_("Page views"), 126]
    assert rows[rows.index([_("Moderation")]) + 3] == [_("Approved"), 1]
    html = page.read_text("utf-8")
    assert _("Annual report %(year)d") % {"year": 2025} in html
    assert ModelLogEntry.objects.filter(action="portal.export", data__what="annual report").exists()


def test_annual_report_command_refuses_a_year_it_cannot_report():
    with pytest.raises(CommandError, match="Hãy nhập một năm"):
        call_command("annual_report", "1999")
