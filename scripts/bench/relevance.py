"""Relevance of public search, measured on the demo registry: citizen queries, each naming
the documents that must appear and within which rank, asked through /tim-kiem/ and
/van-ban/?q= (full Django stack) on every backend in one run: each engine of BENCH_ENGINES,
PostgreSQL full-text search and SQLite FTS5 (in a child process on its own database).
Prints the hit rate (queries whose documents all came within their rank) and the mean
reciprocal rank of each query's first document, per backend and view (`make relevance`):

    DATABASE_URL=postgres://portal:portal@127.0.0.1:5432/portal_relevance \\
    BENCH_ENGINES="opensearch2=http://127.0.0.1:9200 elasticsearch8=http://127.0.0.1:9201" \\
    RELEVANCE_INDEX_PREFIX=relevance_ .venv/bin/python scripts/bench/relevance.py

The databases are made (migrated, `setup_portal --demo`) when missing and reused after;
each engine gets its own index under RELEVANCE_INDEX_PREFIX (an entry `engine=url=prefix`
of BENCH_ENGINES sets that engine's own). --failures lists the queries out of rank.
The queries were written before any tuning (issue #22) and are kept, every one.
"""

import argparse
import json
import logging
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from portal.core import profile  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
os.environ.setdefault("DATABASE_URL", "postgres://portal:portal@127.0.0.1:5432/portal_relevance")
ENGINES = os.environ.get(
    "BENCH_ENGINES", "opensearch2=http://127.0.0.1:9200 elasticsearch8=http://127.0.0.1:9201"
)
PREFIX = os.environ.get("RELEVANCE_INDEX_PREFIX", "relevance_")
PROFILE = os.environ.get("PORTAL_PROFILE", profile.DEFAULT)
SQLITE = os.environ.get("RELEVANCE_SQLITE", str(ROOT / ".run" / "relevance.sqlite3"))


def nfd(text):
    return unicodedata.normalize("NFD", text)


NUMBER, TITLE, OTHER = 3, 3, 5
# (query, documents that must appear (numbers), within which rank). Rank 1 where the
# issue says which comes first (the law in force for its topic).
# fmt: off
QUERIES = [
    # Numbers in every form.
    ("2975/QĐ-UBND", ["2975/QĐ-UBND"], NUMBER),
    ("2975/qd-ubnd", ["2975/QĐ-UBND"], NUMBER),
    ("2975 QD UBND", ["2975/QĐ-UBND"], NUMBER),
    ("QĐ 2975", ["2975/QĐ-UBND"], NUMBER),
    ("quyết định 2975", ["2975/QĐ-UBND"], NUMBER),
    ("123/2015/NĐ-CP", ["123/2015/NĐ-CP"], NUMBER),
    ("123/2015/ND-CP", ["123/2015/NĐ-CP"], NUMBER),
    ("nghi dinh 123/2015", ["123/2015/NĐ-CP"], NUMBER),
    ("nd 123 2015", ["123/2015/NĐ-CP"], NUMBER),
    ("04/2020/TT-BTP", ["04/2020/TT-BTP"], NUMBER),
    ("thông tư 04/2020", ["04/2020/TT-BTP"], NUMBER),
    ("TT 01/2020", ["01/2020/TT-BTP"], NUMBER),
    ("60/2014/QH13", ["60/2014/QH13"], NUMBER),
    ("luật số 60/2014/QH13", ["60/2014/QH13"], NUMBER),
    ("69/2006/QH11", ["69/2006/QH11"], NUMBER),
    ("82/2020/NĐ-CP", ["82/2020/NĐ-CP"], NUMBER),
    ("nghị định 82/2020", ["82/2020/NĐ-CP"], NUMBER),
    ("110/2013/nd-cp", ["110/2013/NĐ-CP"], NUMBER),
    ("11/2017", ["11/2017/QH14"], NUMBER),
    (nfd("Quyết định 2975/QĐ-UBND"), ["2975/QĐ-UBND"], NUMBER),
    # Titles, with and without marks, upper case, NFD.
    ("Luật Hộ tịch", ["60/2014/QH13"], TITLE),
    ("luat ho tich", ["60/2014/QH13"], TITLE),
    ("LUẬT HỘ TỊCH", ["60/2014/QH13"], TITLE),
    (nfd("Luật Hộ tịch"), ["60/2014/QH13"], TITLE),
    ("lý lịch tư pháp", ["28/2009/QH12"], TITLE),
    ("ly lich tu phap", ["28/2009/QH12"], TITLE),
    (nfd("lý lịch tư pháp"), ["28/2009/QH12"], TITLE),
    ("Bộ luật Dân sự", ["91/2015/QH13"], TITLE),
    ("Luật Xử lý vi phạm hành chính", ["15/2012/QH13"], TITLE),
    ("Luật Tiếp cận thông tin", ["104/2016/QH13"], TITLE),
    ("luat an ninh mang", ["24/2018/QH14"], TITLE),
    ("Luat Nuoi con nuoi", ["52/2010/QH12"], TITLE),
    ("luat quoc tich", ["24/2008/QH12"], TITLE),
    ("luật đấu giá tài sản", ["01/2016/QH14"], TITLE),
    ("Luật Căn cước", ["26/2023/QH15"], TITLE),
    ("Luật Ban hành văn bản quy phạm pháp luật", ["64/2025/QH15"], TITLE),
    # Repealed vs current: the law in force first for its topic; the repealed one first
    # when the query names it.
    ("tro giup phap ly", ["11/2017/QH14"], 1),
    ("trợ giúp pháp lý", ["11/2017/QH14"], 1),
    ("TRỢ GIÚP PHÁP LÝ", ["11/2017/QH14"], 1),
    ("luat cong chung", ["46/2024/QH15"], 1),
    ("can cuoc", ["26/2023/QH15"], 1),
    ("giao dịch điện tử", ["20/2023/QH15"], 1),
    ("ban hanh van ban quy pham phap luat", ["64/2025/QH15"], 1),
    ("xử phạt vi phạm hành chính bổ trợ tư pháp", ["82/2020/NĐ-CP"], 1),
    ("Luật Trợ giúp pháp lý 2006", ["69/2006/QH11"], 1),
    ("Luật Công chứng 2014", ["53/2014/QH13"], 1),
    ("luat can cuoc cong dan", ["59/2014/QH13"], 1),
    ("luat ban hanh van ban quy pham phap luat 2015", ["80/2015/QH13"], 1),
    ("Luật Giao dịch điện tử 2005", ["51/2005/QH11"], 1),
    # Partial summaries.
    ("chứng thực bản sao", ["23/2015/NĐ-CP"], OTHER),
    ("chung thuc ban sao tu ban chinh", ["23/2015/NĐ-CP"], OTHER),
    ("cấp bản sao từ sổ gốc", ["23/2015/NĐ-CP"], OTHER),
    ("bảo vệ dữ liệu cá nhân", ["13/2023/NĐ-CP"], OTHER),
    ("bao ve du lieu ca nhan", ["13/2023/NĐ-CP"], OTHER),
    ("dịch vụ công trực tuyến", ["42/2022/NĐ-CP"], OTHER),
    ("co so du lieu ho tich dien tu", ["87/2020/NĐ-CP"], OTHER),
    ("dang ky ho tich truc tuyen", ["87/2020/NĐ-CP"], OTHER),
    ("giám định tư pháp", ["13/2012/QH13"], OTHER),
    ("phòng chống tham nhũng", ["36/2018/QH14"], OTHER),
    # One word off (a word the document does not have).
    ("xu ly vi pham hanh chinh", ["82/2020/NĐ-CP", "15/2012/QH13"], OTHER),
    ("chung thuc chu ky nguoi", ["23/2015/NĐ-CP"], OTHER),
    ("luật tiếp cận thông tin mới", ["104/2016/QH13"], OTHER),
    ("thi hanh an dan su moi", ["26/2008/QH12"], OTHER),
    ("bảo vệ dữ liệu cá nhân trẻ em", ["13/2023/NĐ-CP"], OTHER),
    # Type names with a topic: the registry's texts, not articles about them.
    ("hộ tịch", ["60/2014/QH13", "04/2020/TT-BTP"], OTHER),
    ("ho tich", ["60/2014/QH13"], OTHER),
    ("thông tư hộ tịch", ["04/2020/TT-BTP"], OTHER),
    ("nghị định hộ tịch", ["123/2015/NĐ-CP"], OTHER),
    ("nghi dinh chung thuc", ["23/2015/NĐ-CP"], OTHER),
    ("thong tu chung thuc", ["01/2020/TT-BTP"], OTHER),
    ("luật lý lịch tư pháp", ["28/2009/QH12"], 1),
    ("luật hộ tịch 2014", ["60/2014/QH13"], 1),
]
# fmt: on
# The queries about the agency's own documents: its profile's demo data holds them.
QUERIES += [tuple(query) for query in profile.load(PROFILE).demo.get("relevance_queries", [])]
VIEWS = ["/tim-kiem/", "/van-ban/"]


def found(response):
    """The numbers (or titles) of the results on the first page, in order."""
    context = response.context
    page = context.get("documents") if context.get("documents") is not None else None
    if page is None:
        page = context.get("results") or []
    return [getattr(result, "number_symbol", None) or result.title for result in page]


def prepare():
    """Migrate, the demo site, and any demo document added since the database was made."""
    from django.core.management import call_command

    from legal_docs.demo import load_legal_documents
    from legal_docs.models import LegalDocumentIndexPage

    logging.disable(logging.INFO)  # setup_portal logs every page it makes
    call_command("migrate", verbosity=0, interactive=False)
    call_command("setup_portal", demo=True, verbosity=0)
    load_legal_documents(LegalDocumentIndexPage.objects.get().specific)
    call_command("update_index", backend_name="database", verbosity=0)
    logging.disable(logging.NOTSET)


def ask_all(backends):
    """{view: [first page of each query]} with `backends`, every cache emptied first."""
    from django.core.cache import caches
    from django.test import Client, override_settings

    results = {}
    with override_settings(WAGTAILSEARCH_BACKENDS=backends, PAGE_CACHE_SECONDS=0):
        for alias in caches:
            caches[alias].clear()
        client = Client()
        for view in VIEWS:
            results[view] = []
            for query, _expected, _rank in QUERIES:
                response = client.get(view, {"q": query})
                if response.status_code != 200:
                    sys.exit(f"{view}?q={query}: HTTP {response.status_code}")
                results[view].append(found(response))
    return results


def database_run():
    """(label, {view: [first pages]}) on this process's database backend."""
    from django.conf import settings
    from django.db import connection

    prepare()
    database = settings.WAGTAILSEARCH_BACKENDS["database"]
    label = "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"
    return label, ask_all({"default": database, "database": database})


def engine_runs():
    from django.conf import settings
    from django.core.management import call_command
    from django.test import override_settings

    from search.backends import search_server

    database = settings.WAGTAILSEARCH_BACKENDS["database"]
    runs = []
    for entry in ENGINES.split():
        engine, url, *prefix = entry.split("=")
        backend = {
            "BACKEND": f"search.backends.{engine}",
            "URLS": [url],
            "INDEX_PREFIX": prefix[0] if prefix else PREFIX,
            "AUTO_UPDATE": False,
        }
        backends = {"default": backend, "database": database}
        with override_settings(WAGTAILSEARCH_BACKENDS=backends):
            call_command("update_index", backend_name="default", verbosity=0)
        runs.append(("{} {}".format(*search_server(url)), ask_all(backends)))
    return runs


def ensure_postgres_database():
    """Create the PostgreSQL database named by DATABASE_URL when it is missing."""
    from django.db import connection

    name = connection.settings_dict["NAME"]
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')


def score(pages):
    """(queries within rank, mean reciprocal rank of each query's first document, misses)."""
    within, reciprocal, misses = 0, 0.0, []
    for (query, expected, rank), page in zip(QUERIES, pages, strict=True):
        ranks = [page.index(n) + 1 if n in page else None for n in expected]
        if all(r is not None and r <= rank for r in ranks):
            within += 1
        else:
            misses.append((query, expected, rank, ranks, page[:6]))
        reciprocal += 1 / ranks[0] if ranks[0] else 0
    return within, reciprocal / len(QUERIES), misses


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", action="store_true", help="the SQLite run (internal)")
    parser.add_argument("--failures", action="store_true", help="list the queries out of rank")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    if args.child:
        os.environ["SEARCH_URL"] = ""
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # responses carry their template context
    if args.child:
        print(json.dumps(database_run()))
        return
    logging.getLogger("opensearch").setLevel(logging.WARNING)
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)
    ensure_postgres_database()
    runs = [database_run()]
    runs[:0] = engine_runs()
    if not args.no_sqlite:
        child = subprocess.run(
            [sys.executable, __file__, "--child"],
            env={**os.environ, "DATABASE_URL": f"sqlite:///{SQLITE}", "SEARCH_URL": ""},
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode:
            sys.exit(f"SQLite run failed:\n{child.stderr[-3000:]}")
        runs.append(tuple(json.loads(child.stdout.strip().splitlines()[-1])))
    print(f"{len(QUERIES)} queries; within rank (hit rate) and mean reciprocal rank (MRR)")
    print(f"{'backend':<26} {'view':<12} {'within rank':>16} {'MRR':>6}")
    for label, views in runs:
        for view in VIEWS:
            within, mrr, misses = score(views[view])
            share = f"{within}/{len(QUERIES)} {100 * within / len(QUERIES):.0f} %"
            print(f"{label:<26} {view:<12} {share:>16} {mrr:>6.3f}")
            if args.failures:
                for query, expected, rank, ranks, page in misses:
                    print(f"    {query!r} wants {expected} within {rank}: {ranks}; got {page}")


if __name__ == "__main__":
    main()
