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
maintenance notice's start may lag. A hit still counts the page's visit.

With a front-end cache (FRONTEND_CACHE_URLS, portal/core/front_cache.py), the same rules tell
it what it may keep: such a response carries `Surrogate-Control: max-age=N`, which Varnish
obeys and takes off (deploy/varnish/portal.vcl). N is FRONTEND_CACHE_SECONDS, or less when a
maintenance window or its notice begins sooner, so the window starts on time through it. A
response whose content generation moved while it was made is not marked: it may show what
the change replaced, and the ban that followed the change cannot reach a page stored after
it. Pages from the front-end cache never reach the application: their visits are counted by
a beacon in the page (portal/visits.py), so the page cache counts none then.

A page is kept as plain values (status, headers, body), in the shared cache and in this
process's memory (`held`), where a hit reads it as it is: LocMemCache would unpickle a whole
HttpResponse at every hit. The headers kept are all those of the miss, as the middleware
inside this one made them (CSP, X-Frame-Options...); those outside it (SecurityMiddleware)
are added to a hit as to a miss, so both carry the same headers (tests/portal/
test_page_cache.py)."""

import hashlib
import math
import threading
import time
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

from portal import maintenance, visits
from portal.core import cache as portal_cache
from portal.core import front_cache

SKIPPED_PREFIXES = ("/admin/", "/documents/", "/healthz", "/static/", "/media/", "/luot-xem/")
PRIVATE = {"private", "no-cache", "no-store"}
# The bodies of the pages one process holds: past it, the oldest kept are dropped.
HELD_BYTES = 32 * 1024 * 1024


class Page(NamedTuple):
    page_id: int | None  # the page whose visit a hit counts
    status: int
    headers: tuple  # (name, value) of the miss, X-Cache aside
    body: bytes
    expires: float  # time.time() past which no process serves it


# key -> Page: the pages of the latest generation this process served, oldest first.
held = {}
held_generation = 0
held_lock = threading.Lock()


def public_get(request):
    return request.method == "GET" and not request.path.startswith(SKIPPED_PREFIXES)


def cacheable_request(request):
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


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
    # "pages", not "page" as before pages were kept as plain values: an entry of the old form
    # left in the shared cache by the previous release is never read.
    return f"portal:{generation}:pages:{hashlib.md5(address.encode()).hexdigest()}"


def hold(page_key, page, generation):
    """Keep `page` in this process's memory, within HELD_BYTES; the pages of an older
    generation (which no key reaches any more) are dropped."""
    global held_generation
    with held_lock:
        if generation < held_generation:
            return  # a request that began before a change: its page is already old
        if generation > held_generation:
            held.clear()
            held_generation = generation
        held[page_key] = page
        size = sum(len(kept.body) for kept in held.values())
        while size > HELD_BYTES and len(held) > 1:
            size -= len(held.pop(next(iter(held))).body)


def stored(page_key, generation):
    """The page kept under `page_key`, from this process's memory, else from the shared
    cache (and then held here too), else None. A page is served until the time the shared
    cache keeps it, from whichever process."""
    page = held.get(page_key)
    if page is None:
        page = cache.get(page_key)
        if page is not None:
            hold(page_key, page, generation)
    if page is None or page.expires <= time.time():
        return None
    return page


def store(page_key, page_id, response, generation):
    headers = tuple((name, value) for name, value in response.items() if name != "X-Cache")
    seconds = settings.PAGE_CACHE_SECONDS
    page = Page(page_id, response.status_code, headers, response.content, time.time() + seconds)
    cache.set(page_key, page, seconds)
    hold(page_key, page, generation)


def answer(page):
    response = HttpResponse(page.body, status=page.status, headers=page.headers)
    response["X-Cache"] = "hit"
    return response


def for_front_cache(response, generation):
    """`response`, marked for the front-end cache (if there is one) unless the content
    generation moved since `generation` or a maintenance window starts now."""
    if not front_cache.enabled() or portal_cache.generation() != generation:
        return response
    seconds = settings.FRONTEND_CACHE_SECONDS
    change = maintenance.seconds_to_change()
    if change is not None:
        seconds = min(seconds, math.floor(change))
    if seconds > 0:
        response["Surrogate-Control"] = f"max-age={seconds}"
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not public_get(request):
            return self.get_response(request)
        own_cache = settings.PAGE_CACHE_SECONDS > 0
        if not own_cache and not front_cache.enabled():
            return self.get_response(request)
        with portal_cache.pinned_generation() as generation:
            if not cacheable_request(request) or maintenance.current():
                return self.get_response(request)
            page_key = key(request, generation)
            page = own_cache and stored(page_key, generation)
            if page:
                if page.page_id and visits.counted(request) and not front_cache.enabled():
                    visits.count(page.page_id)
                return for_front_cache(answer(page), generation)
            response = self.get_response(request)
        if cacheable_response(request, response):
            if own_cache:
                store(page_key, getattr(request, "visited_page_id", None), response, generation)
                response["X-Cache"] = "miss"
            for_front_cache(response, generation)
        return response
