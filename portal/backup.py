"""One archive holds the whole site (Art. 7.2: operators back up and archive): the database
(pg_dump on PostgreSQL, the backup API on SQLite), every media file, and a manifest of their
SHA-256 sums, signed with an HMAC under BACKUP_KEY (kept in the environment, never in the
archive). A restore checks the signature, then every sum, before it touches anything,
restores only into an empty database, and on PostgreSQL in one transaction, so a failed
restore leaves the database as it was. Archives are readable by their owner only: they
hold password hashes and second-factor keys."""

import hashlib
import hmac
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path

from django.conf import settings
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


def media_files(media_root):
    root = Path(media_root)
    if not root.exists():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and "healthz" not in p.parts)


def create(directory, database=None, media_root=None):
    """Write <prefix>-YYYYmmdd-HHMMSS.tar.gz into `directory`; returns its path and manifest."""
    database = database or settings.DATABASES["default"]
    media_root = Path(media_root or settings.MEDIA_ROOT)
    directory = Path(directory)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    fingerprint = key_fingerprint()  # before any work: no key, no backup
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    archive = directory / f"{prefix()}-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMPS[vendor_of(database)]
        dump_database(database, dump)
        files = {dump.name: sha256(dump)}
        media = media_files(media_root)
        for path in media:
            files["media/" + path.relative_to(media_root).as_posix()] = sha256(path)
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
            for path in media:
                tar.add(path, arcname="media/" + path.relative_to(media_root).as_posix())
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
    """Restore `archive` into an empty database and media folder; the manifest."""
    database = database or settings.DATABASES["default"]
    media_root = Path(media_root or settings.MEDIA_ROOT)
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
        if media_files(media_root):
            raise BackupError(
                _("The media folder %s is not empty: restore into an empty one.") % media_root
            )
        dump = Path(work) / DUMPS[vendor]
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
            grant_application_role(database)
        else:
            shutil.copyfile(dump, database["NAME"])
        if (Path(work) / "media").exists():
            shutil.copytree(Path(work) / "media", media_root, dirs_exist_ok=True)
    return manifest


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
