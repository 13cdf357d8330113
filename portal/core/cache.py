"""The parts of every public page that rarely change (main menu, site settings) are cached,
so a page costs its own queries only. Any publish, unpublish, move or delete of a page and
any save of what pages show starts a new cache generation, so citizens never see a stale
menu, nor a stale page from the page cache (portal/page_cache.py).

The cache must be shared by all application processes for that to hold: CACHES in
portal/settings/production.py is Redis."""

import time
from collections import namedtuple
from contextlib import contextmanager
from contextvars import ContextVar
from functools import reduce
from operator import or_

from django.core.cache import cache, caches
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.models import PortalSettings

GENERATION = "portal:generation"
local = caches["local"]
TIMEOUT = 60 * 60


pinned = ContextVar("generation", default=None)


def generation():
    """Changes whenever published content does; part of every cache key built on content.
    A clock reading, not a count from 1: should the cache lose this key (evicted, restarted),
    the next generation is still one no entry was ever stored under."""
    return pinned.get() or cache.get_or_set(GENERATION, time.time_ns, None)


@contextmanager
def pinned_generation():
    """One reading of the generation for a whole citizen's GET, which changes no content,
    instead of one trip to the cache for each key built on it (portal/page_cache.py)."""
    token = pinned.set(generation())
    try:
        yield pinned.get()
    finally:
        pinned.reset(token)


def cache_key(name, site_id):
    return f"portal:{generation()}:{name}:{site_id}"


def remember(key, build, timeout=TIMEOUT, local_seconds=None):
    """get_or_set() with this process's memory in front of the shared cache. A key that
    carries the generation never goes stale (a change makes a new key), so each worker asks
    the shared cache for it once; any other key is kept locally `local_seconds` only."""
    value = recall(key, local_seconds or timeout)
    if value is None:
        value = cache.get_or_set(key, build, timeout)
        local.set(key, value, local_seconds or timeout)
    return value


def recall(key, timeout=TIMEOUT):
    """The value under `key`, from this process's memory, else from the shared cache (and
    then kept in memory too), else None."""
    value = local.get(key)
    if value is None:
        value = cache.get(key)
        if value is not None:
            local.set(key, value, timeout)
    return value


def keep(key, value, timeout=TIMEOUT):
    cache.set(key, value, timeout)
    local.set(key, value, timeout)


def _next_generation():
    cache.set(GENERATION, max(generation() + 1, time.time_ns()), None)


def bump(**kwargs):
    """Now, for this process, and again after commit, so a request that read the data
    before the transaction ended cannot keep it cached."""
    _next_generation()
    transaction.on_commit(_next_generation)


for signal in (page_published, page_unpublished, post_page_move):
    signal.connect(bump, dispatch_uid=f"portal-chrome-{signal}")
post_delete.connect(bump, sender=Page, dispatch_uid="portal-chrome-delete")
# What public pages show besides pages themselves: the organisation, answered feedback, the
# registry's taxonomies, images and files, a maintenance notice. A change to any of them
# starts a new generation, so no cached page (portal/page_cache.py) keeps the old one.
SHOWN_MODELS = [
    PortalSettings,
    Site,
    PageViewRestriction,
    "home.Unit",
    "home.Person",
    "home.Feedback",
    "legal_docs.DocumentType",
    "legal_docs.IssuingAuthority",
    "legal_docs.LegalField",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "portal.MaintenanceWindow",
]
for model in SHOWN_MODELS:
    name = model if isinstance(model, str) else model._meta.label
    post_save.connect(bump, sender=model, dispatch_uid=f"portal-chrome-save-{name}")
    post_delete.connect(bump, sender=model, dispatch_uid=f"portal-chrome-delete-{name}")


def site_for(request):
    """Site.find_for_request() with one query per host and cache generation instead of one
    per request (a Site save starts a new generation)."""
    host = request._get_raw_host().lower()
    key = f"portal:{generation()}:site:{host}:{request.get_port()}"

    def find():
        site = Site._find_for_request(request)
        if site:
            site.root_page = site.root_page.specific  # routing starts from it on every request
        return site or False

    return remember(key, find) or None


class SiteMiddleware:
    """Gives each request its Site and the sites' root paths from the cache, where Wagtail
    looks for them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/admin/"):
            request._wagtail_site = site_for(request)
            # Where Wagtail keeps them for the request's page URLs: from this process's
            # memory, as a site or page move starts a new generation.
            request._wagtail_cached_site_root_paths = remember(
                f"portal:{generation()}:site-root-paths", Site.get_site_root_paths
            )
        return self.get_response(request)


def menu(site):
    """Home and the sections shown in the menu, as plain values: (title, url, path, depth)."""

    def build():
        root = site.root_page
        items = [(root.title, root.get_url(), root.path, root.depth)]
        for page in root.get_children().live().public().in_menu():
            items.append((page.title, page.get_url(), page.path, page.depth))
        return items

    return remember(cache_key("menu", site.pk), build)


Section = namedtuple("Section", "pk title slug path")


def sections(site):
    """The live, public top-level sections, as plain values (search facets use them)."""

    def build():
        children = site.root_page.get_children().live().public()
        return [Section(p.pk, p.title, p.slug, p.path) for p in children]

    return remember(cache_key("sections", site.pk), build)


def restricted_paths():
    """Paths of the pages with a view restriction: links to them or below them stay hidden."""
    key = f"portal:{generation()}:restricted"
    return tuple(
        remember(
            key, lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True))
        )
    )


def public(pages):
    """`pages.public()` without its query: the restricted paths come from the cache."""
    paths = restricted_paths()
    if not paths:
        return pages
    return pages.exclude(reduce(or_, (Q(path__startswith=path) for path in paths)))


def top_pages(root):
    """{slug: the live child of the home page, specific}: routing to any page below it then
    starts without two queries for the first step (home/models.py, HomePage.route)."""

    def build():
        return {page.slug: page for page in root.get_children().live().specific()}

    return remember(f"portal:{generation()}:top:{root.pk}", build)


def portal_settings(site):
    return remember(cache_key("settings", site.pk), lambda: PortalSettings.for_site(site))


def context(request):
    """Template context for the public layout: `portal` is the cached site settings."""
    from django.utils.functional import SimpleLazyObject

    def load():
        site = Site.find_for_request(request)
        return portal_settings(site) if site else PortalSettings()

    def feeds():
        from home.feeds import feed_sections

        site = Site.find_for_request(request)
        return feed_sections(site) if site else []

    def visit_totals():
        from portal.visits import totals

        return totals()

    return {
        # The layout's header and footer are cached fragments keyed on it (templates/base.html).
        "generation": SimpleLazyObject(generation),
        "portal": SimpleLazyObject(load),
        "feeds": SimpleLazyObject(feeds),
        "visits": SimpleLazyObject(visit_totals),
    }
