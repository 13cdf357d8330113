"""What `import_legal_documents` and `import_procedures` share: read the exchange file, run
the importer with a progress bar, print every rejected record and the totals, exit 1 when a
record was rejected."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from legal_docs import exchange


class ImportCommand(BaseCommand):
    importer_class = None  # a legal_docs.importer.BatchImporter
    parent_model = None  # the page the records go under
    load_options = {}  # for exchange.load()
    no_parent_message = ""
    waiting_message = ""  # with %(batch)d

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
            records = exchange.load(text, file.name, **self.load_options)
        except exchange.FormatError as error:
            raise CommandError(
                _("%(file)s is not in the exchange format (%(detail)s): see legal_docs/schema/.")
                % {"file": file, "detail": error}
            ) from None
        parent = self.parent_model.objects.first()
        if parent is None:
            raise CommandError(self.no_parent_message)
        importer = self.importer_class(parent, file.name, imported_by=user, dry_run=dry_run)
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
                    "number": rejection["reference"] or "?",
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
            self.stdout.write(self.waiting_message % {"batch": importer.batch.pk})
        if report.rejected:
            sys.exit(1)
