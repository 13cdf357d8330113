"""Royalties (Art. 8, 11.3): entries appear when the board approves, the register sums them per
unit and author, the XLSX matches, and a closed period is locked."""

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from portal.core import roles
from tests.admin_forms import decide, submit_new
from tests.builders import genre
from workflow import royalties
from workflow.models import RoyaltyEntry, RoyaltyPeriod


@pytest.fixture
def period(db):
    # A clean register: the demo's own month and entries would blur the sums.
    RoyaltyEntry.objects.all().delete()
    RoyaltyPeriod.objects.all().delete()
    today = timezone.localdate()
    return RoyaltyPeriod.objects.create(
        name="Kỳ thử nghiệm",
        start=today - timedelta(days=today.day - 1),
        end=today + timedelta(days=40),
        point_value=85_000,
    )


def approve(client, team, news, slug, **lines):
    page = submit_new(client, team["contributor"], news, slug=slug, title=f"Tin {slug}")
    response = decide(client, team["board_a"], page, "approve", **lines)
    assert response.json()["step"] == "success"
    return page


def entry_form(entry, **overrides):
    data = {
        "period": entry.period_id,
        "page": entry.page_id or "",
        "title": entry.title,
        "user": entry.user_id or "",
        "author_name": entry.author_name,
        "unit": entry.unit,
        "genre": entry.genre_id,
        "points": str(entry.points),
        "adjusts": entry.adjusts_id or "",
        "note": entry.note,
    }
    data.update(overrides)
    return data


@pytest.fixture
def approved(client, team, news, period):
    tin, anh = str(genre().pk), str(genre("Ảnh").pk)
    approve(client, team, news, "tin-mot", genre_1=tin, points_1="6")
    approve(
        client,
        team,
        news,
        "tin-hai",
        genre_1=tin,
        points_1="4.5",
        unit_1="Phòng Phổ biến, giáo dục pháp luật",
        name_2="Trần Thị Bình",
        unit_2="UBND xã Gio Linh",
        genre_2=anh,
        points_2="3",
    )
    approve(
        client, team, news, "tin-ba", name_1="Trần Thị Bình", unit_1="UBND xã Gio Linh", genre_1=anh
    )
    return period


def test_register_totals_are_exact(approved):
    data = royalties.register(approved)
    by_author = {
        (unit["unit"], author["author"]): (author["points"], author["amount"])
        for unit in data["units"]
        for author in unit["authors"]
    }
    assert by_author[("UBND xã Gio Linh", "Trần Thị Bình")] == (Decimal(5), Decimal(425_000))
    assert by_author[("Phòng Phổ biến, giáo dục pháp luật", "contributor")] == (
        Decimal("4.5"),
        Decimal(382_500),
    )
    assert by_author[("Sở Tư pháp tỉnh Quảng Trị", "contributor")] == (Decimal(6), Decimal(510_000))
    assert data["points"] == Decimal("15.5") and data["amount"] == Decimal(1_317_500)
    assert data["count"] == 4


def test_the_xlsx_matches_the_register(client, team, approved):
    client.force_login(team["board_a"])
    response = client.get(reverse("workflow_royalty_register_xlsx", args=(approved.pk,)))
    book = load_workbook(BytesIO(response.content))
    summary, detail = book.worksheets
    rows = [r for r in summary.iter_rows(values_only=True) if r[1] == "Trần Thị Bình"]
    assert rows == [("UBND xã Gio Linh", "Trần Thị Bình", 2, 5, 425000)]
    assert list(summary.iter_rows(values_only=True))[-1] == ("Tổng cộng", None, 4, 15.5, 1317500)
    assert detail.max_row == 1 + 4
    assert sum(r[6] for r in detail.iter_rows(min_row=2, values_only=True)) == 1317500
    # Taking the register out of the admin is in the system log.
    exported = ModelLogEntry.objects.get(action="portal.export", object_id=str(approved.pk))
    assert exported.user == team["board_a"] and exported.data["format"] == "xlsx"


def test_the_register_page_shows_the_totals(client, team, approved):
    client.force_login(team["board_a"])
    page = client.get(reverse("workflow_royalty_register", args=(approved.pk,))).content.decode()
    assert "1.317.500" in page or "1,317,500" in page


def test_a_closed_period_refuses_every_change(client, team, approved):
    client.force_login(team["board_a"])
    client.post(reverse("workflow_close_royalty_period", args=(approved.pk,)))
    approved.refresh_from_db()
    assert approved.is_closed
    assert ModelLogEntry.objects.filter(
        action="workflow.close_period", object_id=str(approved.pk)
    ).exists()

    entry = RoyaltyEntry.objects.filter(period=approved).first()
    url = reverse("wagtailsnippets_workflow_royaltyentry:edit", args=(entry.pk,))
    response = client.post(url, entry_form(entry, points="9"))
    assert "đã khoá sổ" in response.content.decode()
    entry.refresh_from_db()
    assert entry.points != 9

    period_url = reverse("wagtailsnippets_workflow_royaltyperiod:edit", args=(approved.pk,))
    response = client.post(
        period_url,
        {
            "name": approved.name,
            "start": approved.start,
            "end": approved.end,
            "point_value": "100000",
        },
    )
    assert "đã khoá sổ" in response.content.decode()
    approved.refresh_from_db()
    assert approved.point_value == 85_000

    client.post(reverse("wagtailsnippets_workflow_royaltyentry:delete", args=(entry.pk,)))
    assert RoyaltyEntry.objects.filter(pk=entry.pk).exists()
    with pytest.raises(ValidationError):
        entry.save()


def test_a_correction_after_closing_is_an_adjustment(client, team, approved):
    royalties.close_period(approved, team["board_a"])
    entry = RoyaltyEntry.objects.filter(period=approved).first()
    later = RoyaltyPeriod.objects.create(
        name="Kỳ sau",
        start=approved.end + timedelta(days=1),
        end=approved.end + timedelta(days=30),
        point_value=90_000,
    )
    client.force_login(team["board_a"])
    add = reverse("wagtailsnippets_workflow_royaltyentry:add")
    fields = entry_form(entry, period=later.pk, points="-2", adjusts=entry.pk, note="Tính thừa")
    response = client.post(add, fields)
    assert response.status_code == 302
    adjustment = RoyaltyEntry.objects.get(adjusts=entry)
    assert adjustment.amount == Decimal(-180_000)
    assert ModelLogEntry.objects.filter(
        action="wagtail.create", object_id=str(adjustment.pk)
    ).exists()

    # Outside an adjustment, negative points are refused with a message.
    response = client.post(add, entry_form(entry, period=later.pk, points="-2"))
    assert "không được âm" in response.content.decode(), response.context["form"].errors


def test_approval_in_a_closed_month_goes_to_the_next_period(client, team, news, period):
    royalties.close_period(period, team["board_b"])
    approve(client, team, news, "tin-muon", genre_1=str(genre().pk))
    entry = RoyaltyEntry.objects.get(page__slug="tin-muon")
    assert entry.period != period and entry.period.start == period.end + timedelta(days=1)


def test_genre_frames_and_periods_are_checked(period):
    with pytest.raises(ValidationError):
        RoyaltyPeriod(
            name="Chồng lấn", start=period.start, end=period.end, point_value=1
        ).full_clean()
    g = genre()
    g.default_points = g.max_points + 1
    with pytest.raises(ValidationError):
        g.full_clean()
    assert royalties.month_period(date(2031, 2, 14)).name == "Tháng 02/2031"


@pytest.mark.parametrize(
    "group,can_view,can_close",
    [
        (roles.BOARD, True, True),
        (roles.OFFICE, True, False),
        (roles.DIRECTORS, True, False),
        (roles.CONTRIBUTORS, False, False),
    ],
)
def test_who_sees_and_closes_the_register(client, login, period, group, can_view, can_close):
    login(group)
    response = client.get(reverse("workflow_royalty_register_xlsx", args=(period.pk,)))
    assert (response.status_code == 200) == can_view
    client.post(reverse("workflow_close_royalty_period", args=(period.pk,)))
    period.refresh_from_db()
    assert period.is_closed == can_close
