"""Working days, as every deadline of the portal counts them (the board's review, information
requests): Monday to Friday, less the holidays and days off the office keeps in the admin
(portal.Holiday), plus the weekend days the government swapped into working days.

The dates are read once into the shared cache and forgotten whenever one changes (the
receivers are connected in portal/apps.py), so a long count costs no query per day."""

from datetime import timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

KEY = "portal:holidays"


def calendar():
    """{date: kind} of every holiday, day off and worked weekend day."""
    from portal.core.models import Holiday  # the models are not ready when this is imported

    dates = cache.get(KEY)
    if dates is None:
        dates = dict(Holiday.objects.values_list("date", "kind"))
        cache.set(KEY, dates, 60 * 60)
    return dates


def forget(**kwargs):
    cache.delete(KEY)
    # Again once the change is visible to others: a reader in between cached the old dates.
    transaction.on_commit(lambda: cache.delete(KEY))


def is_working_day(day, dates=None):
    from portal.core.models import Holiday

    kind = (calendar() if dates is None else dates).get(day)
    if kind == Holiday.Kind.WORKING_DAY:
        return True
    return day.weekday() < 5 and kind is None


def working_days_since(moment, now=None):
    """Whole working days elapsed from the day of `moment` to today (or `now`'s day)."""
    day, today = timezone.localdate(moment), timezone.localdate(now)
    dates = calendar()
    count = 0
    while day < today:
        day += timedelta(days=1)
        if is_working_day(day, dates):
            count += 1
    return count


def add_working_days(day, count):
    """The `count`-th working day after `day`: the last day of a period of `count` working
    days counted from the day after `day` (a request received on day D, answered within 10
    working days, is due on add_working_days(D, 10))."""
    dates = calendar()
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day, dates):
            count -= 1
    return day
