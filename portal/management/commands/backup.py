from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Site

from portal import backup
from portal.core.audit import record


class Command(BaseCommand):
    help = "Back up the database and media files into one archive with SHA-256 sums."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", type=Path, default=settings.BACKUP_DIR)
        parser.add_argument("--keep-daily", type=int, default=settings.BACKUP_KEEP_DAILY)
        parser.add_argument("--keep-monthly", type=int, default=settings.BACKUP_KEEP_MONTHLY)

    def handle(self, *args, output_dir, keep_daily, keep_monthly, **options):
        try:
            archive, manifest = backup.create(output_dir)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        except Exception as error:  # pg_dump missing or refused: say so, plainly
            raise CommandError(_("The backup failed: %s") % error) from error
        digest = backup.sha256(archive)
        record(
            "portal.backup",
            label=archive.name,
            data={"archive": str(archive), "sha256": digest, "files": len(manifest["files"])},
            about=Site,
        )
        self.stdout.write(f"{archive} sha256={digest}")
        for path in backup.prune(output_dir, keep_daily, keep_monthly):
            self.stdout.write(_("Deleted by the retention rule: %s") % path.name)
