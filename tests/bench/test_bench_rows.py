"""What `make bench` draws and prints, without running a server or timing anything: the
registry filters never asked before (scripts/bench/never_asked.py), wrk's count of requests
against distinct URLs (scripts/bench/wrk.py) and the ratios and targets (scripts/bench/table.py)."""

import random

import pytest

from scripts.bench import table, wrk
from scripts.bench.never_asked import NeverAsked, new_seed
from scripts.bench.table import BARE, FIRST_VISIT, HOME_LISTING, STATIC


def never_asked(seed, years=range(2000, 2027)):
    return NeverAsked(random.Random(seed), [1, 2, 3], [7, 8], [20, 21], years)


def test_never_asked_filters_are_never_handed_out_twice_in_a_run():
    filters = never_asked(1, years=range(2020, 2025))  # 3 × 2 × 3 × 5 = 90 combinations
    drawn = filters.draw(1) + filters.draw(40) + filters.draw(49)
    assert len(set(drawn)) == len(drawn) == 90
    assert all(url.startswith("/van-ban/?loai=") and "&nam=" in url for url in drawn)
    with pytest.raises(SystemExit, match="only 0 filter combinations left, 1 wanted"):
        filters.draw(1)


def test_never_asked_filters_come_from_the_run_seed():
    assert never_asked(42).draw(30) == never_asked(42).draw(30)  # --seed repeats a run
    assert never_asked(42).draw(30) != never_asked(43).draw(30)
    assert new_seed() != new_seed()  # from os.urandom: each run draws its own


WRK_OUTPUT = """Running 3s test @ http://127.0.0.1:8102/
  2 threads and 4 connections
  Latency Distribution
     50%   17.90ms
     75%   25.00ms
     90%   30.00ms
     99%    1.20s
  660 requests in 3.01s, 12.5MB read
  Non-2xx or 3xx responses: 2
Requests/sec:    219.27
Transfer/sec:      4.15MB
issued 663 repeated 5
"""


def test_wrk_output_gives_requests_against_distinct_urls():
    result = wrk.parse(WRK_OUTPUT, urls=600)
    assert (result.rate, result.p50, result.p99, result.errors) == (219.27, 17.9, 1200, 2)
    assert (result.requests, result.urls, result.repeated) == (663, 600, 5)


def result(rate, errors=0, requests=100, urls=100, repeated=0):
    return wrk.Result(rate, 10.0, 20.0, errors, requests, urls, repeated)


def test_a_row_meant_to_ask_each_url_once_is_flagged_when_it_repeats_one():
    lines, repeated = table.spread_lines(
        {
            ("legal document", "uncached"): result(150, requests=1600, urls=1500, repeated=100),
            (FIRST_VISIT, "uncached"): result(40, requests=120, urls=5000),
            ("home", "uncached"): result(150, requests=1500, urls=1),  # one page by nature
        }
    )
    assert repeated == ["legal document, uncached"]
    assert lines == [
        "- legal document, uncached: 1,600 requests, 1,500 distinct URLs"
        " — REPEATED 100 URLs: this row is not uncached",
        f"- {FIRST_VISIT}, uncached: 120 requests, 5,000 distinct URLs (each at most once)",
        "- home, uncached: 1,500 requests, 1 distinct URLs",
    ]


def test_rows_are_printed_with_ratios_to_the_static_file_and_the_stock_page():
    results = {
        ("legal document", "uncached"): result(145),
        (STATIC, "uncached"): result(2900),
        ("legal document", "cached"): result(2320),
        (STATIC, "cached"): result(3961),
    }
    stock = {BARE: result(290), HOME_LISTING: result(166), STATIC: result(3961)}
    lines = table.main_table(
        ["legal document"], ["uncached", "cached"], results, {"legal document": 5}, stock
    )
    assert lines[2] == (
        "| legal document (stock: bare child page) | 5 | 145 | 10.0 / 20.0 | 0.05× | 0.50× "
        "| 2,320 | 10.0 / 20.0 | 0.59× | 8.00× |"
    )
    assert lines[3] == (
        f"| {STATIC} | 0 | 2,900 | 10.0 / 20.0 | 1.00× | 0.73× | 3,961 | 10.0 / 20.0 | 1.00× | 1.00× |"
    )
    assert table.peer_of("search, OpenSearch 2.19.6") == HOME_LISTING


def test_the_issue_targets_are_printed_met_or_not_met():
    # The figures of issue #27's run.
    results = {
        ("home", "cached"): result(2293),
        ("legal document", "cached"): result(2390),
        (STATIC, "cached"): result(3961),
        ("legal document", "uncached"): result(145),
        (FIRST_VISIT, "uncached"): result(43),
    }
    stock = {BARE: result(293)}
    assert table.target_lines(
        results, stock, result(400, errors=0), ["home", "legal document"]
    ) == [
        "- application page cache ≥ 0.8× the static file from the same server: 0.58–0.60×: NOT MET",
        "- uncached legal document ≥ 1.0× the bare stock Wagtail page: 145 / 293 req/s = 0.49×: NOT MET",
        "- filter-only listing never asked ≥ 100 req/s: 43 req/s: NOT MET",
        "- 0 errors in the soak: 0 errors: met",
    ]
    results.update(
        {
            ("home", "cached"): result(3200),
            ("legal document", "cached"): result(3300),
            ("legal document", "uncached"): result(293),
            (FIRST_VISIT, "uncached"): result(100),
        }
    )
    assert table.target_lines(
        results, stock, result(400, errors=3), ["home", "legal document"]
    ) == [
        "- application page cache ≥ 0.8× the static file from the same server: 0.81–0.83×: met",
        "- uncached legal document ≥ 1.0× the bare stock Wagtail page: 293 / 293 req/s = 1.00×: met",
        "- filter-only listing never asked ≥ 100 req/s: 100 req/s: met",
        "- 0 errors in the soak: 3 errors: NOT MET",
    ]
    assert table.target_lines({}, {}, None, []) == [
        "- application page cache ≥ 0.8× the static file: not measured",
        "- uncached legal document ≥ 1.0× the bare stock page: not measured",
        "- filter-only listing never asked ≥ 100 req/s: not measured",
        "- 0 errors in the soak: not measured",
    ]
