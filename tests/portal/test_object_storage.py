"""Media on an S3-compatible object store (MEDIA_S3_BUCKET, portal/storage.py), against the
real S3 server `make test` starts (scripts/services/s3.sh: S3Proxy, signed requests only).
Every place that took media for a local folder works on the bucket too: uploads through the
admin, documents through /documents/ with their checks, images and renditions through the
application, citizens' attachments kept private, backup and restore, /healthz. Each test has a
bucket of its own, made and emptied here."""

import json
import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
import uuid

import boto3
import psycopg2
import pytest
from botocore.config import Config
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from consultations.models import Comment
from home.models import ArticlePage
from legal_docs.models import LegalDocumentFile
from portal import backup, health
from portal.core import roles
from tests import builders
from tests.builders import add_live_child
from tests.helpers import unreadable_dump

pytestmark = [pytest.mark.s3, pytest.mark.django_db]

S3_URL = os.environ.get("S3_URL", "http://127.0.0.1:9390")
ACCESS_KEY = os.environ.get("S3_ACCESS_KEY", "portal-test")
SECRET_KEY = os.environ.get("S3_SECRET_KEY", "portal-test-secret")


def client():
    return boto3.client(
        "s3",
        endpoint_url=S3_URL,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name="us-east-1",
        config=Config(
            s3={"addressing_style": "path"}, request_checksum_calculation="when_required"
        ),
    )


def storage_of(bucket, endpoint=S3_URL):
    """STORAGES with the bucket as media storage: what MEDIA_S3_* give in settings."""
    return {
        **settings.STORAGES,
        "default": {
            "BACKEND": "portal.storage.MediaStorage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": endpoint,
                "access_key": ACCESS_KEY,
                "secret_key": SECRET_KEY,
            },
        },
    }


def new_bucket(s3):
    name = f"test-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=name)
    return name


def drop_bucket(s3, name):
    for item in s3.list_objects_v2(Bucket=name).get("Contents", []):
        s3.delete_object(Bucket=name, Key=item["Key"])
    s3.delete_bucket(Bucket=name)


def objects(s3, bucket):
    """Every object of the bucket: key -> its bytes."""
    keys = [item["Key"] for item in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
    return {key: s3.get_object(Bucket=bucket, Key=key)["Body"].read() for key in keys}


@pytest.fixture
def bucket(settings):
    """A fresh bucket, the site's media storage for the test."""
    s3 = client()
    name = new_bucket(s3)
    settings.STORAGES = storage_of(name)
    yield s3, name
    drop_bucket(s3, name)


def anonymous_get(bucket, key):
    """The object fetched straight from the store by someone without the keys."""
    try:
        return urllib.request.urlopen(f"{S3_URL}/{bucket}/{key}", timeout=5).status
    except urllib.error.HTTPError as error:
        return error.code


def png():
    return get_test_image_file("hoi-nghi.png").file.getvalue()


def test_the_production_settings_put_media_in_the_bucket():
    """MEDIA_S3_* in the environment make the bucket the media storage of the production
    settings; a file saved there is a private object. (Without them it is the folder, as
    every other test runs.)"""
    s3 = client()
    name = new_bucket(s3)
    script = """
import django, json
django.setup()
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
saved = default_storage.save("documents/thu.txt", ContentFile(b"noi dung"))
print(json.dumps([type(default_storage._wrapped).__name__, saved]))
"""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDIA_S3_")}
    env.update(
        SECRET_KEY="x" * 50,
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        MEDIA_S3_BUCKET=name,
        MEDIA_S3_ENDPOINT_URL=S3_URL,
        MEDIA_S3_ACCESS_KEY=ACCESS_KEY,
        MEDIA_S3_SECRET_KEY=SECRET_KEY,
    )
    try:
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == ["MediaStorage", "documents/thu.txt"]
        assert objects(s3, name) == {"documents/thu.txt": b"noi dung"}
        assert anonymous_get(name, "documents/thu.txt") == 403
    finally:
        drop_bucket(s3, name)


def test_uploads_through_the_admin_land_in_the_bucket(client, login, bucket):
    s3, name = bucket
    login(roles.CONTRIBUTORS)
    pdf = b"%PDF-1.4\n% ke hoach cong tac\n"
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "Kế hoạch", "file": SimpleUploadedFile("ke-hoach.pdf", pdf), "collection": "1"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "Hội nghị", "file": SimpleUploadedFile("hoi-nghi.png", png()), "collection": "1"},
    )
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Kế hoạch")
    image = get_image_model().objects.get(title="Hội nghị")
    stored = objects(s3, name)
    assert stored[document.file.name] == pdf
    assert stored[image.file.name] == png()


def article(slug, document):
    """A live news article that links `document`."""
    page = ArticlePage(
        title=f"Bài {slug}",
        slug=slug,
        lead="Bài có tệp đính kèm.",
        body=[("paragraph", RichText(f'<p><a linktype="document" id="{document.pk}">Tải</a></p>'))],
        author="Nguyễn Văn An",
        source="Văn phòng Sở",
    )
    return add_live_child(builders.news_index(), page)


def test_documents_are_served_from_the_bucket_with_their_checks(client, portal, bucket):
    public = get_document_model().objects.create(
        title="Công khai", file=ContentFile(b"%PDF-1.4\n% cong khai\n", name="cong-khai.pdf")
    )
    private = get_document_model().objects.create(
        title="Riêng", file=ContentFile(b"%PDF-1.4\n% rieng tu\n", name="rieng.pdf")
    )
    article("cong-khai", public)
    page = article("rieng-tu", private)
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau-trang"
    )
    response = client.get(public.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n% cong khai\n"
    assert client.get(private.url).status_code == 404
    # Neither file is readable from the store without its keys.
    s3, name = bucket
    assert [anonymous_get(name, d.file.name) for d in (public, private)] == [403, 403]


def test_images_and_renditions_are_served_from_the_bucket(client, bucket):
    s3, name = bucket
    # A name of its own: nothing of that name in MEDIA_ROOT from other tests to serve instead.
    image = get_image_model().objects.create(
        title="Hội nghị", file=ContentFile(png(), name=f"hoi-nghi-{uuid.uuid4().hex[:8]}.png")
    )
    rendition = image.get_rendition("fill-300x200")
    assert rendition.file.name in objects(s3, name)
    for url in (rendition.url, image.file.url):
        assert url.startswith(settings.MEDIA_URL)  # the site's address, not the bucket's
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/png"
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")
        assert "public" in response["Cache-Control"]
    assert client.get(settings.MEDIA_URL + "images/khong-co.png").status_code == 404


def test_a_legal_documents_file_is_checked_and_read_from_the_bucket(registry, bucket):
    """The type check and the text extraction for search read the file through the storage."""
    s3, name = bucket
    document = builders.pdf_document(articles=2)
    assert document.file.name in objects(s3, name)
    page = builders.new_document(registry, "41/QĐ-STP")
    attachment = LegalDocumentFile(document=document)
    attachment.clean()
    page.files.add(attachment)
    builders.publish(page)
    stored = LegalDocumentFile.objects.get(page=page)
    assert "Quy định thử nghiệm số 2" in stored.extracted_text


def test_a_citizens_attachment_stays_private(client, portal, login, bucket):
    """Stored as a private object, not served under /media/, and read by the board through
    the admin's download, which checks who asks."""
    s3, name = bucket
    content = b"%PDF-1.4\n% ho so\n"
    comment = Comment.objects.create(
        draft=builders.draft(drafting_unit=builders.unit("Phòng Xây dựng và Kiểm tra văn bản")),
        name="Nguyễn Văn Bình",
        contact="binh.nguyen@example.vn",
        content="Đề nghị bổ sung Điều 3.",
        file=SimpleUploadedFile("y-kien.pdf", content),
    )
    stored = comment.file.name
    assert stored.startswith("gop-y/")
    assert objects(s3, name)[stored] == content
    assert client.get(comment.file.url).status_code == 404
    assert anonymous_get(name, stored) == 403
    download = reverse("consultations_comment_file", args=[comment.pk])
    assert client.get(download).status_code == 302  # to the sign-in page
    login(roles.BOARD)
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content


def test_health_checks_the_bucket_and_says_when_the_store_is_away(bucket, settings, tmp_path):
    s3, name = bucket
    settings.MEDIA_ROOT = tmp_path / "none"  # a node with the bucket has no media folder
    assert health.storage() == "ok"
    assert objects(s3, name) == {}  # the check's file is gone again
    settings.STORAGES = storage_of(name, endpoint=f"http://127.0.0.1:{closed_port()}")
    body, healthy = health.report()
    assert not healthy
    assert body["storage"].startswith("error: ")


def closed_port():
    """A port on which nothing listens: a store that is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def connect(name):
    db = settings.DATABASES["default"]
    return psycopg2.connect(
        dbname=name, user=db["USER"], password=db["PASSWORD"], host=db["HOST"], port=db["PORT"]
    )


@pytest.fixture
def empty_database():
    name = settings.DATABASES["default"]["NAME"] + "_s3restore"
    admin = connect(settings.DATABASES["default"]["NAME"])
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name}")
        cursor.execute(f"CREATE DATABASE {name}")
    yield {**settings.DATABASES["default"], "NAME": name}
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name}")
    admin.close()


def url_of(database):
    return "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(**database)


@pytest.mark.postgres
def test_backup_and_restore_carry_the_buckets_objects(tmp_path, bucket, settings, empty_database):
    s3, name = bucket
    get_document_model().objects.create(
        title="Quyết định", file=ContentFile(b"%PDF-1.4\n% quyet dinh\n", name="qd.pdf")
    )
    get_image_model().objects.create(title="Ảnh", file=ContentFile(png(), name="anh.png"))
    source = objects(s3, name)
    archive, manifest = backup.create(tmp_path)
    assert {f"media/{key}" for key in source} <= set(manifest["files"])

    # Into a new, empty bucket: a dump PostgreSQL cannot read fails the restore, and the
    # files it had written are taken back.
    target = new_bucket(s3)
    try:
        settings.STORAGES = storage_of(target)
        broken = unreadable_dump(archive, tmp_path / "broken.tar.gz")
        with pytest.raises(backup.BackupError, match="giữ nguyên|left as it was"):
            backup.restore(broken, database=empty_database)
        assert objects(s3, target) == {}
        assert backup.database_is_empty(empty_database)

        # The store away: refused before anything changes, with what happened.
        settings.STORAGES = storage_of(target, endpoint=f"http://127.0.0.1:{closed_port()}")
        with pytest.raises(CommandError, match="Could not connect"):
            call_command("restore", str(archive), database_url=url_of(empty_database))
        assert backup.database_is_empty(empty_database)

        settings.STORAGES = storage_of(target)

        backup.restore(archive, database=empty_database)
        assert objects(s3, target) == source
        assert anonymous_get(target, next(iter(source))) == 403
    finally:
        drop_bucket(s3, target)
