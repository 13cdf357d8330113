"""One archive holds the whole site (Art. 7.2: operators back up and archive): the database
(pg_dump on PostgreSQL, the backup API on SQLite), every media file (read through the media
storage, so from the folder or the bucket: portal/storage.py), and a manifest of their
SHA-256 sums, signed with an HMAC under BACKUP_KEY (kept in the environment, never in the
archive). A restore checks the signature, then every sum, before it touches anything,
restores only into an empty database and media storage, on PostgreSQL in one transaction,
and deletes the media files it wrote when the database fails, so a failed restore leaves
both as they were. Archives are readable by their owner only: they hold password hashes
and second-factor keys."""

import contextlib
import hashlib
import hmac
import io
import json
import os
import posixpath
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import db_roles
from portal.core import profile

MANIFEST = "manifest.json"
SIGNATURE = "manifest.hmac"  # HMAC-SHA256 of manifest.json's bytes under BACKUP_KEY
DUMPS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
ENCRYPTED = ".enc"  # with BACKUP_ENCRYPTION_KEY: the whole .tar.gz, through openssl
OPENSSL = ["openssl", "enc", "-aes-256-cbc", "-pbkdf2", "-iter", "200000", "-salt"]


def prefix():
    """Archives are named <prefix>-YYYYmmdd-HHMMSS.tar.gz, the prefix from the agency profile."""
    return profile.current().backup_prefix


def archive_name(name):
    """The (date, time) digits of one of our archive names, or None."""
    return re.match(rf"^{re.escape(prefix())}-(\d{{8}})-(\d{{6}})\.tar\.gz(\.enc)?$", name)


class BackupError(Exception):
    """Something a person must fix; the message says what, in Vietnamese."""


def backup_key():
    if not settings.BACKUP_KEY:
        raise BackupError(
            _(
                "BACKUP_KEY is not set: set it in the environment (a long random string kept "
                "apart from the archives) to sign and check backups."
            )
        )
    return settings.BACKUP_KEY.encode()


def sign(data):
    return hmac.new(backup_key(), data, hashlib.sha256).hexdigest()


def key_fingerprint():
    """Names the key (not the key itself), so a refusal can say a different key signed."""
    return hashlib.sha256(b"portal-backup-key:" + backup_key()).hexdigest()[:12]


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def pg_environment(database):
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if database.get(key):
            env[variable] = str(database[key])
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    return env


def dump_database(database, target):
    vendor = vendor_of(database)
    if vendor == "postgresql":
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(target), database["NAME"]],
            env=pg_environment(database),
            check=True,
            capture_output=True,
        )
    else:
        source = sqlite3.connect(database["NAME"])
        with sqlite3.connect(target) as copy:
            source.backup(copy)
        source.close()


def vendor_of(database):
    engine = database["ENGINE"]
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite" in engine:
        return "sqlite"
    raise BackupError(_("Only PostgreSQL and SQLite databases can be backed up."))


def media_storage(media_root=None):
    """The folder given (restore --media-root), else the site's media storage: MEDIA_ROOT or
    the bucket of MEDIA_S3_BUCKET."""
    return FileSystemStorage(location=media_root) if media_root else default_storage


def media_names(storage, folder=""):
    """Every file's name in `storage`, sorted, but the health check's scratch files."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a media folder not made yet
        return []
    names = [posixpath.join(folder, name) for name in files]
    for name in folders:
        if name != "healthz":
            names += media_names(storage, posixpath.join(folder, name))
    return sorted(names)


def storage_name(storage):
    """The bucket, or the folder."""
    return getattr(storage, "bucket_name", None) or storage.location


def backed_up_names(storage):
    """The names of the media files to back up, each safe to extract."""
    names = media_names(storage)
    for name in names:
        # A name from a bucket is any string: none may land outside the media folder.
        if name.startswith("/") or ".." in name.split("/"):
            raise BackupError(_("The media file name “%s” cannot be backed up safely.") % name)
    return names


def stored_sha256(storage, name):
    digest = hashlib.sha256()
    with storage.open(name, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def create(directory, database=None, media_root=None):
    """Write <prefix>-YYYYmmdd-HHMMSS.tar.gz into `directory`; returns its path and manifest."""
    database = database or settings.DATABASES["default"]
    directory = Path(directory)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    fingerprint = key_fingerprint()  # before any work: no key, no backup
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    archive = directory / f"{prefix()}-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMPS[vendor_of(database)]
        dump_database(database, dump)
        files = {dump.name: sha256(dump)}
        # Read straight from the storage (folder or bucket), once for the sums and once into
        # the archive: no copy of the media on the backup's disk.
        storage = media_storage(media_root)
        media = backed_up_names(storage)
        for name in media:
            files["media/" + name] = stored_sha256(storage, name)
        manifest = {
            "created": timezone.now().isoformat(),
            "database": vendor_of(database),
            "key": fingerprint,
            "files": files,
        }
        data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
        partial = archive.with_suffix(".partial")
        # Owner only from the first byte: the dump holds password hashes and TOTP keys.
        handle = os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")
        with handle, tarfile.open(fileobj=handle, mode="w:gz") as tar:
            for name, content in ((MANIFEST, data), (SIGNATURE, sign(data).encode())):
                info = tarfile.TarInfo(name)
                info.size = len(content)
                tar.addfile(info, io.BytesIO(content))
            tar.add(dump, arcname=dump.name)
            for name in media:
                info = tarfile.TarInfo("media/" + name)
                info.size = storage.size(name)
                info.mtime = int(storage.get_modified_time(name).timestamp())
                with storage.open(name, "rb") as file:
                    tar.addfile(info, file)
        if settings.BACKUP_ENCRYPTION_KEY:
            encrypted = archive.with_name(archive.name + ENCRYPTED)
            openssl("-e", partial, encrypted.with_name(encrypted.name + ".partial"))
            partial.unlink()
            archive, partial = encrypted, encrypted.with_name(encrypted.name + ".partial")
        partial.rename(archive)  # never a half-written archive under the final name
    return archive, manifest


def openssl(direction, source, target):
    """Encrypt ("-e") or decrypt ("-d") `source` into `target` (owner only) with
    BACKUP_ENCRYPTION_KEY, passed through the environment, never on a command line."""
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    result = subprocess.run(
        [*OPENSSL, direction, "-in", str(source), "-out", str(target), "-pass", "env:BACKUP_PASS"],
        env={**os.environ, "BACKUP_PASS": settings.BACKUP_ENCRYPTION_KEY},
        capture_output=True,
        text=True,
    )
    if result.returncode and direction == "-d":
        raise BackupError(
            _(
                "The archive could not be decrypted with BACKUP_ENCRYPTION_KEY (a different "
                "key, or a damaged file): %s"
            )
            % result.stderr.strip()[-300:]
        )
    if result.returncode:
        raise BackupError(
            _("The archive could not be encrypted: %s") % result.stderr.strip()[-300:]
        )


def verify(archive, into):
    """Extract `archive` into `into` and check it against its manifest; the manifest."""
    if str(archive).endswith(ENCRYPTED):
        if not settings.BACKUP_ENCRYPTION_KEY:
            raise BackupError(
                _(
                    "This archive is encrypted: set BACKUP_ENCRYPTION_KEY to the key it was made with."
                )
            )
        with tempfile.TemporaryDirectory() as clear:
            plain = Path(clear) / "archive.tar.gz"
            openssl("-d", archive, plain)
            return verify(plain, into)
    try:
        tar = tarfile.open(archive, "r:gz")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(_("The file is not a readable backup archive: %s") % error) from error
    with tar:
        try:
            data = tar.extractfile(MANIFEST).read()
            member = tar.extractfile(SIGNATURE) if SIGNATURE in tar.getnames() else None
            signature = member.read().decode().strip() if member else ""
        except (KeyError, ValueError, OSError, tarfile.TarError) as error:
            raise BackupError(_("The backup archive is damaged: %s") % error) from error
        # The manifest is believed only once its signature holds: its sums then vouch for
        # every other file.
        if not hmac.compare_digest(signature, sign(data)):
            raise BackupError(
                _(
                    "The archive's signature does not match BACKUP_KEY: it was altered, is "
                    "unsigned, or was signed with another key (that key: %(theirs)s; this "
                    "server's: %(ours)s). Nothing was restored."
                )
                % {"theirs": signed_with(data), "ours": key_fingerprint()}
            )
        try:
            manifest = json.loads(data)
            tar.extractall(into, filter="data")  # refuses absolute paths and "..", links out
        except (KeyError, ValueError, OSError, tarfile.TarError) as error:
            raise BackupError(_("The backup archive is damaged: %s") % error) from error
    expected = manifest.get("files", {})
    present = {
        p.relative_to(into).as_posix()
        for p in Path(into).rglob("*")
        if p.is_file() and p.name not in (MANIFEST, SIGNATURE)
    }
    if present != set(expected):
        raise BackupError(
            _("The archive does not hold exactly the files its manifest lists: %s")
            % ", ".join(sorted(present ^ set(expected)))
        )
    for name, digest in expected.items():
        if sha256(Path(into) / name) != digest:
            raise BackupError(
                _("The file %s does not match its SHA-256 sum: the archive was altered.") % name
            )
    return manifest


def signed_with(data):
    try:
        return str(json.loads(data).get("key") or "?")
    except (ValueError, AttributeError):
        return "?"


def database_is_empty(database):
    if vendor_of(database) == "postgresql":
        result = subprocess.run(
            ["psql", "-tAc", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"]
            + [database["NAME"]],
            env=pg_environment(database),
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout.strip() == "0"
    path = Path(database["NAME"])
    if not path.exists():
        return True
    with sqlite3.connect(path) as connection:
        return not connection.execute("SELECT name FROM sqlite_master").fetchall()


def restore(archive, database=None, media_root=None):
    """Restore `archive` into an empty database and media storage; the manifest."""
    database = database or settings.DATABASES["default"]
    storage = media_storage(media_root)
    with tempfile.TemporaryDirectory() as work:
        manifest = verify(archive, work)
        vendor = vendor_of(database)
        if manifest.get("database") != vendor:
            raise BackupError(
                _("This archive holds a %(archived)s database; the site uses %(current)s.")
                % {"archived": manifest.get("database"), "current": vendor}
            )
        if not database_is_empty(database):
            raise BackupError(
                _("The database is not empty: restore into a newly created, empty database.")
            )
        if media_names(storage):
            raise BackupError(
                _("The media storage %s is not empty: restore into an empty one.")
                % storage_name(storage)
            )
        # The media first, as they can be taken back: the database restores in one
        # transaction, and if it fails the files written here are deleted again.
        written = []
        try:
            write_media(Path(work) / "media", storage, written)
            restore_database(database, vendor, Path(work) / DUMPS[vendor])
        except BaseException:
            for name in written:
                with contextlib.suppress(Exception):  # the first error is the one to tell
                    storage.delete(name)
            raise
        # After the try: the database and its files are restored whatever the grants do; a
        # failure here says so, and the operator grants the rights and goes on.
        if vendor == "postgresql":
            grant_application_role(database)
    return manifest


def write_media(folder, storage, written):
    """Save every file under `folder` into `storage` under its own name, each name into
    `written` as soon as it is there."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        try:
            with open(path, "rb") as file:
                saved = storage.save(name, File(file, name=name))
        except Exception as error:
            raise BackupError(
                _(
                    "The media file %(name)s could not be written to %(where)s (%(error)s): "
                    "the files already written were removed and the database was not touched. "
                    "Check the storage, then restore again."
                )
                % {"name": name, "where": storage_name(storage), "error": error}
            ) from error
        written.append(saved)


def restore_database(database, vendor, dump):
    if vendor == "postgresql":
        result = subprocess.run(
            ["pg_restore", "--no-owner", "--no-privileges", "--single-transaction"]
            + ["--exit-on-error"]
            + ["--dbname", database["NAME"], str(dump)],
            env=pg_environment(database),
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise BackupError(
                _("The database could not be restored and was left as it was: %s")
                % result.stderr.strip()[-500:]
            )
    else:
        shutil.copyfile(dump, database["NAME"])


def grant_application_role(database):
    """The grants a migrate gives DATABASE_APP_ROLE (portal/db_roles.py), on the restored
    database: the archive's own are left out, as that role may not exist on this server."""
    if not settings.DATABASE_APP_ROLE:
        return
    statements = db_roles.grant_statements(settings.DATABASE_APP_ROLE)
    result = subprocess.run(
        ["psql", "-v", "ON_ERROR_STOP=1", "-q", database["NAME"]],
        input=";\n".join(statements) + ";\n",
        env=pg_environment(database),
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise BackupError(
            _(
                "The database was restored but the application's role could not be granted its rights: %s"
            )
            % result.stderr.strip()[-500:]
        )


def prune(directory, daily, monthly):
    """Keep the newest archive of each of the last `daily` days and of the last `monthly`
    months that have one; delete the others. Returns the deleted paths."""
    archives = []
    for path in Path(directory).glob(f"{prefix()}-*.tar.gz*"):
        match = archive_name(path.name)
        if match:
            archives.append((datetime.strptime(match[1] + match[2], "%Y%m%d%H%M%S"), path))
    archives.sort(reverse=True)
    keep, days, months = set(), [], []
    for made, path in archives:
        day, month = made.date(), (made.year, made.month)
        if day not in days and len(days) < daily:
            days.append(day)
            keep.add(path)
        if month not in months and len(months) < monthly:
            months.append(month)
            keep.add(path)
    deleted = [path for _made, path in archives if path not in keep]
    for path in deleted:
        path.unlink()
    return deleted
