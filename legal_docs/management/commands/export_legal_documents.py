import sys

from django.core.management.base import BaseCommand

from legal_docs import exchange
from legal_docs.models import LegalDocumentPage
from portal.core.audit import record


class Command(BaseCommand):
    help = "Write the published registry in the exchange format (JSON or CSV)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--output", help="File to write; standard output by default.")

    def handle(self, *args, format, output, **options):
        documents = LegalDocumentPage.objects.live()
        stream = exchange.stream_json if format == "json" else exchange.stream_csv
        target = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            for chunk in stream(exchange.records_of(documents)):
                target.write(chunk)
        finally:
            if output:
                target.close()
        # The reports name the last exchange with the national database (Art. 7.1).
        record(
            "portal.export",
            label=output or "stdout",
            data={"what": "legal documents", "format": format, "count": documents.count()},
            about=LegalDocumentPage,
        )
