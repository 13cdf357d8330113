"""The parts of every public page that rarely change (main menu, site settings) are cached,
so a page costs its own queries only. Any publish, unpublish, move or delete of a page and
any save of the settings starts a new cache generation, so citizens never see a stale menu.

The cache must be shared by all application processes for that to hold: CACHES in
portal/settings/production.py uses files on local disk."""

from collections import namedtuple
from functools import reduce
from operator import or_

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.models import PortalSettings

GENERATION = "portal:generation"
TIMEOUT = 60 * 60


def generation():
    """Changes whenever published content does; part of every cache key built on content."""
    return cache.get_or_set(GENERATION, 1, None)


def cache_key(name, site_id):
    return f"portal:{generation()}:{name}:{site_id}"


def _next_generation():
    # set() with no timeout: the file cache's incr() would give the key the default 5 minutes,
    # after which generations would repeat and serve old entries again.
    cache.set(GENERATION, generation() + 1, None)


def bump(**kwargs):
    """Now, for this process, and again after commit, so a request that read the data
    before the transaction ended cannot keep it cached."""
    _next_generation()
    transaction.on_commit(_next_generation)


for signal in (page_published, page_unpublished, post_page_move):
    signal.connect(bump, dispatch_uid=f"portal-chrome-{signal}")
post_delete.connect(bump, sender=Page, dispatch_uid="portal-chrome-delete")
for model in (PortalSettings, Site, PageViewRestriction):
    post_save.connect(bump, sender=model, dispatch_uid=f"portal-chrome-save-{model.__name__}")
    post_delete.connect(bump, sender=model, dispatch_uid=f"portal-chrome-delete-{model.__name__}")


def site_for(request):
    """Site.find_for_request() with one query per host and cache generation instead of one
    per request (a Site save starts a new generation)."""
    host = request._get_raw_host().lower()
    key = f"portal:{generation()}:site:{host}:{request.get_port()}"
    site = cache.get(key)
    if site is None:
        site = Site._find_for_request(request)
        cache.set(key, site or False, TIMEOUT)
    return site or None


class SiteMiddleware:
    """Gives each request its Site from the cache, where Wagtail looks for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/admin/"):
            request._wagtail_site = site_for(request)
        return self.get_response(request)


def menu(site):
    """Home and the sections shown in the menu, as plain values: (title, url, path, depth)."""

    def build():
        root = site.root_page
        items = [(root.title, root.get_url(), root.path, root.depth)]
        for page in root.get_children().live().public().in_menu():
            items.append((page.title, page.get_url(), page.path, page.depth))
        return items

    return cache.get_or_set(cache_key("menu", site.pk), build, TIMEOUT)


Section = namedtuple("Section", "pk title slug path")


def sections(site):
    """The live, public top-level sections, as plain values (search facets use them)."""

    def build():
        children = site.root_page.get_children().live().public()
        return [Section(p.pk, p.title, p.slug, p.path) for p in children]

    return cache.get_or_set(cache_key("sections", site.pk), build, TIMEOUT)


def restricted_paths():
    """Paths of the pages with a view restriction: links to them or below them stay hidden."""
    key = f"portal:{generation()}:restricted"
    return tuple(
        cache.get_or_set(
            key,
            lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)),
            TIMEOUT,
        )
    )


def public(pages):
    """`pages.public()` without its query: the restricted paths come from the cache."""
    paths = restricted_paths()
    if not paths:
        return pages
    return pages.exclude(reduce(or_, (Q(path__startswith=path) for path in paths)))


def portal_settings(site):
    return cache.get_or_set(
        cache_key("settings", site.pk), lambda: PortalSettings.for_site(site), TIMEOUT
    )


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
        "portal": SimpleLazyObject(load),
        "feeds": SimpleLazyObject(feeds),
        "visits": SimpleLazyObject(visit_totals),
    }
