"""The request's site, its settings and what is public, from the cache (portal/core/cache.py)
instead of a few queries on every request."""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q
from wagtail.models import Locale, Page, PageViewRestriction, Site

from portal.core import wagtail_adapter
from portal.core.cache import cache_key, generation, get_or_build
from portal.core.models import PortalSettings


def site_for(request):
    """Site.find_for_request() with one query per host and cache generation instead of one
    per request (a Site save starts a new generation)."""
    host = wagtail_adapter.raw_host(request).lower()
    key = f"portal:{generation()}:site:{host}:{request.get_port()}"

    def find():
        site = wagtail_adapter.find_site_for_request(request)
        if site:
            site.root_page = site.root_page.specific  # routing starts from it on every request
        return site or False

    return get_or_build(key, find) or None


class SiteMiddleware:
    """Gives each request its Site and the sites' root paths from the cache, where Wagtail
    looks for them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/admin/"):
            # The sites' root paths, for the request's page URLs: from this process's
            # memory, as a site or page move starts a new generation.
            root_paths = get_or_build(
                f"portal:{generation()}:site-root-paths", Site.get_site_root_paths
            )
            wagtail_adapter.set_request_site(request, site_for(request), root_paths)
        return self.get_response(request)


def restricted_paths():
    """Paths of the pages with a view restriction: links to them or below them stay hidden."""
    key = f"portal:{generation()}:restricted"
    return tuple(
        get_or_build(
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
    starts without two queries for the first step (home/models/pages.py, HomePage.route)."""

    def build():
        return {page.slug: page for page in root.get_children().live().specific()}

    return get_or_build(f"portal:{generation()}:top:{root.pk}", build)


def default_site():
    """The site of commands and tasks, which have no request: the default one."""
    return Site.objects.filter(is_default_site=True).first()


def request_site(request):
    """The site a request is for, in the admin as well (whose requests SiteMiddleware
    skips). Wagtail falls back on the default site for a host no site names."""
    return site_for(request) or default_site()


def portal_settings(site):
    return get_or_build(cache_key("settings", site.pk), lambda: PortalSettings.for_site(site))


def languages():
    """{locale id: language code}, from the cache (a page in a new locale is published,
    which starts a new generation)."""
    return get_or_build(
        f"portal:{generation()}:locales",
        lambda: dict(Locale.objects.values_list("pk", "language_code")),
    )


def locale_ids():
    """{language code: locale id}, from the cache."""
    return {code: pk for pk, code in languages().items()}


def language_of(page):
    """The language code of a page's locale, without a query."""
    code = languages().get(page.locale_id)
    if code is None:
        code = Locale.objects.get(pk=page.locale_id).language_code
    return code


def translated_pages():
    """{translation key: {language code: live page}} of the pages that have a live
    translation, from the cache: a page's alternates in its <head> cost no query."""

    def build():
        codes = languages()
        default = locale_ids().get(settings.LANGUAGE_CODE)
        translated = Page.objects.live().exclude(locale_id=default).values("translation_key")
        pages = {}
        for page in Page.objects.live().filter(translation_key__in=translated):
            pages.setdefault(page.translation_key, {})[codes[page.locale_id]] = page
        return {key: each for key, each in pages.items() if len(each) > 1}

    return get_or_build(f"portal:{generation()}:translated-pages", build)


def english_home(home):
    """The English home page at /en/ (a translation of the site's home page, placed under it
    with the slug "en"), if live, from the cached top pages; None when PORTAL_ENGLISH_PAGES
    is off."""
    page = top_pages(home).get(ENGLISH) if settings.PORTAL_ENGLISH_PAGES else None
    return page if page is not None and language_of(page) == ENGLISH else None


ENGLISH = "en"
