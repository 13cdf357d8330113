"""The front-end cache (Varnish, deploy/varnish/portal.vcl) in front of the application
processes, told to drop its pages whenever the content generation moves (portal/core/cache.py).

One BAN drops every stored page: a change shows in listings, menus and footers, not only on
its own page, which is why the page cache keys every page on the generation; Wagtail's
frontend_cache purges page URLs one by one and would leave those. Sent after the transaction
commits, so no request can store the old content again in between. A proxy that does not
answer must not fail a publish: it is logged, and its pages expire after
FRONTEND_CACHE_SECONDS anyway."""

import logging
import urllib.request

from django.conf import settings

logger = logging.getLogger(__name__)
TIMEOUT = 2


def enabled():
    return bool(settings.FRONTEND_CACHE_URLS)


def ban():
    for url in settings.FRONTEND_CACHE_URLS:
        try:
            request = urllib.request.Request(url, method="BAN")
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                response.read()
        except OSError:
            logger.warning("The front-end cache at %s did not take the ban", url, exc_info=True)
