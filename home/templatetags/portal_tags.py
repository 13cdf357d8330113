from django import template
from django.template.defaultfilters import date as format_date
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from wagtail.models import Site

from portal.models import PortalSettings

register = template.Library()


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    site = Site.find_for_request(request)
    items = site.root_page.get_children().live().public().in_menu() if site else []
    current = context.get("page")
    return {
        "items": items,
        "home": site.root_page if site else None,
        "current_path": current.path if current else "",
    }


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if page is None or page.depth <= 2:
        return {"ancestors": []}
    return {"ancestors": page.get_ancestors().filter(depth__gt=1), "page": page}


def citation_text(page, request):
    """The citation Art. 11.2 asks of anyone quoting the site: author, source or agency,
    and the time the item was posted, plus the address it can be checked at."""
    portal = PortalSettings.for_request(request)
    posted = localtime(page.posted_at or page.first_published_at)
    return _(
        "%(author)s, “%(title)s”, %(source)s, website of %(agency)s, "
        "posted at %(time)s on %(date)s, %(url)s"
    ) % {
        "author": page.author,
        "title": page.title,
        "source": page.source,
        "agency": portal.agency_name,
        "time": format_date(posted, "H:i"),
        "date": format_date(posted, "d/m/Y"),
        "url": page.get_full_url(request),
    }


@register.inclusion_tag("components/citation.html", takes_context=True)
def citation(context, page):
    return {"text": citation_text(page, context["request"])}
