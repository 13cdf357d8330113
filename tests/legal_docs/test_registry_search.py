"""The registry's search (/van-ban/?q=) on the real engine: every match counted, however
many, with the filters' counts; the same answer as the database where both can give one;
validity worked out by the engine exactly as annotate_validity() does in SQL."""

from datetime import date, timedelta

import pytest
from wagtail.search.backends import get_search_backend

from legal_docs.listing import SEARCH_LIMIT, listing_context
from legal_docs.models import LegalDocumentPage, Validity, annotate_validity
from legal_docs.registry_search import columns, validity_clause
from legal_docs.synthetic import generate
from tests.builders import new_document, small_registry
from tests.helpers import html
from tests.search_engine import refresh_engine

pytestmark = pytest.mark.search


def engine():
    return get_search_backend("default")


@pytest.fixture
def indexed():
    """Index pages in both backends for one test, and take them out of the engine after
    (the database's copies go with the test's transaction)."""
    added = []
    backend = engine()
    backends = [backend, get_search_backend("database")]

    def index(pages):
        pages = list(pages)
        for each in backends:
            each.add_bulk(LegalDocumentPage, pages)
        refresh_engine()
        added.extend(pages)
        return pages

    yield index
    name = backend.get_index_for_model(LegalDocumentPage).name
    mapping = backend.mapping_class(LegalDocumentPage)
    actions = [
        {"_op_type": "delete", "_index": name, "_id": mapping.get_document_id(page)}
        for page in added
    ]
    backend.bulk(backend.es, actions, raise_on_error=False)  # the engine client's own helper
    backend.es.indices.refresh(index=name)


def context_on(backend_name, registry, **params):
    """The listing's context with `backend_name` as the default backend, nothing remembered."""
    from django.conf import settings
    from django.core.cache import cache
    from django.test import RequestFactory, override_settings

    cache.clear()
    backends = {
        **settings.WAGTAILSEARCH_BACKENDS,
        "default": settings.WAGTAILSEARCH_BACKENDS[backend_name],
    }
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        assert (backend_name == "default") == hasattr(get_search_backend("default"), "es")
        return listing_context(registry, RequestFactory().get(registry.url, params))


def test_every_match_is_counted_beyond_the_best_200(client, registry, indexed):
    last = LegalDocumentPage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    generate(registry, 900, seed=7)
    indexed(LegalDocumentPage.get_indexed_objects().filter(pk__gt=last))
    expected = (
        get_search_backend("database")
        .search("lĩnh vực", LegalDocumentPage.objects.live().child_of(registry), operator="and")
        .count()
    )
    assert expected > SEARCH_LIMIT

    page = html(client, "/van-ban/?q=linh+vuc")
    assert f"{expected} văn bản<" in page
    assert "phù hợp nhất" not in page  # nothing capped
    validity_total = sum(
        int(part.split(")")[0])
        for part in page.split('id="f-hieu-luc"', 1)[1].split("</select>", 1)[0].split("(")[1:]
    )
    assert validity_total == expected


def test_engine_and_database_give_one_answer_below_the_limit(registry, indexed):
    indexed(LegalDocumentPage.objects.filter(pk__in=[d.pk for d in small_registry()]))
    cases = [
        {"q": "ho tich"},
        {"q": "luật"},
        {"q": "quyết định", "hieu_luc": Validity.IN_FORCE},
        {"q": "chung thuc", "sap_xep": "-issue_date"},
        {"q": "QĐ 2975"},
    ]
    for params in cases:
        on_engine = context_on("default", registry, **params)
        on_database = context_on("database", registry, **params)
        assert not on_engine["degraded"] and not on_database["degraded"]
        assert on_engine["facets"] == on_database["facets"], params
        assert on_engine["documents"].paginator.count == on_database["documents"].paginator.count
        assert on_engine["documents"].paginator.count, params  # each case finds something
        if "sap_xep" in params or params["q"] == "QĐ 2975":  # a known order: the same page
            assert [d.pk for d in on_engine["documents"]] == [
                d.pk for d in on_database["documents"]
            ]


def test_validity_on_the_engine_is_the_validity_in_sql(registry, indexed):
    today = date.today()
    documents = [
        new_document(registry, "901/QĐ-STP", effective=today - timedelta(days=30)),
        new_document(registry, "902/QĐ-STP", effective=today + timedelta(days=30)),
        new_document(registry, "903/QĐ-STP", effective=None),
        new_document(
            registry, "904/QĐ-STP", effective=today - timedelta(days=90), expiry_date=today
        ),
        new_document(
            registry,
            "905/QĐ-STP",
            effective=today - timedelta(days=90),
            validity_override=Validity.SUSPENDED,
            validity_override_reason="Tạm ngưng theo quyết định của cơ quan có thẩm quyền",
        ),
        new_document(
            registry,
            "906/QĐ-STP",
            effective=today + timedelta(days=5),
            validity_override=Validity.PARTLY_EXPIRED,
            validity_override_reason="Một phần bị bãi bỏ",
        ),
    ]
    ended = new_document(registry, "907/QĐ-STP", effective=today - timedelta(days=90))
    LegalDocumentPage.objects.filter(pk=ended.pk).update(terminated_on=today - timedelta(days=1))
    documents.append(ended)
    pks = [d.pk for d in documents]
    indexed(LegalDocumentPage.objects.filter(pk__in=pks))

    backend = engine()
    col = columns(backend)
    name = backend.get_index_for_model(LegalDocumentPage).name
    for day in (today, today - timedelta(days=60), today + timedelta(days=60)):
        in_sql = dict(
            annotate_validity(LegalDocumentPage.objects.filter(pk__in=pks), on=day).values_list(
                "pk", "validity"
            )
        )
        for value in Validity.values:
            body = {
                "query": {
                    "bool": {
                        "filter": [validity_clause(value, col, day), {"terms": {col["id"]: pks}}]
                    }
                },
                "size": 50,
                "stored_fields": ["pk"],
            }
            hits = backend.es.search(index=name, body=body)
            found = {int(hit["fields"]["pk"][0]) for hit in hits["hits"]["hits"]}
            assert found == {pk for pk, v in in_sql.items() if v == value}, (day, value)


def test_the_database_fallback_says_it_counts_the_best_matches_only(registry, indexed):
    last = LegalDocumentPage.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    generate(registry, 900, seed=7)
    indexed(LegalDocumentPage.get_indexed_objects().filter(pk__gt=last))
    context = context_on("database", registry, q="lĩnh vực")
    assert context["capped"] and context["documents"].paginator.count <= SEARCH_LIMIT
    assert not context_on("default", registry, q="lĩnh vực")["capped"]
