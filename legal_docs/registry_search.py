"""The registry's search on the search engine (/van-ban/?q=): the documents that match the
words and the filters, one page of them, and every filter's counts with the other filters
kept, in one request however many documents match. The database fallback (listing.py)
ranks the best 200 matches instead and counts among them.

Validity is not stored, it depends on the day: the engine computes it from the dates it
holds, in the order annotate_validity() does in SQL (a test holds the two to one answer)."""

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Paginator

from legal_docs.models import (
    DocumentType,
    IssuingAuthority,
    LegalDocumentPage,
    LegalField,
    Validity,
    annotate_validity,
)
from legal_docs.models.validity import PRECEDENCE
from legal_docs.number_lookup import numbered_documents
from legal_docs.numbering import number_key
from portal.core import cache, sites
from portal.core.pages import PAGE_SIZE
from portal.core.wagtail_adapter import engine_query_body, engine_search_pks
from search.engine import filter_column, section_column
from search.ranking import RERANK, hit_pks, partial_matches, rerank

NUMBERED_BOOST = 10_000  # above any text score: a document named by its number comes first
MAX_OPTIONS = 1000
INDEXED = [
    "id",
    "document_type",
    "issuing_authority",
    "signer",
    "field_ids",
    "issue_date",
    "effective_date",
    "expiry_date",
    "terminated_on",
    "suspended_from",
    "suspended_until",
    "partly_suspended_from",
    "partly_suspended_until",
    "partly_ended_on",
    "validity_override",
    "number_key",
]
SORTS = {
    "-issue_date": ("issue_date", "desc"),
    "issue_date": ("issue_date", "asc"),
    "-effective_date": ("effective_date", "desc"),
    "effective_date": ("effective_date", "asc"),
}


def columns(backend):
    """{field name: the engine's name of its filter field}."""
    return {name: filter_column(backend, LegalDocumentPage, name) for name in INDEXED}


def computed_validity(col, day):
    """{validity: engine clauses} for documents without an override, in the order of
    precedence of annotate_validity() (legal_docs/models/validity.py): each state holds
    where its condition does and no earlier one."""
    on = day.isoformat()

    def reached(name):
        return {"range": {col[name]: {"lte": on}}}

    def during(start, end):
        still = {"bool": {"should": [{"range": {col[end]: {"gte": on}}}]}}
        still["bool"]["should"].append({"bool": {"must_not": [{"exists": {"field": col[end]}}]}})
        return {"bool": {"filter": [reached(start), still]}}

    conditions = {
        Validity.EXPIRED: {"bool": {"should": [reached("expiry_date"), reached("terminated_on")]}},
        Validity.SUSPENDED: during("suspended_from", "suspended_until"),
        Validity.NOT_YET_IN_FORCE: {"bool": {"must_not": [reached("effective_date")]}},
        Validity.PARTLY_SUSPENDED: during("partly_suspended_from", "partly_suspended_until"),
        Validity.PARTLY_EXPIRED: reached("partly_ended_on"),
    }
    clauses, earlier = {}, []
    for state in PRECEDENCE:
        clauses[state] = [
            conditions[state],
            *([{"bool": {"must_not": earlier}}] if earlier else []),
        ]
        earlier = [*earlier, conditions[state]]
    clauses[Validity.IN_FORCE] = [{"bool": {"must_not": earlier}}]
    return clauses


def validity_clause(value, col, day):
    """Documents whose validity on `day` is `value`: set by hand, or computed."""
    override = col["validity_override"]
    ways = [{"term": {override: value}}]
    computed = computed_validity(col, day)
    if value in computed:
        ways.append({"bool": {"filter": [{"term": {override: ""}}, *computed[value]]}})
    return {"bool": {"should": ways, "minimum_should_match": 1}}


def year_range(column, start=None, end=None):
    bounds = {"gte": start.isoformat()} if start else {}
    if end:
        bounds["lte"] = end.isoformat()
    return {"range": {column: bounds}}


class RegistryQuery:
    """The registry's filters as engine clauses, one method per filter of the form (the
    explicit search query class of each app): `clauses` maps each chosen filter's name to
    its clause, which the facet counts need one by one (each facet under the others)."""

    def __init__(self, col, day):
        self.col, self.day, self.clauses = col, day, {}

    def document_type(self, pk):
        self.clauses["doc_type"] = {"term": {self.col["document_type"]: pk}}

    def issuing_authority(self, pk):
        self.clauses["authority"] = {"term": {self.col["issuing_authority"]: pk}}

    def signer(self, name):
        self.clauses["signer"] = {"term": {self.col["signer"]: name}}

    def field(self, pk):
        self.clauses["field"] = {"term": {self.col["field_ids"]: pk}}

    def year(self, year):
        self.clauses["year"] = year_range(
            self.col["issue_date"], date(year, 1, 1), date(year, 12, 31)
        )

    def issued_from(self, day):
        self.clauses["issued_from"] = year_range(self.col["issue_date"], start=day)

    def issued_until(self, day):
        self.clauses["issued_until"] = year_range(self.col["issue_date"], end=day)

    def validity(self, value):
        self.clauses["validity"] = validity_clause(value, self.col, self.day)

    def number(self, text):
        key = "".join("\\" + c if c in "\\*?" else c for c in number_key(text))
        self.clauses["number"] = {"wildcard": {self.col["number_key"]: {"value": f"*{key}*"}}}

    FILTERS = {
        "doc_type": document_type,
        "authority": issuing_authority,
        "signer": signer,
        "field": field,
        "year": year,
        "issued_from": issued_from,
        "issued_until": issued_until,
        "validity": validity,
        "number": number,
    }

    @classmethod
    def of(cls, data, col, day):
        """The query of the filters the visitor chose in the form's cleaned `data`."""
        query = cls(col, day)
        for name, method in cls.FILTERS.items():
            if data.get(name) not in (None, ""):
                method(query, data[name])
        return query


@dataclass
class RegistryAnswer:
    """One engine request's answer: the pks of the page's documents in order, how many
    documents match, the facets as listing.facets() gives them, and the page's number."""

    pks: list
    total: int
    facets: dict
    number: int


def facet_aggregations(clauses, col, day):
    """One aggregation per facet, each under the filters other than its own."""
    options = {"size": MAX_OPTIONS}
    values = {
        "doc_type": {"terms": {"field": col["document_type"], **options}},
        "authority": {"terms": {"field": col["issuing_authority"], **options}},
        "signer": {"terms": {"field": col["signer"], **options}},
        "field": {"terms": {"field": col["field_ids"], **options}},
        "year": {
            "date_histogram": {
                "field": col["issue_date"],
                "calendar_interval": "year",
                "format": "yyyy",
                "min_doc_count": 1,
            }
        },
    }
    aggregations = {name: {"aggs": {"values": aggregation}} for name, aggregation in values.items()}
    # Validity: the overrides by value, then the rest by their dates (two aggregations
    # rather than five full validity clauses).
    override = col["validity_override"]
    computed = {value: {"bool": {"filter": c}} for value, c in computed_validity(col, day).items()}
    aggregations["validity"] = {
        "aggs": {
            "overrides": {"terms": {"field": override, "size": len(Validity.values) + 1}},
            "computed": {
                "filter": {"term": {override: ""}},
                "aggs": {"values": {"filters": {"filters": computed}}},
            },
        }
    }
    for name, aggregation in aggregations.items():
        others = [clause for other, clause in clauses.items() if other != name]
        aggregation["filter"] = {"bool": {"filter": others}}
    return aggregations


def named(model, counts):
    # The names of a whole reference list, kept until content changes (saving a type,
    # authority or field starts a new cache generation): no query for a search's facets.
    names = cache.get_or_build(
        f"legal_docs:names:{model._meta.model_name}:{cache.generation()}",
        lambda: dict(model.objects.values_list("pk", "name")),
    )
    return sorted(
        ((pk, names[pk], n) for pk, n in counts.items() if pk in names), key=lambda o: o[1]
    )


def signer_labels():
    """{signer: how the registry shows them}, "Chủ tịch — Nguyễn Văn A" as vbpl.vn does, with
    the title of their newest document (a deputy who became chair reads as chair); kept until
    content changes."""

    def build():
        rows = LegalDocumentPage.objects.live().exclude(signer="").order_by("issue_date", "pk")
        titles = dict(rows.values_list("signer", "signer_position"))
        return {name: f"{title} — {name}" if title else name for name, title in titles.items()}

    return cache.get_or_build(f"legal_docs:signers:{cache.generation()}", build)


def signer_options(counts):
    """(signer, label, count) in the order of the labels, from {signer: count}."""
    labels = signer_labels()
    return sorted(
        ((name, labels.get(name, name), n) for name, n in counts.items() if name),
        key=lambda option: option[1],
    )


def read_facets(aggregations):
    """The engine's buckets as listing.facets() gives them: (value, label, count) lists."""

    def buckets(name):
        return aggregations[name]["values"]["buckets"]

    def ids(name):
        return {int(b["key"]): b["doc_count"] for b in buckets(name) if b["doc_count"]}

    labels = dict(Validity.choices)
    validity = aggregations["validity"]
    set_by_hand = {b["key"]: b["doc_count"] for b in validity["overrides"]["buckets"]}
    computed = validity["computed"]["values"]["buckets"]
    validity_counts = {
        value: set_by_hand.get(value, 0) + computed.get(value, {}).get("doc_count", 0)
        for value in Validity.values
    }
    return {
        "doc_type": named(DocumentType, ids("doc_type")),
        "authority": named(IssuingAuthority, ids("authority")),
        "signer": signer_options({b["key"]: b["doc_count"] for b in buckets("signer")}),
        "field": named(LegalField, ids("field")),
        "year": sorted(
            (
                (int(b["key_as_string"]), int(b["key_as_string"]), b["doc_count"])
                for b in buckets("year")
            ),
            reverse=True,
        ),
        "validity": [(value, labels[value], n) for value, n in validity_counts.items() if n],
    }


def ask(index_page, query, data, page_number, backend, day):
    """A RegistryAnswer from one engine request (two when the page asked for is past the
    last)."""
    col = columns(backend)
    documents = sites.public(LegalDocumentPage.objects.live())
    results = backend.search(query, documents, operator="and")
    body = engine_query_body(results)
    query_part = body["query"]["bool"]
    words = query_part.pop("must", {"match_all": {}})
    numbered = [page.pk for page in numbered_documents(query, documents)]
    query_part["must"] = {
        "bool": {
            "should": [
                words,
                {
                    "constant_score": {
                        "filter": {"terms": {col["id"]: numbered}},
                        "boost": NUMBERED_BOOST,
                    }
                },
            ],
            "minimum_should_match": 1,
        }
    }
    # This registry's documents: a registry is a section (its parent is the home page).
    query_part["filter"].append({"term": {section_column(backend): index_page.path}})
    clauses = RegistryQuery.of(data, col, day).clauses
    body["post_filter"] = {"bool": {"filter": list(clauses.values())}}
    body["aggregations"] = facet_aggregations(clauses, col, day)
    body["track_total_hits"] = True
    sort = SORTS.get(data.get("sort") or "")
    if sort or not query:
        field, direction = sort or SORTS["-issue_date"]
        body["sort"] = [{col[field]: {"order": direction, "missing": "_last"}}, {col["id"]: "desc"}]
    search_index = backend.get_index_for_model(LegalDocumentPage).name

    def hits_from(number, size):
        response = engine_search_pks(
            results,
            body,
            search_index,
            from_=0 if size == RERANK else (number - 1) * PAGE_SIZE,
            size=size,
        )
        return response, hit_pks(response["hits"]["hits"])

    number = page_number
    ordered = query and not sort and number * PAGE_SIZE <= RERANK
    response, pks = hits_from(number, RERANK if ordered else PAGE_SIZE)
    total = response["hits"]["total"]["value"]
    last = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    if number > last:
        number, ordered = last, False
        response, pks = hits_from(number, PAGE_SIZE)
    if ordered:  # the best RERANK in search/ranking.py's order, those named by number first
        first = [pk for pk in pks if pk in numbered]
        pks = first + rerank(query, [pk for pk in pks if pk not in numbered])
        pks = pks[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    return RegistryAnswer(pks, total, read_facets(response["aggregations"]), number)


def partial(base, query, exclude, limit, backend):
    """The best `limit` documents of the registry holding most of the query's words but not
    all (search/ranking.py), among `base` (the registry's documents under the visitor's
    filters)."""
    documents = sites.public(LegalDocumentPage.objects.live())
    found = partial_matches(query, documents, backend, exclude, limit * 3)
    kept = set(base.filter(pk__in=found).values_list("pk", flat=True))
    return [pk for pk in found if pk in kept][:limit]


def page_of(pks, total, number, approximate=()):
    """A Django page of `total` documents holding those of `pks`, with their validity; those
    of `approximate` marked as partial matches."""
    page = Paginator(range(total), PAGE_SIZE).get_page(number)
    documents = annotate_validity(LegalDocumentPage.objects.filter(pk__in=pks)).select_related(
        "document_type", "issuing_authority"
    )
    by_pk = documents.in_bulk()
    page.object_list = [by_pk[pk] for pk in pks if pk in by_pk]
    for document in page.object_list:
        document.approximate = document.pk in approximate
    return page
