from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from wagtail.models import Site

from legal_docs.models import LegalDocumentIndexPage, ProcedureIndexPage, Validity
from legal_docs.models.validity import ACTING, SUSPENDING
from portal.core import cache

register = template.Library()


@register.filter
def validity_label(value):
    return Validity(value).label if value else ""


@register.simple_tag
def options(choices):
    """A filter's <option>s with their counts, from listing.choices(): built here rather than
    in a template loop, as the registry's filters offer a hundred of them."""
    selected = mark_safe(" selected")
    return format_html_join(
        "",
        '<option value="{}"{}>{} ({})</option>',
        ((value, selected if chosen else "", label, n) for value, label, n, chosen in choices),
    )


@register.simple_tag
def relation_details(relation):
    """What a relation's row adds after the document: since when it acts, until when a
    suspension lasts, and the provisions concerned (escaped, a sentence per part)."""
    parts = []
    effect = getattr(relation, "effect", None)
    if effect and (relation.effective_date or relation.relation_type in ACTING):
        parts.append(gettext("from %s") % effect.strftime("%d/%m/%Y"))
    if relation.relation_type in SUSPENDING:
        if relation.end_date:
            parts.append(gettext("until %s inclusive") % relation.end_date.strftime("%d/%m/%Y"))
        else:
            parts.append(gettext("until decided"))
    if relation.provisions:
        parts.append(gettext("provisions concerned: %s") % relation.provisions)
    if not parts:
        return ""
    return format_html(
        ' <span class="relation-details">({})</span>',
        format_html_join("; ", "{}", ((p,) for p in parts)),
    )


@register.inclusion_tag("legal_docs/search_tips.html", takes_context=True)
def search_tips(context, kind="documents"):
    """What to try when a search found nothing (/tim-kiem/, /van-ban/, the procedures): the
    usual slips, the number search, and the registry by type and by field, or the
    procedures' code search."""
    from legal_docs.listing import browse_options  # the listing imports these models

    site = Site.find_for_request(context["request"])
    registry = procedures = None
    types = fields = []
    if site:
        # Kept until content changes: no query for the tips on a running site.
        key = f"legal_docs:tips:{cache.generation()}:{site.pk}"
        registry, procedures = cache.get_or_build(key, lambda: tip_pages(site))
    if registry and kind == "documents":
        types, fields = browse_options(registry)
    return {
        "kind": kind,
        "registry": registry,
        # Once, not in each of the chips' links.
        "registry_url": registry.get_url(context["request"]) if registry else "",
        "procedures": procedures,
        "types": types,
        "fields": fields,
    }


def tip_pages(site):
    return (
        LegalDocumentIndexPage.objects.live().in_site(site).first(),
        ProcedureIndexPage.objects.live().in_site(site).first(),
    )
