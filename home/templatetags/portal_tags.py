from django import template
from django.conf import settings
from wagtail.models import Site

from home import menus
from portal.core import sites

register = template.Library()


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    site = Site.find_for_request(context["request"])
    items = menus.menu(site) if site else []
    current = context.get("page")
    return {
        "home": items[0] if items else None,
        "items": items[1:],
        "current_path": current.path if current else "",
    }


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": []}
    site = Site.find_for_request(context["request"])
    # Home and the sections come from the cached menu; only deeper ancestors cost a query.
    known = [
        item for item in menus.menu(site) if page.path.startswith(item[2]) and item[3] < page.depth
    ]
    if page.depth > 4 or len(known) != page.depth - 2:
        known = [
            (ancestor.title, ancestor.get_url(), ancestor.path, ancestor.depth)
            for ancestor in page.get_ancestors().filter(depth__gt=1)
        ]
    return {"ancestors": known, "page": page}


@register.inclusion_tag("components/citation.html", takes_context=True)
def citation(context, page):
    # Each page type knows what Art. 11.2 asks to cite for it.
    return {"text": page.get_citation(context["request"])}


@register.filter
def at(sequence, index):
    """The item at `index`, or "" past the end: a table cell's column heading."""
    try:
        return sequence[index] or ""
    except (IndexError, TypeError, KeyError):
        return ""


@register.inclusion_tag("components/alternate_languages.html", takes_context=True)
def alternate_languages(context):
    """<link rel="alternate" hreflang> to a page and its translations, for search engines,
    on a page that has a live translation only (from the cache, no query); the Vietnamese
    page is the default for any other language."""
    request, page = context["request"], context.get("page")
    key = getattr(page, "translation_key", None)
    if not settings.PORTAL_ENGLISH_PAGES or key is None:
        return {}
    pages = sites.translated_pages().get(key, {})
    if page.pk not in {each.pk for each in pages.values()}:
        return {}
    links = [(code, pages[code].get_full_url(request)) for code, _name in settings.LANGUAGES]
    links = [(code, url) for code, url in links if code in pages]
    return {"links": links, "default": pages[settings.LANGUAGE_CODE].get_full_url(request)}


@register.inclusion_tag("components/language_switch.html", takes_context=True)
def language_switch(context):
    """The link to the other language: from any Vietnamese page to the English home page
    (from the cache, no query), from an English page to its Vietnamese original."""
    request, page = context["request"], context.get("page")
    site = Site.find_for_request(request)
    if not settings.PORTAL_ENGLISH_PAGES or site is None:
        return {}
    if getattr(page, "in_english", False):
        original = page.get_translations().filter(locale__language_code=settings.LANGUAGE_CODE)
        original = original.live().first()
        return {"url": original.get_url(request) if original else "/", "language": "vi"}
    english = sites.english_home(site.root_page)
    return {"url": english.get_url(request), "language": "en"} if english else {}
