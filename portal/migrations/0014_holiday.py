"""Holidays become dated rows the office keeps (portal.Holiday). The days the portal knew
as the dd/mm list of PORTAL_HOLIDAYS (the environment variable, or its default) become
rows for this year and the next, beside the public holidays of the Labour Code 2019
Art. 112 for 2026 and 2027 as we believe they were announced: the office checks them
(docs/operations.md), and adds each new year's Tết."""

import os
from datetime import date

from django.db import migrations, models
from django.utils import timezone

OLD_DEFAULT = "01/01,30/04,01/05,02/09,03/09"
HOLIDAY, DAY_OFF = "holiday", "day_off"
KNOWN = [
    (date(2026, 1, 1), "Tết Dương lịch", HOLIDAY),
    (date(2026, 2, 16), "Tết Nguyên đán (29 tháng Chạp)", HOLIDAY),
    (date(2026, 2, 17), "Tết Nguyên đán (mùng 1)", HOLIDAY),
    (date(2026, 2, 18), "Tết Nguyên đán (mùng 2)", HOLIDAY),
    (date(2026, 2, 19), "Tết Nguyên đán (mùng 3)", HOLIDAY),
    (date(2026, 2, 20), "Tết Nguyên đán (mùng 4)", HOLIDAY),
    (date(2026, 4, 26), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", HOLIDAY),
    (date(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương (trùng Chủ nhật)", DAY_OFF),
    (date(2026, 4, 30), "Ngày Chiến thắng 30/4", HOLIDAY),
    (date(2026, 5, 1), "Ngày Quốc tế Lao động", HOLIDAY),
    (date(2026, 9, 2), "Quốc khánh", HOLIDAY),
    (date(2026, 9, 3), "Quốc khánh (ngày liền kề)", HOLIDAY),
    (date(2027, 1, 1), "Tết Dương lịch", HOLIDAY),
    (date(2027, 2, 5), "Tết Nguyên đán (30 tháng Chạp)", HOLIDAY),
    (date(2027, 2, 6), "Tết Nguyên đán (mùng 1)", HOLIDAY),
    (date(2027, 2, 7), "Tết Nguyên đán (mùng 2)", HOLIDAY),
    (date(2027, 2, 8), "Tết Nguyên đán (mùng 3)", HOLIDAY),
    (date(2027, 2, 9), "Tết Nguyên đán (mùng 4)", HOLIDAY),
    (date(2027, 2, 10), "Nghỉ bù Tết Nguyên đán (trùng Thứ Bảy)", DAY_OFF),
    (date(2027, 2, 11), "Nghỉ bù Tết Nguyên đán (trùng Chủ nhật)", DAY_OFF),
    (date(2027, 4, 16), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", HOLIDAY),
    (date(2027, 4, 30), "Ngày Chiến thắng 30/4", HOLIDAY),
    (date(2027, 5, 1), "Ngày Quốc tế Lao động", HOLIDAY),
    (date(2027, 5, 3), "Nghỉ bù Ngày Quốc tế Lao động (trùng Thứ Bảy)", DAY_OFF),
    (date(2027, 9, 2), "Quốc khánh", HOLIDAY),
    (date(2027, 9, 3), "Quốc khánh (ngày liền kề)", HOLIDAY),
]


def dated(day_months, years):
    """The dd/mm entries as dates of each year; an entry that is no date (29/02 of most
    years, a typo) is left out."""
    for year in years:
        for entry in day_months:
            try:
                day, month = (int(part) for part in entry.strip().split("/"))
                yield date(year, month, day)
            except ValueError:
                continue


def add_holidays(Holiday, day_months, year):
    for day, name, kind in KNOWN:
        Holiday.objects.get_or_create(date=day, defaults={"name": name, "kind": kind})
    for day in dated(day_months, (year, year + 1)):
        Holiday.objects.get_or_create(date=day, defaults={"name": "Ngày nghỉ lễ", "kind": HOLIDAY})


def seed(apps, schema_editor):
    day_months = os.environ.get("PORTAL_HOLIDAYS", OLD_DEFAULT).split(",")
    add_holidays(apps.get_model("portal", "Holiday"), day_months, timezone.localdate().year)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0013_daily_downloads"),
    ]

    operations = [
        migrations.CreateModel(
            name="Holiday",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField(unique=True, verbose_name="date")),
                ("name", models.CharField(max_length=150, verbose_name="name")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("holiday", "Public holiday"),
                            ("day_off", "Substitute day off"),
                            ("working_day", "Weekend day worked instead"),
                        ],
                        default="holiday",
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
            ],
            options={
                "verbose_name": "holiday",
                "verbose_name_plural": "holidays",
                "ordering": ["date"],
            },
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
