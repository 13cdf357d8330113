"""Back up, then restore into an empty PostgreSQL database: the same pages, revisions,
documents, log entries and files. A tampered archive is refused before anything changes."""

import hashlib
import io
import tarfile
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.documents.models import Document
from wagtail.models import ModelLogEntry

from portal import backup
from tests.helpers import setup_portal, unreadable_dump

TABLES = {
    "wagtailcore_page": "id, path, title, live, url_path",
    "wagtailcore_revision": "id, object_id, content::text",
    "wagtaildocs_document": "id, title, file, file_hash",
    "wagtailcore_pagelogentry": "id, action, page_id, timestamp",
    "wagtailcore_modellogentry": "id, action, object_id, data::text",
}


def connect(name):
    db = settings.DATABASES["default"]
    return psycopg2.connect(
        dbname=name, user=db["USER"], password=db["PASSWORD"], host=db["HOST"], port=db["PORT"]
    )


def snapshot(name):
    with connect(name) as connection, connection.cursor() as cursor:
        rows = {}
        for table, columns in TABLES.items():
            cursor.execute(f"SELECT {columns} FROM {table} ORDER BY id")
            rows[table] = cursor.fetchall()
        return rows


@pytest.fixture
def empty_database():
    name = settings.DATABASES["default"]["NAME"] + "_restore"
    admin = connect(settings.DATABASES["default"]["NAME"])
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name}")
        cursor.execute(f"CREATE DATABASE {name}")
    db = settings.DATABASES["default"]
    yield name, f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{name}"
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name}")
    admin.close()


def files_under(root):
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in Path(root).rglob("*")
        if p.is_file()
    }


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_restore_reproduces_the_site_and_refuses_a_tampered_archive(tmp_path, empty_database):
    setup_portal(demo=True)
    Document.objects.create(
        title="Quyết định 04/QĐ-STP", file=ContentFile(b"%PDF-1.4 ban goc\n", name="qd-04.pdf")
    )
    source = snapshot(settings.DATABASES["default"]["NAME"])
    assert all(source.values())  # something of each kind to compare
    call_command("backup", output_dir=tmp_path / "archives")
    [archive] = (tmp_path / "archives").glob("sotp-*.tar.gz")
    # The backup is logged after the archive is made, so it is not in it.
    assert ModelLogEntry.objects.filter(action="portal.backup", label=archive.name).exists()

    # A tampered copy: one byte of the dump changed, the manifest left as it was.
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as original, tarfile.open(tampered, "w:gz") as copy:
        for member in original.getmembers():
            data = original.extractfile(member).read()
            if member.name == "database.pgdump":
                data = data[:-1] + bytes([data[-1] ^ 1])
            copy.addfile(member, io.BytesIO(data))
    name, url = empty_database
    media = tmp_path / "media"
    with pytest.raises(CommandError, match="không khớp với mã SHA-256"):
        call_command("restore", str(tampered), database_url=url, media_root=media)
    assert backup.database_is_empty({**settings.DATABASES["default"], "NAME": name})
    assert not media.exists()

    # Sums that match but a dump PostgreSQL cannot read: the restore fails as one transaction.
    broken = unreadable_dump(archive, tmp_path / "broken.tar.gz")
    with pytest.raises(CommandError, match="giữ nguyên"):
        call_command("restore", str(broken), database_url=url, media_root=media)
    assert backup.database_is_empty({**settings.DATABASES["default"], "NAME": name})

    call_command("restore", str(archive), database_url=url, media_root=media)
    assert snapshot(name) == source
    # The application's role has its rights on the restored database, and no more on the log.
    with connect(name) as restored, restored.cursor() as cursor:
        role = settings.DATABASE_APP_ROLE
        cursor.execute(
            "SELECT has_table_privilege(%s, 'wagtailcore_page', 'UPDATE'),"
            " has_table_privilege(%s, 'wagtailcore_modellogentry', 'INSERT'),"
            " has_table_privilege(%s, 'wagtailcore_modellogentry', 'DELETE'),"
            " has_table_privilege(%s, 'wagtailcore_modellogentry', 'TRUNCATE')",
            [role] * 4,
        )
        assert cursor.fetchone() == (True, True, False, False)
    restored = files_under(media)
    assert restored == files_under(settings.MEDIA_ROOT)
    assert any(path.endswith("qd-04.pdf") for path in restored)

    # A second restore onto the restored database is refused: it is no longer empty.
    with pytest.raises(CommandError, match="không trống"):
        call_command("restore", str(archive), database_url=url, media_root=tmp_path / "m2")

    # Restored, but the application's role cannot be granted its rights (it does not exist on
    # this server): the files stay with the database they belong to, and the message says so.
    admin = connect(settings.DATABASES["default"]["NAME"])
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE {name}")
        cursor.execute(f"CREATE DATABASE {name}")
    admin.close()
    with (
        override_settings(DATABASE_APP_ROLE="vai_tro_khong_co"),
        pytest.raises(CommandError, match="Đã khôi phục cơ sở dữ liệu nhưng không cấp được"),
    ):
        call_command("restore", str(archive), database_url=url, media_root=tmp_path / "m3")
    assert files_under(tmp_path / "m3") == restored


def test_retention_keeps_the_newest_per_day_and_per_month(tmp_path):
    names = [
        "sotp-20261129-020000.tar.gz",
        "sotp-20261129-010000.tar.gz",
        "sotp-20261128-020000.tar.gz",
        "sotp-20261127-020000.tar.gz",
        "sotp-20261031-020000.tar.gz",
        "sotp-20261030-020000.tar.gz",
        "sotp-20260930-020000.tar.gz",
    ]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    deleted = backup.prune(tmp_path, daily=2, monthly=2)
    assert sorted(p.name for p in deleted) == [
        "sotp-20260930-020000.tar.gz",
        "sotp-20261030-020000.tar.gz",
        "sotp-20261127-020000.tar.gz",
        "sotp-20261129-010000.tar.gz",
    ]
