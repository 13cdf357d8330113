"""Holidays are dated rows the office keeps in the admin (portal.Holiday); every count of
working days reads them (portal/core/working_days.py)."""

import importlib
from datetime import date

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from portal.core import roles
from portal.core.models import Holiday
from portal.core.working_days import add_working_days, is_working_day
from tests.builders import TET_2026, holidays

pytestmark = pytest.mark.django_db


def test_a_deadline_skips_weekends_and_holidays():
    holidays(*TET_2026, date(2026, 4, 26), date(2026, 4, 27), date(2026, 4, 30), date(2026, 5, 1))
    friday = date(2026, 2, 13)  # Tết Bính Ngọ: the office is closed from Mon 16/2 to Fri 20/2
    assert add_working_days(friday, 1) == date(2026, 2, 23)
    assert add_working_days(date(2026, 2, 23), 10) == date(2026, 3, 9)
    # Giỗ Tổ falls on Sunday 26/4/2026: Monday 27/4 is its substitute day off, then 30/4, 1/5.
    assert add_working_days(date(2026, 4, 24), 4) == date(2026, 5, 5)


def test_a_holiday_added_in_the_admin_moves_a_deadline(client, login):
    login(roles.OFFICE)
    monday = date(2026, 11, 16)
    assert add_working_days(monday, 3) == date(2026, 11, 19)
    response = client.post(
        reverse("wagtailsnippets_portal_holiday:add"),
        {"date": "18/11/2026", "name": "Nghỉ bù", "kind": Holiday.Kind.DAY_OFF},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert add_working_days(monday, 3) == date(2026, 11, 20)
    holiday = Holiday.objects.get(date=date(2026, 11, 18))
    entry = ModelLogEntry.objects.get(object_id=str(holiday.pk), action="wagtail.create")
    assert entry.content_type.model == "holiday"
    # A Saturday the government makes a working day counts as one.
    Holiday.objects.create(date=date(2026, 11, 21), name="Làm bù", kind=Holiday.Kind.WORKING_DAY)
    assert is_working_day(date(2026, 11, 21))
    assert add_working_days(monday, 4) == date(2026, 11, 21)


def test_the_migration_turns_the_old_setting_into_dated_rows(monkeypatch):
    migration = importlib.import_module("portal.migrations.0014_holiday")
    Holiday.objects.all().delete()
    migration.add_holidays(apps.get_model("portal", "Holiday"), ["01/01", "15/08", "31/02"], 2030)
    dates = set(Holiday.objects.values_list("date", flat=True))
    assert {date(2030, 8, 15), date(2031, 8, 15), date(2030, 1, 1), date(2031, 1, 1)} <= dates
    # The known holidays of 2026 and 2027, Tết included; 31/02 is no date and is left out.
    assert {date(2026, 2, 17), date(2027, 2, 6), date(2027, 4, 16)} <= dates
    assert not any(day.month == 2 and day.day > 29 for day in dates)
    # Run on a database that has the rows: nothing is added twice.
    migration.add_holidays(apps.get_model("portal", "Holiday"), ["15/08"], 2030)
    assert Holiday.objects.count() == len(dates)
    # The migration itself reads the variable, for the year it runs in and the next.
    Holiday.objects.all().delete()
    monkeypatch.setenv("PORTAL_HOLIDAYS", "15/08")
    migration.seed(apps, None)
    year = timezone.localdate().year
    assert Holiday.objects.filter(date__in=[date(year, 8, 15), date(year + 1, 8, 15)]).count() == 2
