"""Planned suspension of the public site (Art. 7.2). The windows not yet over are cached
under the content generation, which saving or deleting one moves on (portal/apps.py): every
application process, on every machine, sees the change with its next request."""

from datetime import timedelta

from django.shortcuts import render
from django.utils import timezone

from portal.core import cache as portal_cache
from portal.core.models import MaintenanceWindow

# The admin, the monitor, files the admin needs, and the sign-in stay up during maintenance.
OPEN_PREFIXES = ("/admin/", "/healthz", "/static/", "/media/")


def windows():
    """Also kept in this process's memory, under the generation every public request reads
    once anyway (portal/page_cache.py): a copy kept for a fixed few seconds let another
    process serve pages through a window an operator had just opened."""

    def load():
        upcoming = MaintenanceWindow.objects.filter(ends_at__gt=timezone.now())
        return list(upcoming.order_by("starts_at"))

    global remembered
    generation = portal_cache.generation()
    if remembered[0] != generation:
        key = f"portal:{generation}:maintenance"
        remembered = (generation, portal_cache.get_or_build(key, load, 60))
    return remembered[1]


# The windows of the last generation this process read: every public request asks for them,
# and they only change with the generation (current() compares them with the time).
remembered = (None, [])


def current(now=None):
    now = now or timezone.now()
    return next((w for w in windows() if w.starts_at <= now < w.ends_at), None)


def announced(now=None):
    now = now or timezone.now()
    return next(
        (w for w in windows() if w.starts_at - timedelta(days=w.announce_days) <= now < w.ends_at),
        None,
    )


def seconds_to_change(now=None):
    """Seconds until the next window's notice or suspension begins, None when none is
    coming: how long a page may be kept by the front-end cache (portal/page_cache.py)."""
    now = now or timezone.now()
    moments = [
        moment
        for w in windows()
        for moment in (w.starts_at - timedelta(days=w.announce_days), w.starts_at)
        if moment > now
    ]
    if not moments:
        return None
    return (min(moments) - now).total_seconds()


def context(request):
    """`maintenance`: the window to announce on public pages, if any."""
    if request.path.startswith("/admin/"):
        return {}
    return {"maintenance": announced()}


class MaintenanceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        window = None if request.path.startswith(OPEN_PREFIXES) else current()
        if window is None:
            return self.get_response(request)
        response = render(request, "portal/maintenance.html", {"window": window}, status=503)
        response["Retry-After"] = str(
            max(int((window.ends_at - timezone.now()).total_seconds()), 60)
        )
        return response
