"""Royalty bookkeeping: credit authors on approval, sum a period per author and unit, and write
the register as a spreadsheet for the accountant."""

import calendar
from collections import OrderedDict
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail.log_actions import log

from portal.core import sites, spreadsheets
from workflow.models import RoyaltyEntry, RoyaltyGenre, RoyaltyPeriod


def month_period(day, user=None):
    """The open period covering `day`, created as a calendar month when the board has not set
    one up; a month already closed sends late entries to the next open month."""
    period = RoyaltyPeriod.objects.filter(start__lte=day, end__gte=day).first()
    while period is not None and period.is_closed:
        day = period.end + timezone.timedelta(days=1)
        period = RoyaltyPeriod.objects.filter(start__lte=day, end__gte=day).first()
    if period is None:
        start = day.replace(day=1)
        end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        # A period the board set up by hand may begin mid-month: do not overlap it.
        later = (
            RoyaltyPeriod.objects.filter(start__gt=day, start__lte=end).order_by("start").first()
        )
        if later:
            end = later.start - timezone.timedelta(days=1)
        earlier = RoyaltyPeriod.objects.filter(end__lt=day, end__gte=start).order_by("-end").first()
        if earlier:
            start = earlier.end + timezone.timedelta(days=1)
        previous = RoyaltyPeriod.objects.filter(end__lt=start).order_by("-end").first()
        whole_month = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
        period = RoyaltyPeriod.objects.create(
            name=_("Month %(month)02d/%(year)d") % {"month": day.month, "year": day.year}
            if whole_month
            else f"{start:%d/%m/%Y}–{end:%d/%m/%Y}",
            start=start,
            end=end,
            point_value=previous.point_value if previous else 0,
        )
        log(instance=period, action="wagtail.create", user=user)
    return period


def record_approval(task_state, user, lines):
    """One entry per author line of the approval form; a line without an author credits the
    person who submitted the item."""
    if not lines:
        return []
    page = task_state.revision.content_object
    period = month_period(timezone.localdate(), user)
    submitter_id = task_state.workflow_state.requested_by_id
    # The agency the page is published for (its site's settings), not the install's first.
    site = page.get_site() or sites.default_site()
    agency = sites.portal_settings(site).agency_name
    entries = []
    for line in lines:
        user_id = line["user_id"] or (None if line["author_name"] else submitter_id)
        # Staff write for the department itself unless the board names their unit.
        unit = line["unit"] or ("" if line["author_name"] else agency)
        entry = RoyaltyEntry(
            period=period,
            page=page,
            title=page.title[:255],
            task_state=task_state,
            user_id=user_id,
            author_name=line["author_name"],
            unit=unit,
            genre=line["genre"],
            points=line["points"],
            created_by=user,
        )
        entry.full_clean()
        entry.save()
        log(instance=entry, action="wagtail.create", user=user)
        entries.append(entry)
    return entries


def close_period(period, user):
    with transaction.atomic():
        period = RoyaltyPeriod.objects.select_for_update().get(pk=period.pk)
        if period.is_closed:
            return False
        RoyaltyPeriod.objects.filter(pk=period.pk).update(closed_at=timezone.now(), closed_by=user)
        period.refresh_from_db()
        log(
            instance=period,
            action="workflow.close_period",
            user=user,
            data={"entries": period.entries.count(), "total": str(register(period)["amount"])},
        )
    return True


def register(period):
    """Entries of a period grouped per unit, then author, with exact totals."""
    entries = period.entries.select_related("user", "genre", "adjusts", "period").order_by(
        "unit", "user__first_name", "author_name", "created_at", "pk"
    )
    units = OrderedDict()
    for entry in entries:
        unit = entry.unit or _("(no unit given)")
        authors = units.setdefault(unit, OrderedDict())
        rows = authors.setdefault(entry.author, [])
        rows.append(entry)
    result = {"units": [], "points": Decimal(0), "amount": Decimal(0), "count": 0}
    for unit, authors in units.items():
        unit_row = {"unit": unit, "authors": [], "points": Decimal(0), "amount": Decimal(0)}
        for author, rows in authors.items():
            points = sum((e.points for e in rows), Decimal(0))
            amount = sum((e.amount for e in rows), Decimal(0))
            unit_row["authors"].append(
                {"author": author, "entries": rows, "points": points, "amount": amount}
            )
            unit_row["points"] += points
            unit_row["amount"] += amount
            result["count"] += len(rows)
        result["units"].append(unit_row)
        result["points"] += unit_row["points"]
        result["amount"] += unit_row["amount"]
    return result


def register_xlsx(period):
    data = register(period)
    book = spreadsheets.Book(pgettext("royalty register", "Summary"))
    summary, bold = book.sheets[0], spreadsheets.BOLD
    summary.put([_("Royalty register"), str(period)])
    summary.put(
        [
            pgettext("date range", "From"),
            period.start.strftime("%d/%m/%Y"),
            _("to"),
            period.end.strftime("%d/%m/%Y"),
        ]
    )
    summary.put([_("Value of one point (VND)"), period.point_value])
    summary.put([])
    summary.put([_("Unit"), _("Author"), _("Items"), _("Points"), _("Amount (VND)")], bold)
    for unit in data["units"]:
        for author in unit["authors"]:
            summary.put(
                [
                    unit["unit"],
                    author["author"],
                    len(author["entries"]),
                    author["points"],
                    author["amount"],
                ]
            )
        summary.put([unit["unit"], _("Unit total"), None, unit["points"], unit["amount"]], bold)
    summary.put([_("Total"), None, data["count"], data["points"], data["amount"]], bold)

    detail = book.add_sheet(_("Entries"))
    detail.put(
        [
            _("Recorded on"),
            _("Unit"),
            _("Author"),
            _("Item"),
            _("Genre"),
            _("Points"),
            _("Amount (VND)"),
            _("Adjusts entry"),
            _("Note"),
        ],
        bold,
    )
    for unit in data["units"]:
        for author in unit["authors"]:
            for e in author["entries"]:
                detail.put(
                    [
                        timezone.localtime(e.created_at).strftime("%d/%m/%Y"),
                        unit["unit"],
                        author["author"],
                        e.title,
                        e.genre.name,
                        e.points,
                        e.amount,
                        e.adjusts_id or None,
                        e.note,
                    ]
                )
    return book.bytes()


# Genres and point frames as the board starts with them (Decision 35/QĐ-UBND, 2015, for
# electronic news); the board edits them in the admin.
DEFAULT_GENRES = [
    ("Tin", 1, 10, 4),
    ("Bài viết, bài phản ánh", 5, 25, 10),
    ("Bài phổ biến, giáo dục pháp luật", 5, 20, 10),
    ("Ảnh", 1, 5, 2),
    ("Video, phóng sự", 5, 30, 12),
    ("Tin dịch, tin tổng hợp", 1, 5, 2),
]


def ensure_genres():
    if RoyaltyGenre.objects.exists():
        return  # the board's own list stands
    for order, (name, low, high, default) in enumerate(DEFAULT_GENRES):
        RoyaltyGenre.objects.create(
            name=name, min_points=low, max_points=high, default_points=default, sort_order=order
        )
