import unicodedata
from urllib.parse import urlencode

from django.template.response import TemplateResponse
from wagtail.models import Page

from home.models import paginate


def search(request):
    """Site-wide search. Queries are normalised to NFC so text typed with combining
    diacritics (as some Vietnamese keyboards produce) matches the stored text."""
    query = unicodedata.normalize("NFC", request.GET.get("q", "")).strip()[:200]
    results = (
        Page.objects.live().public().specific().search(query) if query else Page.objects.none()
    )
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "results": paginate(request, results),
            "filter_query": urlencode({"q": query}),
        },
    )
