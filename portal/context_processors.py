from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, Site

from home.feeds import feed_sections
from portal.core.cache import generation, get_or_build
from portal.core.models import PortalSettings
from portal.core.sites import portal_settings, restricted_paths
from portal.visits import beacon_url, totals


def context(request):
    """Template context for the public layout: `portal` is the cached site settings."""

    def load():
        site = Site.find_for_request(request)
        return portal_settings(site) if site else PortalSettings()

    def feeds():
        site = Site.find_for_request(request)
        return feed_sections(site) if site else []

    def regulation():
        # The site's regulation (Quy chế), named in the settings: linked from the footer and
        # the registry; cached like the settings, so it costs no query on a running site.
        site = Site.find_for_request(request)
        page_id = site and portal_settings(site).regulation_page_id
        if not page_id:
            return {}
        key = f"portal:{generation()}:regulation:{site.pk}"
        return get_or_build(key, lambda: regulation_link(page_id, request))

    return {
        "regulation": SimpleLazyObject(regulation),
        # The layout's header and footer are cached fragments keyed on it (templates/base.html).
        "generation": SimpleLazyObject(generation),
        "portal": SimpleLazyObject(load),
        "feeds": SimpleLazyObject(feeds),
        "visits": SimpleLazyObject(totals),
        # With a front-end cache, the page's visit is counted by this image (portal/visits.py).
        "visit_beacon": beacon_url(request),
    }


def regulation_link(page_id, request):
    page = Page.objects.live().filter(pk=page_id).first()
    if page is None or page.path.startswith(restricted_paths()):
        return {}
    return {"url": page.get_url(request), "title": page.title}
