import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from legal_docs import exchange
from legal_docs.importer import Importer
from legal_docs.models import LegalDocumentIndexPage


class Command(BaseCommand):
    help = "Upsert legal documents from an exchange file (JSON or CSV) into a batch for the board."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; change nothing."
        )
        parser.add_argument("--user", default="", help="Who runs the import, for the audit log.")

    def handle(self, *args, file, dry_run, user, **options):
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(
                _("Cannot read %(file)s as UTF-8 text: %(error)s") % {"file": file, "error": error}
            ) from None
        try:
            records = exchange.load(text, file.name)
        except exchange.FormatError as error:
            raise CommandError(
                _("%(file)s is not in the exchange format (%(detail)s): see legal_docs/schema/.")
                % {"file": file, "detail": error}
            ) from None
        registry = LegalDocumentIndexPage.objects.first()
        if registry is None:
            raise CommandError(
                _("Run `manage.py setup_portal` first: the registry page does not exist.")
            )
        importer = Importer(registry, file.name, imported_by=user, dry_run=dry_run)
        total = len(records)

        def progress(done):
            if done == total or done % 50 == 0:
                filled = int(30 * done / total)
                sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
                if done == total:
                    sys.stderr.write("\n")

        report = importer.run(records, progress=progress if total else None)
        for rejection in report.rejections:
            self.stdout.write(
                _("Record %(record)d (%(number)s) rejected: %(reason)s")
                % {
                    "record": rejection["record"],
                    "number": rejection["number_symbol"] or "?",
                    "reason": rejection["reason"],
                }
            )
        self.stdout.write(
            _(
                "%(created)d created, %(updated)d updated, %(unchanged)d unchanged, %(rejected)d rejected."
            )
            % {
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "rejected": report.rejected,
            }
        )
        if dry_run:
            self.stdout.write(_("Dry run: nothing was saved."))
        elif report.created or report.updated:
            self.stdout.write(
                _(
                    "The new and changed documents wait for the editorial board in the admin: Import batches #%(batch)d."
                )
                % {"batch": importer.batch.pk}
            )
        if report.rejected:
            sys.exit(1)
