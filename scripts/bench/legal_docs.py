"""The legal-document registry at size: listing with two filters and detail pages (SQL
queries, p50/p95 server time), bulk generation and import throughput.

    DATABASE_URL=postgres://portal:portal@127.0.0.1:5432/portal_bench \\
    DJANGO_SETTINGS_MODULE=portal.settings.test \\
    .venv/bin/python scripts/bench/legal_docs.py --documents 100000

It sets the site up, generates documents until the registry holds --documents, imports
--import-records new records through the real importer, then requests pages through
Django's full stack (one process, warm cache).
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from legal_docs.importer import Importer, system_account  # noqa: E402
from legal_docs.models import DocumentType, LegalDocumentIndexPage, LegalDocumentPage  # noqa: E402
from legal_docs.synthetic import generate  # noqa: E402
from portal.core import profile  # noqa: E402
from scripts.bench.measure import measure  # noqa: E402


def import_records(count):
    # Plans of the agency itself: the authority of the profile named as the agency is.
    agency = profile.current()
    name, symbol = next(
        (name, symbol)
        for name, symbol in agency.authorities
        if name in (agency.name, agency.short_name)
    )
    field = agency.fields[0]
    return [
        {
            "number_symbol": f"{n}/KH-{symbol}",
            "document_type": "Kế hoạch",
            "issuing_authority": name,
            "issue_date": "1999-05-04",
            "effective_date": "1999-05-04",
            "summary": f"Kế hoạch thử nghiệm số {n} về công tác {field.lower()}",
            "fields": [field],
            "source": "department",
        }
        for n in range(1, count + 1)
    ]


def import_throughput(registry, count):
    LegalDocumentPage.objects.filter(issue_date__year=1999).delete()
    records = import_records(count)
    start = time.perf_counter()
    report = Importer(registry, "bench.json", imported_by=system_account()).run(records)
    seconds = time.perf_counter() - start
    print(
        f"import: {report.created} created, {report.rejected} rejected in {seconds:.1f} s ({report.created / seconds:.0f} documents/s)"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--import-records", type=int, default=1000)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("setup_portal", stdout=open(os.devnull, "w"))
    registry = LegalDocumentIndexPage.objects.get()
    missing = args.documents - LegalDocumentPage.objects.live().count()
    print(f"database: {connection.vendor}, {os.cpu_count()} cores")
    if missing > 0:
        start = time.perf_counter()
        generate(registry, missing)
        seconds = time.perf_counter() - start
        print(
            f"generated {missing} documents in {seconds:.1f} s ({missing / seconds:.0f} documents/s, bulk)"
        )
    total = LegalDocumentPage.objects.live().count()
    print(f"registry: {total} published documents")

    # Import through the real importer: validation, one transaction and revision per record.
    if args.import_records:
        import_throughput(registry, args.import_records)

    client = Client(HTTP_HOST="127.0.0.1")
    rng = random.Random(7)
    type_ids = list(DocumentType.objects.values_list("pk", flat=True))
    listing = [
        f"/van-ban/?loai={rng.choice(type_ids)}&nam={rng.randrange(2000, 2027)}"
        for _ in range(args.requests)
    ]
    slugs = list(
        LegalDocumentPage.objects.live()
        .order_by("?")
        .values_list("slug", flat=True)[: args.requests]
    )
    detail = [f"/van-ban/{slug}/" for slug in slugs]
    cache.clear()
    client.get("/")  # warm the layout cache (menu, settings, private paths) only
    client.get(detail[0])
    runs = [
        ("listing, type + year, first visit", listing),
        ("listing, type + year, again", listing),
        ("listing, no filter", ["/van-ban/"] * 20),
        ("detail", detail),
    ]
    print(f"{'page':<36} {'max queries':>11} {'p50 ms':>8} {'p95 ms':>8}")
    for name, paths in runs:
        p50, p95, queries = measure(client, paths)
        print(f"{name:<36} {queries:>11} {p50:>8.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
