from django import template
from wagtail.models import Site

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


@register.inclusion_tag("components/citation.html", takes_context=True)
def citation(context, page):
    # Each page type knows what Art. 11.2 asks to cite for it.
    return {"text": page.get_citation(context["request"])}
