"""The registry's search on the search engine (/van-ban/?q=): the documents that match the
words and the filters, one page of them, and every filter's counts with the other filters
kept, in one request however many documents match. The database fallback (listing.py)
ranks the best 200 matches instead and counts among them.

Validity is not stored, it depends on the day: the engine computes it from the dates it
holds, in the order annotate_validity() does in SQL (a test holds the two to one answer)."""

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
from legal_docs.number_lookup import numbered_documents
from legal_docs.numbering import number_key
from portal.core import sites
from portal.core.pages import PAGE_SIZE
from portal.core.wagtail_adapter import engine_query_body, engine_search_pks
from search.engine import filter_column, section_column

NUMBERED_BOOST = 10_000  # above any text score: a document named by its number comes first
MAX_OPTIONS = 1000
INDEXED = [
    "id",
    "document_type",
    "issuing_authority",
    "field_ids",
    "issue_date",
    "effective_date",
    "expiry_date",
    "terminated_on",
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
    annotate_validity(): expired, then not yet in force, else in force."""
    ended = {
        "bool": {
            "should": [
                {"range": {col["expiry_date"]: {"lte": day.isoformat()}}},
                {"range": {col["terminated_on"]: {"lte": day.isoformat()}}},
            ]
        }
    }
    started = {"range": {col["effective_date"]: {"lte": day.isoformat()}}}
    return {
        Validity.EXPIRED: [ended],
        Validity.NOT_YET_IN_FORCE: [{"bool": {"must_not": [ended, started]}}],
        Validity.IN_FORCE: [started, {"bool": {"must_not": [ended]}}],
    }


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


def filter_clauses(data, col, day):
    """{filter name: engine clause} for each filter the visitor chose."""
    chosen = {name: value for name, value in data.items() if value not in (None, "")}
    clauses = {}
    for name, field in (("loai", "document_type"), ("co_quan", "issuing_authority")):
        if name in chosen:
            clauses[name] = {"term": {col[field]: chosen[name]}}
    if "linh_vuc" in chosen:
        clauses["linh_vuc"] = {"term": {col["field_ids"]: chosen["linh_vuc"]}}
    if "nam" in chosen:
        year = chosen["nam"]
        clauses["nam"] = year_range(col["issue_date"], date(year, 1, 1), date(year, 12, 31))
    if "tu_ngay" in chosen:
        clauses["tu_ngay"] = year_range(col["issue_date"], start=chosen["tu_ngay"])
    if "den_ngay" in chosen:
        clauses["den_ngay"] = year_range(col["issue_date"], end=chosen["den_ngay"])
    if "hieu_luc" in chosen:
        clauses["hieu_luc"] = validity_clause(chosen["hieu_luc"], col, day)
    if "so" in chosen:
        key = "".join("\\" + c if c in "\\*?" else c for c in number_key(chosen["so"]))
        clauses["so"] = {"wildcard": {col["number_key"]: {"value": f"*{key}*"}}}
    return clauses


def facet_aggregations(clauses, col, day):
    """One aggregation per facet, each under the filters other than its own."""
    options = {"size": MAX_OPTIONS}
    values = {
        "loai": {"terms": {"field": col["document_type"], **options}},
        "co_quan": {"terms": {"field": col["issuing_authority"], **options}},
        "linh_vuc": {"terms": {"field": col["field_ids"], **options}},
        "nam": {
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
    aggregations["hieu_luc"] = {
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
    names = dict(model.objects.filter(pk__in=counts).values_list("pk", "name"))
    return sorted(
        ((pk, names[pk], n) for pk, n in counts.items() if pk in names), key=lambda o: o[1]
    )


def read_facets(aggregations):
    """The engine's buckets as listing.facets() gives them: (value, label, count) lists."""

    def buckets(name):
        return aggregations[name]["values"]["buckets"]

    def ids(name):
        return {int(b["key"]): b["doc_count"] for b in buckets(name) if b["doc_count"]}

    labels = dict(Validity.choices)
    validity = aggregations["hieu_luc"]
    set_by_hand = {b["key"]: b["doc_count"] for b in validity["overrides"]["buckets"]}
    computed = validity["computed"]["values"]["buckets"]
    validity_counts = {
        value: set_by_hand.get(value, 0) + computed.get(value, {}).get("doc_count", 0)
        for value in Validity.values
    }
    return {
        "loai": named(DocumentType, ids("loai")),
        "co_quan": named(IssuingAuthority, ids("co_quan")),
        "linh_vuc": named(LegalField, ids("linh_vuc")),
        "nam": sorted(
            (
                (int(b["key_as_string"]), int(b["key_as_string"]), b["doc_count"])
                for b in buckets("nam")
            ),
            reverse=True,
        ),
        "hieu_luc": [(value, labels[value], n) for value, n in validity_counts.items() if n],
    }


def ask(index_page, query, data, page_number, backend, day):
    """(pks of the page's documents, total, facets, page number) from one engine request
    (two when the page asked for is past the last)."""
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
    clauses = filter_clauses(data, col, day)
    body["post_filter"] = {"bool": {"filter": list(clauses.values())}}
    body["aggregations"] = facet_aggregations(clauses, col, day)
    body["track_total_hits"] = True
    sort = SORTS.get(data.get("sap_xep") or "")
    if sort or not query:
        field, direction = sort or SORTS["-issue_date"]
        body["sort"] = [{col[field]: {"order": direction, "missing": "_last"}}, {col["id"]: "desc"}]
    search_index = backend.get_index_for_model(LegalDocumentPage).name

    def hits_from(number):
        response = engine_search_pks(
            results, body, search_index, from_=(number - 1) * PAGE_SIZE, size=PAGE_SIZE
        )
        return response, [int(hit["fields"]["pk"][0]) for hit in response["hits"]["hits"]]

    number = page_number
    response, pks = hits_from(number)
    total = response["hits"]["total"]["value"]
    last = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    if number > last:
        number = last
        response, pks = hits_from(number)
    return pks, total, read_facets(response["aggregations"]), number


def page_of(pks, total, number):
    """A Django page of `total` documents holding those of `pks`, with their validity."""
    page = Paginator(range(total), PAGE_SIZE).get_page(number)
    documents = annotate_validity(LegalDocumentPage.objects.filter(pk__in=pks)).select_related(
        "document_type", "issuing_authority"
    )
    by_pk = documents.in_bulk()
    page.object_list = [by_pk[pk] for pk in pks if pk in by_pk]
    return page
