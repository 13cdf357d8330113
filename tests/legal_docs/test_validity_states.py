"""Validity computed from the relations of vbpl.vn's vocabulary (legal_docs/models/validity.py):
which state wins when several apply, the day before, of and after each relation's dates, and
the same answer in SQL, in Python and on the search engine."""

import itertools
from datetime import date, timedelta

import pytest
from wagtail.search.backends import get_search_backend

from legal_docs.models import LegalDocumentPage, LegalDocumentRelation, Validity
from legal_docs.models.validity import annotate_validity, validity_on
from legal_docs.registry_search import columns, validity_clause
from tests.builders import legal_document
from tests.search_engine import refresh_engine

DAY = date(2025, 7, 1)  # the day each case is read on
BEFORE = DAY - timedelta(days=10)
LATER = DAY + timedelta(days=10)
numbers = itertools.count(100)


def document(**fields):
    """A published decision in force since 2024 (unless `fields` say otherwise)."""
    n = next(numbers)
    return legal_document(
        f"{n}/QĐ-STP",
        authority_name="Sở Tư pháp Quảng Trị",
        issued=date(2024, 1, 1),
        effective=fields.pop("effective", date(2024, 1, 15)),
        **fields,
    )


def acts_on(target, relation_type, effective=None, end=None, provisions="", by=None):
    """A published document acting on `target` (in effect from BEFORE unless `effective`)."""
    source = by or document(effective=BEFORE)
    LegalDocumentRelation.objects.create(
        page=source,
        target=target,
        relation_type=relation_type,
        effective_date=effective,
        end_date=end,
        provisions=provisions,
    )
    return source


def override(page):
    LegalDocumentPage.objects.filter(pk=page.pk).update(
        validity_override=Validity.IN_FORCE, validity_override_reason="Đã kiểm tra lại"
    )


# Each way a state comes about on DAY, and the state it gives, in the documented order of
# precedence (the module docstring of legal_docs/models/validity.py).
CASES = {
    "override": (override, Validity.IN_FORCE),
    "expired": (
        lambda page: LegalDocumentPage.objects.filter(pk=page.pk).update(expiry_date=BEFORE),
        Validity.EXPIRED,
    ),
    "replaced": (lambda page: acts_on(page, "replaces"), Validity.EXPIRED),
    "repealed": (lambda page: acts_on(page, "repeals"), Validity.EXPIRED),
    "suspended": (lambda page: acts_on(page, "suspends", end=LATER), Validity.SUSPENDED),
    "not yet in force": (
        lambda page: LegalDocumentPage.objects.filter(pk=page.pk).update(effective_date=LATER),
        Validity.NOT_YET_IN_FORCE,
    ),
    "suspended in part": (
        lambda page: acts_on(page, "suspends_in_part", provisions="Điều 3"),
        Validity.PARTLY_SUSPENDED,
    ),
    "ended in part": (
        lambda page: acts_on(page, "ends_in_part", provisions="Điều 4"),
        Validity.PARTLY_EXPIRED,
    ),
    "repealed in part": (
        lambda page: acts_on(page, "repeals_in_part", provisions="khoản 2 Điều 5"),
        Validity.PARTLY_EXPIRED,
    ),
}


def validity(page, day):
    """The validity in SQL, after checking that Python gives the same."""
    in_sql = annotate_validity(LegalDocumentPage.objects.filter(pk=page.pk), on=day).get().validity
    row = LegalDocumentPage.objects.get(pk=page.pk)
    assert validity_on(row, day) == in_sql, ("Python and SQL differ", day)
    return in_sql


@pytest.mark.parametrize("name", CASES)
def test_each_state_alone(registry, name):
    page = document()
    make, expected = CASES[name]
    make(page)
    assert validity(page, DAY) == expected


@pytest.mark.parametrize(
    "first,second", list(itertools.combinations(CASES, 2)), ids=lambda name: name
)
def test_the_earlier_state_in_the_order_wins(registry, first, second):
    page = document()
    CASES[second][0](page)
    CASES[first][0](page)
    assert validity(page, DAY) == CASES[first][1]


# relation type, the state it gives, whether it has an end
ACTING = [
    ("replaces", Validity.EXPIRED),
    ("repeals", Validity.EXPIRED),
    ("repeals_in_part", Validity.PARTLY_EXPIRED),
    ("ends_in_part", Validity.PARTLY_EXPIRED),
    ("suspends", Validity.SUSPENDED),
    ("suspends_in_part", Validity.PARTLY_SUSPENDED),
]


@pytest.mark.parametrize("relation_type,state", ACTING)
def test_a_relation_acts_from_its_own_date(registry, relation_type, state):
    page = document()
    # The acting document takes effect before the relation's own date: the relation's wins.
    acts_on(page, relation_type, effective=DAY, provisions="Điều 2")
    assert validity(page, DAY - timedelta(days=1)) == Validity.IN_FORCE
    assert validity(page, DAY) == state
    assert validity(page, DAY + timedelta(days=1)) == state


@pytest.mark.parametrize("relation_type,state", ACTING)
def test_without_a_date_a_relation_acts_when_its_document_does(registry, relation_type, state):
    page = document()
    source = document(effective=DAY)
    acts_on(page, relation_type, provisions="Điều 2", by=source)
    assert validity(page, DAY - timedelta(days=1)) == Validity.IN_FORCE
    assert validity(page, DAY) == state
    assert validity(page, DAY + timedelta(days=1)) == state
    source.unpublish()  # an unpublished document acts on nothing
    assert validity(page, DAY) == Validity.IN_FORCE


@pytest.mark.parametrize(
    "relation_type,state",
    [("suspends", Validity.SUSPENDED), ("suspends_in_part", Validity.PARTLY_SUSPENDED)],
)
def test_a_suspension_lasts_to_its_last_day_or_until_decided(registry, relation_type, state):
    page = document()
    acts_on(page, relation_type, effective=BEFORE, end=DAY, provisions="Điều 2")
    assert validity(page, DAY - timedelta(days=1)) == state
    assert validity(page, DAY) == state  # its last day
    assert validity(page, DAY + timedelta(days=1)) == Validity.IN_FORCE

    open_ended = document()
    acts_on(open_ended, relation_type, effective=BEFORE, provisions="Điều 2")
    assert validity(open_ended, date(2099, 1, 1)) == state


def test_several_suspensions_count_from_the_first_start_to_the_last_end(registry):
    page = document()
    acts_on(page, "suspends", effective=date(2025, 1, 1), end=date(2025, 2, 1))
    relation = LegalDocumentRelation.objects.get(
        page=acts_on(page, "suspends", effective=date(2025, 3, 1), end=date(2025, 4, 1))
    )
    assert validity(page, date(2024, 12, 31)) == Validity.IN_FORCE
    assert validity(page, date(2025, 2, 15)) == Validity.SUSPENDED
    assert validity(page, date(2025, 4, 2)) == Validity.IN_FORCE
    relation.end_date = None  # until decided: the period stays open
    relation.save()
    assert validity(page, date(2030, 1, 1)) == Validity.SUSPENDED
    relation.delete()
    assert validity(page, date(2025, 2, 15)) == Validity.IN_FORCE  # the first ended on 1 Feb
    assert validity(page, date(2025, 1, 15)) == Validity.SUSPENDED


def test_a_relation_changing_type_moves_the_dates_of_its_target(registry):
    page = document()
    source = acts_on(page, "suspends", effective=BEFORE)
    relation = LegalDocumentRelation.objects.get(page=source)
    assert validity(page, DAY) == Validity.SUSPENDED
    relation.relation_type, relation.provisions = "repeals_in_part", "Điều 7"
    relation.save()
    assert validity(page, DAY) == Validity.PARTLY_EXPIRED
    relation.relation_type = "refers_to"
    relation.save()
    assert validity(page, DAY) == Validity.IN_FORCE


def test_a_revision_keeps_the_dates_relations_gave(registry):
    page = document()
    acts_on(page, "suspends_in_part", provisions="Điều 2")
    row = LegalDocumentPage.objects.get(pk=page.pk)
    revision = row.get_latest_revision_as_object()
    assert revision.partly_suspended_from == BEFORE


@pytest.mark.search
def test_sql_python_and_the_engine_agree_on_every_state(registry):
    """Documents in every state, and every pair of states, read on days around their dates."""
    pages = []
    for make, _state in CASES.values():
        page = document()
        make(page)
        pages.append(page)
    for first, second in itertools.combinations(CASES, 2):
        page = document()
        CASES[second][0](page)
        CASES[first][0](page)
        pages.append(page)
    for relation_type, _state in ACTING:
        page = document()
        acts_on(
            page, relation_type, effective=DAY, end=LATER if "suspends" in relation_type else None
        )
        pages.append(page)
    pks = [page.pk for page in pages]
    rows = list(LegalDocumentPage.objects.filter(pk__in=pks))
    refresh_engine(*rows)

    backend = get_search_backend("default")
    col = columns(backend)
    index = backend.get_index_for_model(LegalDocumentPage).name
    days = [BEFORE - timedelta(days=1), BEFORE, DAY - timedelta(days=1), DAY, LATER, LATER]
    days += [LATER + timedelta(days=1)]
    seen = set()
    for day in days:
        in_sql = dict(
            annotate_validity(LegalDocumentPage.objects.filter(pk__in=pks), on=day).values_list(
                "pk", "validity"
            )
        )
        for row in rows:
            assert validity_on(row, day) == in_sql[row.pk], (row.number_symbol, day)
        seen |= set(in_sql.values())
        for value in Validity.values:
            body = {
                "query": {
                    "bool": {
                        "filter": [validity_clause(value, col, day), {"terms": {col["id"]: pks}}]
                    }
                },
                "size": 500,
                "stored_fields": ["pk"],
            }
            hits = backend.es.search(index=index, body=body)["hits"]["hits"]
            found = {int(hit["fields"]["pk"][0]) for hit in hits}
            assert found == {pk for pk, v in in_sql.items() if v == value}, (day, value)
    assert seen == set(Validity.values)
