from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from home.feeds import feed_sections
from portal.core.cache import generation
from portal.core.models import PortalSettings
from portal.core.sites import portal_settings
from portal.visits import totals


def context(request):
    """Template context for the public layout: `portal` is the cached site settings."""

    def load():
        site = Site.find_for_request(request)
        return portal_settings(site) if site else PortalSettings()

    def feeds():
        site = Site.find_for_request(request)
        return feed_sections(site) if site else []

    return {
        # The layout's header and footer are cached fragments keyed on it (templates/base.html).
        "generation": SimpleLazyObject(generation),
        "portal": SimpleLazyObject(load),
        "feeds": SimpleLazyObject(feeds),
        "visits": SimpleLazyObject(totals),
    }
