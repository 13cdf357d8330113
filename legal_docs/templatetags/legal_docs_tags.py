from django import template

from legal_docs.models import Validity

register = template.Library()


@register.filter
def validity_label(value):
    return Validity(value).label if value else ""
