"""What public search asks of the backends: a clean query, the legal document a citizen
means when they type its number, and an answer even while the search engine is down."""

import functools
import hashlib
import logging
import os
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from home.models import SectionPage
from portal.core import cache as portal_cache
from portal.core.pages import PAGE_SIZE
from portal.core.wagtail_adapter import engine_query_body, engine_search_pks
from search.numbers import numbered_pages

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
# The engine refuses to page past this many hits (its index.max_result_window).
MAX_RESULT_WINDOW = 10_000
ENGINE_CHECK_SECONDS = 10
CLIENT_MODULES = {"opensearchpy", "elasticsearch", "elastic_transport", "urllib3"}


def clean_query(raw):
    """NFC, control characters out, whitespace collapsed, at most 200 characters: whatever
    arrives (NFD from some keyboards, pasted control codes, 10,000 characters) is searchable."""
    text = unicodedata.normalize("NFC", raw or "")
    text = "".join(" " if unicodedata.category(char)[0] == "C" else char for char in text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def page_number(raw, page_size):
    """1 for anything but a page number; at most the last page the engine can reach (it
    refuses to page past MAX_RESULT_WINDOW hits), past which no one reads anyway."""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_RESULT_WINDOW // page_size)


def remembered(name, query, compute):
    """compute() -> (answer, degraded), kept for repeated searches until published content or
    the engine's index changes (a new cache generation); an answer from the fallback is not
    kept, so the full search is back as soon as the engine is."""
    digest = hashlib.sha1(f"{name}\n{query}".encode()).hexdigest()
    key = f"search:{portal_cache.generation()}:{digest}"
    answer = cache.get(key)
    if answer is not None:
        return answer, False
    answer, degraded = compute()
    if not degraded:
        cache.set(key, answer, portal_cache.TIMEOUT)
    return answer, degraded


def is_engine(backend):
    """Whether `backend` is the search engine (OpenSearch/Elasticsearch), not a database."""
    return hasattr(backend, "es")


def engine_responds(backend, timeout=1):
    return backend.responds(timeout)  # search/backends: the same check on every engine


def within(queryset, pages):
    """Those of `pages` that `queryset` holds, in order, in one query."""
    if not pages:
        return []
    held = set(queryset.filter(pk__in=[p.pk for p in pages]).values_list("pk", flat=True))
    return [p for p in pages if p.pk in held]


def engine_failed(error):
    """Whether `error` says the engine cannot serve anyone: no connection, an engine error
    (5xx) or a missing index. An answer of 4xx otherwise is about the request that caused
    it (a window too large, a value out of range): it says nothing about the engine."""
    status = getattr(error, "status_code", None)
    if not isinstance(status, int):  # elasticsearch 8/9 keep the status in meta
        status = getattr(getattr(error, "meta", None), "status", None)
    if not isinstance(status, int):  # no answer: the client's connection errors, or a bug here
        return type(error).__module__.split(".")[0] in CLIENT_MODULES
    if status >= 500:
        return True
    if status == 404 and "index_not_found" in str(error):
        return True
    return not 400 <= status < 500


def engine_is_up(backend):
    """Ask the engine at most every few seconds; a refused connection costs one short timeout,
    not one per visitor. An engine that answers without a complete index is not up: the
    database answers meanwhile while the index is built (search/tasks.py)."""
    state = cache.get("search:engine-up")
    if state is None:
        state = engine_responds(backend) and index_ready(backend)
        if not state:
            logger.warning("Search engine not ready; searching the database instead.")
        cache.set("search:engine-up", state, ENGINE_CHECK_SECONDS)
    return state


def index_ready(backend):
    """Whether the pages' index is complete and filled: update_index (and the queued
    rebuild) swap a filled index in under an alias; an index under the bare name was made
    empty by put(). If it is not, make sure a rebuild is on its way."""
    from search.tasks import prepare_engine  # here: search.tasks imports this module

    try:
        if backend.get_index_for_model(Page).is_alias():
            return True
        prepare_engine(backend)
    except Exception:
        logger.exception("Search engine index not checked.")
    return False


BACKENDS = {}


def backend_named(name):
    """The search backend `name`, made once per process and configuration: each
    get_search_backend() makes a new engine client with a connection pool of its own, so
    every search paid for a client and a new connection to the engine. Keyed by the process
    too, so a worker forked from a process that searched never shares its sockets."""
    key = (os.getpid(), name, repr(settings.WAGTAILSEARCH_BACKENDS.get(name)))
    backend = BACKENDS.get(key)
    if backend is None:
        backend = BACKENDS[key] = get_search_backend(name)
    return backend


def search_backend():
    """(backend, degraded): the engine when it answers, else the database backend, which is
    kept up to date alongside it."""
    backend = backend_named("default")
    if not is_engine(backend) or engine_is_up(backend):
        return backend, False
    return backend_named("database"), True


def with_fallback(run):
    """(run(backend), degraded): on the engine when it answers; if it fails mid-way, once
    more on the database backend, so citizens get results and a note, never an error page.
    Only an engine that cannot serve anyone (down, overloaded, an index missing after a
    reinstall) is set aside for the next visitors too; a request the engine refused is
    answered from the database for that request alone."""
    backend, degraded = search_backend()
    if degraded:
        count_fallback()
    try:
        return run(backend), degraded
    except Exception as error:
        if not is_engine(backend):
            raise
        if engine_failed(error):
            logger.exception("Search engine failed; answering from the database instead.")
            cache.set("search:engine-up", False, ENGINE_CHECK_SECONDS)
        else:
            logger.warning("Search engine refused a request (%s); database answers it.", error)
        count_fallback()
        return run(backend_named("database")), True


FALLBACKS = "search:fallbacks"


def count_fallback():
    """One more question of a search (the counts, the ranking or the page of results) that the
    database answered instead of the engine, counted in the shared cache across every process
    and machine: how the operators (and `make bench-cluster`) see that an engine outage
    reached citizens, beyond the log's warnings."""
    cache.add(FALLBACKS, 0, None)
    try:
        cache.incr(FALLBACKS)
    except ValueError:  # evicted between add and incr
        cache.set(FALLBACKS, 1, None)


def fallbacks():
    """Questions the database answered instead of the engine since the cache was emptied."""
    return cache.get(FALLBACKS, 0)


class Ranked:
    """The pages of `pks`, in that order, each page loaded only when a slice shows it (the
    ranking looks at 50, a page shows 10: one query per page type shown)."""

    def __init__(self, pks, queryset, approximate):
        self.pks, self.queryset, self.approximate = pks, queryset, approximate

    def __len__(self):
        return len(self.pks)

    def __getitem__(self, index):
        wanted = self.pks[index]
        loaded = {page.pk: page for page in self.queryset.filter(pk__in=wanted)}
        with_validity(list(loaded.values()))
        for pk in self.approximate & set(loaded):
            loaded[pk].approximate = True
        return [loaded[pk] for pk in wanted if pk in loaded]


class NumberFirst:
    """A result list with the documents matched by number in front of the backend's own
    results (from which they are left out), sliceable by Django's paginator."""

    def __init__(self, first, rest, total=None):
        self.first, self.rest, self.total = first, rest, total

    def count(self):
        if self.total is not None:  # already known from the facet request
            return self.total
        return len(self.first) + self.rest.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop = index.start or 0, index.stop
            head = list(self.first[start:stop])
            rest_start = max(start - len(self.first), 0)
            rest_stop = None if stop is None else max(stop - len(self.first), 0)
            if rest_stop is not None and rest_stop <= rest_start:
                return head
            return head + list(self.rest[rest_start:rest_stop])
        return self[index : index + 1][0]


def ranked_pks(query, queryset, backend, limit):
    """The pks of the best `limit` matches, documents named by number first, the best
    RERANK in search/ranking.py's order (the engine returns pks with its hits; a database
    backend has to load the pages)."""
    from search.ranking import RERANK, best_pks, rerank

    numbered = [p.pk for p in within(queryset, numbered_pages(query))]
    found = best_pks(query, queryset.exclude(pk__in=numbered), backend, limit)
    return numbered + rerank(query, found[:RERANK]) + found[RERANK:]


def with_validity(pages):
    """Set each legal document's validity (shown as its badge), through what the registry
    registered with search/ranking.py."""
    from search.ranking import LEGAL_TEXTS

    if LEGAL_TEXTS:
        LEGAL_TEXTS["validity"](pages)


def ranking(query, queryset, backend, numbered=None, best=None):
    """(pks of the pages of `queryset` named by number; the best RERANK other matches of
    every word, in search/ranking.py's order; the best partial matches when these make less
    than a page): pks only, so a view can remember them. `numbered` saves looking them up
    again when the caller already has; `best`, the pks of the engine's best results from
    section_counts(), saves asking again for them."""
    from search.ranking import RERANK, best_pks, partial_matches, rerank

    query = clean_query(query)
    if numbered is None:
        numbered = numbered_pages(query)
    named = [page.pk for page in within(queryset, numbered)]
    if best is None:
        best = best_pks(query, queryset.exclude(pk__in=named), backend, RERANK)
    top = rerank(query, best[:RERANK], prefer_legal=True)
    partial = []
    if len(named) + len(top) < PAGE_SIZE:
        partial = partial_matches(
            query, queryset, backend, named + top, PAGE_SIZE - len(named) - len(top), True
        )
    return named, top, partial


def search_pages(
    query,
    queryset,
    backend,
    order_by_relevance=True,
    total=None,
    numbered=None,
    best=None,
    ranked=None,
):
    """Search `queryset` (live, public pages) for `query`; documents named by number first,
    then the best matches of every word in search/ranking.py's order, then the rest; when
    they are less than a page, the best partial matches follow, marked `approximate`.
    `ranked` is what ranking() gave for them (remembered by the view); `numbered` and
    `best` as for ranking()."""
    from search.ranking import RERANK

    query = clean_query(query)
    if numbered is None:
        numbered = numbered_pages(query)
    if not order_by_relevance:
        numbered = within(queryset, numbered)
        others = queryset.exclude(pk__in=[p.pk for p in numbered])
        # Every word must match, on every backend (Wagtail's engine default is "or").
        rest = backend.search(query, others, operator="and", order_by_relevance=False)
        return NumberFirst(numbered, rest, total)
    named, top, partial = ranked or ranking(query, queryset, backend, numbered, best)
    rest = queryset.none()
    if len(top) >= RERANK:  # more matches than the ordered ones: the backend's order after
        rest = backend.search(query, queryset.exclude(pk__in=named + top), operator="and")
    first = Ranked(named + top + partial, queryset, set(partial))
    if total is not None:
        total += len(partial)
    return NumberFirst(first, rest, total)


def filter_column(backend, model, name):
    """The engine's name for the filter field `name` of `model`'s search fields."""
    return mapped_column(backend.mapping_class, model, name)


@functools.cache
def mapped_column(mapping_class, model, name):
    # Fixed by the code: worked out once per process, not for every search (the registry
    # asks for ten of them, each a walk through the model's search fields).
    from wagtail.search import index

    [field] = [
        f for f in model.search_fields if f.field_name == name and isinstance(f, index.FilterField)
    ]
    return mapping_class(model).get_field_column_name(field)


def section_column(backend):
    """The engine's name for PortalPage.section_path (the same on every page type)."""
    return filter_column(backend, SectionPage, "section_path")


@dataclass(frozen=True)
class SectionCounts:
    """What section_counts() finds for a query."""

    by_section: dict  # {section pk: number of results under it}
    total: int  # number of results in all
    best: list | None  # pks of the best `first` results; None on a database backend


def section_counts(query, queryset, sections, backend, numbered=None, first=0):
    """The results for `query` under each of `sections`, in all, and the best `first` (a
    SectionCounts). On the engine one request: the best hits, a filters aggregation on each
    page's indexed section (as Wagtail's own facet() does for one field) and the total; on a
    database backend one count each and no hits."""
    from search.ranking import hit_pks

    query = clean_query(query)
    if numbered is None:
        numbered = numbered_pages(query)
    rest = queryset.exclude(pk__in=[p.pk for p in numbered])
    counts, best = {}, None
    if is_engine(backend):
        results = backend.search(query, rest, operator="and")
        column = section_column(backend)
        body = {**engine_query_body(results), "track_total_hits": True}
        filters = {str(section.pk): {"term": {column: section.path}} for section in sections}
        if filters:  # the engine refuses an empty filters aggregation
            body["aggregations"] = {"sections": {"filters": {"filters": filters}}}
        index = backend.get_index_for_model(queryset.model).name
        response = engine_search_pks(results, body, index, size=first)
        for key, bucket in (
            response.get("aggregations", {}).get("sections", {}).get("buckets", {}).items()
        ):
            counts[int(key)] = bucket["doc_count"]
        total = response["hits"]["total"]["value"]
        best = hit_pks(response["hits"]["hits"])
    else:
        for section in sections:
            counts[section.pk] = backend.search(
                query, rest.filter(path__startswith=section.path), operator="and"
            ).count()
        total = backend.search(query, rest, operator="and").count()
    for page in numbered:
        for section in sections:
            if page.path.startswith(section.path):
                counts[section.pk] = counts.get(section.pk, 0) + 1
    return SectionCounts(by_section=counts, total=total + len(numbered), best=best)
