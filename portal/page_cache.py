"""Whole public pages from the cache for citizens, who are anonymous.

A response is kept only when nothing in it belongs to one visitor: a GET answered 200 to a
request without a session or messages cookie, setting no cookie (a form's CSRF token sets
one), not marked private or no-cache (search, which counts each query, is `never_cache`).
The admin, previews (under /admin/), documents (served with their permission checks) and
the monitor are never cached.

Keys carry the content generation (portal/core/cache.py), which every publish, unpublish, move
or delete of a page, and every save of what pages show, moves on: the next request after a
change renders afresh, for the page and for every listing that shows it. Old entries expire
after PAGE_CACHE_SECONDS, which also bounds how long the footer's visit totals and a
maintenance notice's start may lag. A hit still counts the page's visit."""

import hashlib

from django.conf import settings
from django.utils.cache import cc_delim_re

from portal import maintenance, visits
from portal.core import cache as portal_cache

SKIPPED_PREFIXES = ("/admin/", "/documents/", "/healthz", "/static/", "/media/")
PRIVATE = {"private", "no-cache", "no-store"}


def public_get(request):
    return request.method == "GET" and not request.path.startswith(SKIPPED_PREFIXES)


def cacheable_request(request):
    cookies = request.COOKIES
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
    )


def cacheable_response(request, response):
    directives = {
        d.split("=")[0].strip().lower()
        for d in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    user = getattr(request, "user", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not directives & PRIVATE
        and not (user and user.is_authenticated)
        and "*" not in response.get("Vary", "")
    )


def key(request, generation):
    scheme = "https" if request.is_secure() else "http"
    address = f"{scheme}://{request.get_host()}{request.get_full_path()}"
    return f"portal:{generation}:page:{hashlib.md5(address.encode()).hexdigest()}"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not public_get(request):
            return self.get_response(request)
        with portal_cache.pinned_generation() as generation:
            if not cacheable_request(request) or maintenance.current():
                return self.get_response(request)
            page_key = key(request, generation)
            stored = portal_cache.get_cached(page_key, settings.PAGE_CACHE_SECONDS)
            if stored is not None:
                page_id, response = stored
                if page_id and visits.counted(request):
                    visits.count(page_id)
                response["X-Cache"] = "hit"
                return response
            response = self.get_response(request)
        if cacheable_response(request, response):
            response["X-Cache"] = "miss"
            stored = (getattr(request, "visited_page_id", None), response)
            portal_cache.set_cached(page_key, stored, settings.PAGE_CACHE_SECONDS)
        return response
