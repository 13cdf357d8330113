"""Constants of the page tree and its listings, shared by every app."""

from django.core.paginator import Paginator
from wagtail.models import Page

PAGE_SIZE = 10
SECTION_DEPTH = 3  # the tree root, the home page, then the sections
SECTION_PATH_LENGTH = Page.steplen * SECTION_DEPTH  # a page's path starts with its section's


def paginate(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
