"""Ranking that knows the law, the same on every backend (both engines, PostgreSQL, SQLite).

The backend finds and scores; the best RERANK of its matches are then ordered here by what
a text score cannot know:

- a title that holds the query as a phrase, then one that holds all its words, above
  scattered words in the body (a document's number and type count as its title);
- on /tim-kiem/, legal documents first when the query reads like a legal text (it names a
  document type, has a number such as 82/2020, or names a registry field);
- for the same match, a document in force above one no longer in force: the 2017 law on
  legal aid before the 2006 one it replaced, while "Luật Trợ giúp pháp lý 2006" (a phrase
  of that one's title) or its number still puts the 2006 law first;
- then the backend's own order, equal scores by id (hit_pks).

When every word together finds less than a page, the best partial matches follow (more
than half of the words, the most words first): one word off no longer loses a document."""

import re
from collections import Counter

from portal.core import cache
from portal.core.text import fold
from portal.core.wagtail_adapter import engine_query_body, engine_search_pks

RERANK = 50  # matches ordered here; past them, the backend's order
CANDIDATES = 100  # partial matches looked at
MAX_WORDS = 12
NUMBER = re.compile(r"\d+/\d{4}|\d+/[a-zđ]", re.IGNORECASE)
# What ranking needs to know of legal texts, registered by the app that keeps them in its
# ready() (legal_docs/apps.py), so search imports no registry:
# "names": () -> the names of document types and registry fields;
# "facts": (pks) -> {pk: (title, number/symbol, type name, whether no longer in force)};
# "validity": (pages) -> sets each legal document's validity, shown as its badge.
LEGAL_TEXTS = {}


def register_legal_texts(names, facts, validity):
    LEGAL_TEXTS.update(names=names, facts=facts, validity=validity)


def words(text):
    """The folded words of `text`, as the backends cut them (letters and digits)."""
    return re.findall(r"[^\W_]+", fold(text or ""))


def legal_names():
    """Folded document type and registry field names, as word tuples, kept until content
    changes."""

    def build():
        names = LEGAL_TEXTS["names"]() if LEGAL_TEXTS else []
        return sorted({tuple(words(name)) for name in names if words(name)})

    return cache.get_or_build(f"search:legal-names:{cache.generation()}", build)


def looks_legal(query):
    """Whether `query` reads like a legal text: a document type's name, a number pattern
    or a registry field's name in it."""
    if NUMBER.search(query):
        return True
    phrase = f" {' '.join(words(query))} "
    return any(f" {' '.join(name)} " in phrase for name in legal_names())


def title_match(title, query_words):
    """2 when the title holds the query as a phrase, 1 when it holds all its words, else 0."""
    title_words = words(title)
    if not query_words:
        return 0
    if f" {' '.join(query_words)} " in f" {' '.join(title_words)} ":
        return 2
    return 1 if set(query_words) <= set(title_words) else 0


def facts(pks):
    """{pk: (title with number and type, whether a legal document, whether no longer in
    force)} for `pks`: one query for the legal documents, one more for the titles of any
    other pages."""
    from wagtail.models import Page

    legal = LEGAL_TEXTS["facts"](pks) if LEGAL_TEXTS else {}
    found = {
        pk: (f"{title} {type_name or ''} {number}", True, ended)
        for pk, (title, number, type_name, ended) in legal.items()
    }
    others = [pk for pk in pks if pk not in legal]
    if others:
        for pk, title in Page.objects.filter(pk__in=others).values_list("pk", "title"):
            found[pk] = (title, False, False)
    return found


def rerank(query, pks, prefer_legal=False, tiers=None):
    """`pks` (the backend's order) in the order above; `tiers` ({pk: n}, higher first) goes
    before everything (the number of words a partial match has)."""
    if len(pks) < 2:
        return list(pks)
    query_words = words(query)
    known = facts(pks)
    legal_first = prefer_legal and looks_legal(query)
    tiers = tiers or {}

    def key(item):
        position, pk = item
        title, is_legal, ended = known.get(pk, ("", False, False))
        return (
            -tiers.get(pk, 0),
            -(legal_first and is_legal),
            -title_match(title, query_words),
            ended,
            position,
        )

    return [pk for _position, pk in sorted(enumerate(pks), key=key)]


def hit_pks(hits):
    """The pks of the engine's hits, equal scores by pk. The engine lists equal scores in
    the order its segments hold the documents, which a merge can change between two requests
    (page one, then page two). Sorting there costs it its skipping of documents that cannot
    reach the page (47-68 % slower on the bench index, docs/benchmarks.md); sorting these
    few here costs nothing. Hits of a request with a sort of its own stay as they are."""
    if not any("sort" in hit for hit in hits):
        hits = sorted(hits, key=lambda hit: (-hit["_score"], int(hit["fields"]["pk"][0])))
    return [int(hit["fields"]["pk"][0]) for hit in hits]


def best_pks(query, queryset, backend, limit, operator="and"):
    """The pks of the backend's best `limit` matches of `query` in `queryset`."""
    from search.engine import is_engine

    results = backend.search(query, queryset, operator=operator)
    if not is_engine(backend):
        return [page.pk for page in results[:limit]]
    body = {**engine_query_body(results), "track_total_hits": False}
    index = backend.get_index_for_model(queryset.model).name
    return hit_pks(engine_search_pks(results, body, index, from_=0, size=limit)["hits"]["hits"])


def partial_matches(query, queryset, backend, exclude, limit, prefer_legal=False):
    """The best `limit` pks of `queryset` (but `exclude`) holding more than half of the
    query's words though not all: the most words first, then as rerank() orders."""
    query_words = list(dict.fromkeys(words(query)))[:MAX_WORDS]
    if len(query_words) < 2 or limit <= 0:
        return []
    candidates, holding = words_held(query_words, queryset, backend, set(exclude))
    need = len(query_words) // 2 + 1
    kept = [pk for pk in candidates if holding[pk] >= need]
    return rerank(query, kept, prefer_legal, tiers=holding)[:limit]


def words_held(query_words, queryset, backend, exclude):
    """(the best CANDIDATES pks holding any of the words, but `exclude`; Counter {pk: how many
    of the words it holds}). On the engine in one request: each word's own query rides along under its
    name, in filter context (no score, so the order is the words' query alone), and the
    engine names the ones each hit matched. On a database backend one query for the
    candidates, then one per word among them."""
    from search.engine import is_engine

    if not is_engine(backend):
        found = best_pks(" ".join(query_words), queryset, backend, CANDIDATES, operator="or")
        candidates = [pk for pk in found if pk not in exclude]
        holding = Counter()
        for word in query_words if candidates else []:
            within = queryset.filter(pk__in=candidates)
            holding.update(best_pks(word, within, backend, len(candidates)))
        return candidates, holding
    results = backend.search(" ".join(query_words), queryset, operator="or")
    body = {**engine_query_body(results), "track_total_hits": False}
    named = [
        {
            "bool": {
                "filter": [
                    engine_query_body(backend.search(word, queryset, operator="and"))["query"]
                ],
                "_name": str(position),
            }
        }
        for position, word in enumerate(query_words)
    ]
    body["query"] = {"bool": {"must": [body["query"]], "should": named}}
    index = backend.get_index_for_model(queryset.model).name
    hits = engine_search_pks(results, body, index, from_=0, size=CANDIDATES)["hits"]["hits"]
    matched = {int(hit["fields"]["pk"][0]): len(hit.get("matched_queries", [])) for hit in hits}
    held = {pk: matched[pk] for pk in hit_pks(hits)}
    return [pk for pk in held if pk not in exclude], Counter(held)
