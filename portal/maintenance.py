"""Planned suspension of the public site (Art. 7.2). The windows not yet over are cached
briefly; saving or deleting one forgets them at once."""

from datetime import timedelta

from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone

from portal.core import cache as portal_cache
from portal.core.models import MaintenanceWindow

CACHE_KEY = "portal:maintenance"
# The admin, the monitor, files the admin needs, and the sign-in stay up during maintenance.
OPEN_PREFIXES = ("/admin/", "/healthz", "/static/", "/media/")


def windows():
    """Also kept a few seconds in this process's memory: every public request asks."""

    def load():
        upcoming = MaintenanceWindow.objects.filter(ends_at__gt=timezone.now())
        return list(upcoming.order_by("starts_at"))

    return portal_cache.get_or_build(CACHE_KEY, load, 60, local_seconds=5)


def forget(**kwargs):
    cache.delete(CACHE_KEY)
    portal_cache.local.delete(CACHE_KEY)


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
