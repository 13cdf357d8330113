from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from legal_docs.models import Validity

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
