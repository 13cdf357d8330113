from pathlib import Path

import dj_database_url
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils.translation import gettext as _
from wagtail.models import Site

from portal import backup
from portal.core.audit import record


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an empty database and media folder, after checking "
        "every file against its SHA-256 sum."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--database-url",
            help="Restore into this database instead of the site's (it must be empty).",
        )
        parser.add_argument("--media-root", type=Path, help="Instead of MEDIA_ROOT.")

    def handle(self, *args, archive, database_url, media_root, **options):
        database = dj_database_url.parse(database_url) if database_url else None
        try:
            manifest = backup.restore(archive, database=database, media_root=media_root)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        except Exception as error:  # the media storage unreachable, before anything changed
            raise CommandError(_("The restore failed: %s") % error) from error
        if database is None:  # the site's own database: the restore is its first new entry
            connections.close_all()
            record(
                "portal.restore",
                label=archive.name,
                data={"created": manifest["created"]},
                about=Site,
            )
        self.stdout.write(
            _("Restored %(count)d files from %(archive)s.")
            % {"count": len(manifest["files"]), "archive": archive.name}
        )
