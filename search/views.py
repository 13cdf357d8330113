from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control, never_cache
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page, Site

from home import menus
from portal.core import sites
from portal.core.pages import PAGE_SIZE
from search.engine import (
    clean_query,
    page_number,
    ranking,
    remembered,
    search_pages,
    section_counts,
    with_fallback,
)
from search.highlight import page_text, snippet
from search.models import UnansweredQuery
from search.numbers import numbered_pages
from search.ranking import RERANK

SORTS = {"lien-quan": True, "moi-nhat": False}
AUTOCOMPLETE_SIZE = 8


def public_pages():
    return sites.public(Page.objects.live()).specific()


def record(stored, count):
    """Count the query for the editors' report (search terms, and those without results)."""
    stored.add_hit()
    if not count:
        UnansweredQuery.record(stored.query_string)


def promotions(stored):
    """The board's promoted results for this query (wagtail.contrib.search_promotions)."""
    picks = stored.editors_picks.select_related("page").order_by("sort_order")
    return [
        pick
        for pick in picks
        if pick.external_link_url
        or (pick.page and pick.page.live and not pick.page.get_view_restrictions())
    ]


def section_facets(query, sections, numbered):
    """([(section, count) for each top-level section holding results], total, the pks of the
    best first page or None, degraded). They depend on the words only, so paging, sorting or
    narrowing to a section reuses them."""
    site_key = ",".join(str(s.pk) for s in sections)
    # Named apart from the tuples kept under "sections:" before SectionCounts, which a
    # shared cache may still hold after an upgrade.
    found, degraded = remembered(
        f"section-counts:{site_key}",
        query,
        lambda: with_fallback(
            lambda backend: section_counts(
                query, public_pages(), sections, backend, numbered, first=RERANK
            )
        ),
    )
    facets = [(s, found.by_section[s.pk]) for s in sections if found.by_section.get(s.pk)]
    return facets, found.total, found.best, degraded


# Each search is counted for the editors' report, so none is served from the page cache.
@never_cache
def search(request):
    """Site-wide search (/tim-kiem/): every live, public page, legal documents with the text
    of their files, a section facet, relevance or date order, highlighted passages."""
    query = clean_query(request.GET.get("q", ""))
    sort = request.GET.get("sap_xep", "lien-quan")
    sort = sort if sort in SORTS else "lien-quan"
    site = Site.find_for_request(request)
    sections = menus.sections(site) if site else []
    slug = request.GET.get("muc")
    section = next((s for s in sections if s.slug == slug), None)
    context = {"search_query": query, "sort": sort, "section": section}
    if query:
        queryset = public_pages()
        if section:
            queryset = queryset.filter(path__startswith=section.path)
        if not SORTS[sort]:
            queryset = queryset.order_by("-first_published_at")

        numbered = numbered_pages(query)
        facets, total, best, counts_degraded = section_facets(query, sections, numbered)
        if section:
            total = dict((s.pk, n) for s, n in facets).get(section.pk, 0)
        # The most asked-for page, the first by relevance over every section, came with
        # the counts.
        if section or not SORTS[sort] or request.GET.get("page", "1") != "1":
            best = None
        ranked = ranked_degraded = None
        if SORTS[sort]:
            # The order of the best 50 and the partial matches, for every page of these
            # words in this section: a repeated search asks no backend for them.
            ranked, ranked_degraded = remembered(
                f"ranked:{','.join(str(s.pk) for s in sections)}:{section.pk if section else ''}",
                query,
                lambda: with_fallback(
                    lambda backend: ranking(query, queryset, backend, numbered, best)
                ),
            )

        def run(backend):
            results = search_pages(
                query,
                queryset,
                backend,
                order_by_relevance=SORTS[sort],
                total=total,
                numbered=numbered,
                ranked=ranked,
            )
            page = Paginator(results, PAGE_SIZE).get_page(
                page_number(request.GET.get("page"), PAGE_SIZE)
            )
            page.object_list = list(page.object_list)  # ask the backend now, inside the fallback
            return page

        page, degraded = with_fallback(run)
        stored = Query.get(query) if page.number == 1 else None
        if stored:
            # Only partial matches is no answer, for the editors' report.
            record(stored, sum(not getattr(r, "approximate", False) for r in page.object_list))
        context.update(
            promotions=promotions(stored) if stored and not section else [],
            results=page,
            rows=[(result, snippet(page_text(result), query)) for result in page],
            all_sections_query=urlencode({"q": query, "sap_xep": sort}),
            facets=facets,
            degraded=degraded or counts_degraded or ranked_degraded,
            filter_query=urlencode(
                {"q": query, "sap_xep": sort, **({"muc": section.slug} if section else {})}
            ),
        )
    return TemplateResponse(request, "search/search.html", context)


@cache_control(max_age=60, public=True)
def autocomplete(request):
    """Titles that complete what is being typed, for the search box (JSON)."""
    query = clean_query(request.GET.get("q", ""))[:60]
    if len(query) < 2:
        return JsonResponse({"results": []})
    results, _ = with_fallback(
        lambda backend: list(backend.autocomplete(query, public_pages())[:AUTOCOMPLETE_SIZE])
    )
    return JsonResponse(
        {"results": [{"title": page.title, "url": page.get_url(request)} for page in results]},
        json_dumps_params={"ensure_ascii": False},
    )
