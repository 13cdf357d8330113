"""What `import_legal_documents` and `import_procedures` share: read the exchange file, run
the importer as the named account with a progress bar, print every problem of every rejected
record, what changes in each updated document and the totals, exit 1 when a record was
rejected. A dry run prints the same report, line for line, and saves nothing."""

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
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
        parser.add_argument(
            "--user",
            default="",
            help="The account that runs the import (required): it cannot approve its own batch.",
        )

    def handle(self, *args, file, dry_run, user, **options):
        if not user:
            raise CommandError(
                _("Name the account that runs the import: --user <username>, e.g. --user quantri.")
            )
        account = get_user_model().objects.filter(username=user).first()
        if account is None:
            raise CommandError(
                _("There is no account “%(user)s”: give the username of an existing account.")
                % {"user": user}
            )
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
        importer = self.importer_class(parent, file.name, imported_by=account, dry_run=dry_run)
        total = len(records)

        def progress(done):
            if done == total or done % 50 == 0:
                filled = int(30 * done / total)
                sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
                if done == total:
                    sys.stderr.write("\n")

        report = importer.run(records, progress=progress if total else None)
        self.print_report(report)
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

    def print_report(self, report):
        for rejection in report.rejections:
            for problem in rejection["problems"]:
                self.stdout.write(
                    _("Record %(record)d (%(number)s) rejected: %(reason)s")
                    % {
                        "record": rejection["record"],
                        "number": rejection["reference"] or "?",
                        "reason": f"{problem['field']}: {problem['message']}"
                        if problem["field"]
                        else problem["message"],
                    }
                )
        for item in report.changes:
            if item["action"] != "updated":
                continue
            for change in item["changes"]:
                self.stdout.write(
                    _("Record %(record)d (%(number)s) updated: %(field)s: “%(old)s” → “%(new)s”")
                    % {
                        "record": item["record"],
                        "number": item["reference"],
                        "field": change["field"],
                        "old": change["old"],
                        "new": change["new"],
                    }
                )
        for item in report.withdrawn:
            self.stdout.write(
                _("Record %(record)d (%(number)s) takes over from pending batch #%(batch)d.") % item
            )
