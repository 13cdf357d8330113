"""sitemap.xml (an index of pages of 5,000 addresses: the registry alone holds far more than
one sitemap may) and robots.txt, both with the site's configured domain (Art. 2)."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Site

from portal.core import sites


class PortalSitemap(Sitemap):
    limit = 5000

    def items(self):
        site = self.get_wagtail_site()
        pages = site.root_page.get_descendants(inclusive=True).live()
        return sites.public(pages).order_by("path").defer_streamfields().specific()


SITEMAPS = {"trang": PortalSitemap}


@cache_control(max_age=3600, public=True)
def robots(request):
    site = Site.find_for_request(request)
    root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Disallow: {reverse('search')}",
        "Allow: /",
        f"Sitemap: {root}{reverse('sitemap_index')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
