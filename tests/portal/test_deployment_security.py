"""Issue #19, as deployed behind a reverse proxy: client addresses from trusted proxies only,
a lockout strangers cannot turn against an account's owner, a feedback limit per citizen,
redirects that stay on the site, limits that match docs/operations.md, and tamper-evident backups."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import close_old_connections, connection, connections
from django.test import override_settings
from django.urls import reverse
from django_tasks import task
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from home.forms import RATE_LIMIT
from home.models import Feedback
from portal.core import roles
from tests.builders import article
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
PROXY = "127.0.0.1"  # gunicorn listens here; the reverse proxy is the only peer it sees
FEEDBACK = "/phan-anh-kien-nghi/"


def sign_in(client, username, password, client_address, peer=PROXY):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password},
        REMOTE_ADDR=peer,
        HTTP_X_FORWARDED_FOR=client_address,
    )


@override_settings(TRUSTED_PROXIES=[PROXY])
def test_strangers_failing_to_sign_in_do_not_lock_out_the_owners(client, make_user):
    make_user(roles.OPERATORS, "quantri")
    make_user(roles.CONTRIBUTORS, "ctv")
    for name in ["admin", "root", "ctv"] + ["quantri"] * 5:
        sign_in(client, name, "doan-bua-mat-khau", "198.51.100.7")
    # The guesser's own address is stopped for the account it tried five times...
    assert sign_in(client, "quantri", PASSWORD, "198.51.100.7").status_code == 429
    # ...but the owners, at their own addresses behind the same proxy, sign in.
    assert sign_in(client, "quantri", PASSWORD, "203.0.113.5").status_code == 302
    client.logout()
    assert sign_in(client, "ctv", PASSWORD, "203.0.113.6").status_code == 302
    # The system log names the real addresses, not the proxy's.
    failed = ModelLogEntry.objects.filter(action="portal.login_failed")
    assert {entry.data["ip"] for entry in failed} == {"198.51.100.7"}
    [ok] = ModelLogEntry.objects.filter(action="portal.login", label="ctv")
    assert ok.data["ip"] == "203.0.113.6"


@override_settings(
    TRUSTED_PROXIES=[PROXY], LOGIN_ACCOUNT_FAILURE_LIMIT=4, LOGIN_ADDRESS_FAILURE_LIMIT=6
)
def test_guesses_spread_over_addresses_or_accounts_are_still_stopped(client, make_user):
    make_user(roles.BOARD, "banbientap")
    make_user(roles.CONTRIBUTORS, "ctv")
    for number in range(4):  # one account from four addresses
        sign_in(client, "banbientap", "doan-bua-mat-khau", f"198.51.100.{number + 1}")
    assert sign_in(client, "banbientap", PASSWORD, "203.0.113.5").status_code == 429
    for number in range(6):  # one address, six accounts
        sign_in(client, f"ten-doan-{number}", "doan-bua-mat-khau", "192.0.2.9")
    assert sign_in(client, "ctv", PASSWORD, "192.0.2.9").status_code == 429
    assert sign_in(client, "ctv", PASSWORD, "192.0.2.10").status_code == 302


@override_settings(TRUSTED_PROXIES=["10.0.0.0/24", PROXY])
def test_forwarded_addresses_are_believed_only_from_trusted_proxies(client, make_user):
    make_user(roles.CONTRIBUTORS, "ctv")
    # Through a front cache (10.0.0.4) and the TLS proxy: the client is the first address
    # from the right that is not a trusted proxy, whatever the client wrote to its left.
    sign_in(client, "ctv", "sai", "6.6.6.6, 198.51.100.7, 10.0.0.4")
    # Straight from an untrusted peer, a forged header is ignored.
    sign_in(client, "ctv", "sai", "203.0.113.5", peer="192.0.2.50")
    addresses = ModelLogEntry.objects.filter(action="portal.login_failed").order_by("pk")
    assert [entry.data["ip"] for entry in addresses] == ["198.51.100.7", "192.0.2.50"]


def feedback(**overrides):
    data = {
        "name": "Trần Thị Mai",
        "contact": "mai.tran@example.vn",
        "subject": "Văn bản 2975/QĐ-UBND thiếu tệp đính kèm",
        "content": "Trang văn bản 2975/QĐ-UBND không tải được tệp PDF.",
        "consent": "on",
        "website": "",
    }
    return data | overrides


@override_settings(TRUSTED_PROXIES=[PROXY])
def test_the_feedback_limit_is_per_citizen_and_counts_only_kept_messages(client, portal):
    def post(address, **overrides):
        return client.post(
            FEEDBACK, feedback(**overrides), REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address
        )

    for _ in range(RATE_LIMIT + 1):  # a citizen correcting the form is not refused for it
        assert post("198.51.100.7", subject="").status_code == 200
    for number in range(RATE_LIMIT):
        assert post("198.51.100.7", subject=f"Góp ý {number}").status_code == 302
    assert "vui lòng chờ mười phút" in post("198.51.100.7").content.decode().lower()
    # Another citizen behind the same proxy is not made to wait.
    assert post("203.0.113.5", subject="Từ người khác").status_code == 302
    assert Feedback.objects.count() == RATE_LIMIT + 1


def test_refused_bulk_actions_go_back_only_to_this_site(client, login, news):
    login(roles.BOARD)
    page = article()
    for action in ("publish", "unpublish"):
        bulk = reverse("wagtail_bulk_action", args=("wagtailcore", "page", action))
        response = client.post(f"{bulk}?id={page.pk}&next=https://evil.example/login", {})
        assert response.status_code == 302 and "evil.example" not in response["Location"]
        response = client.post(f"{bulk}?id={page.pk}&next=//evil.example/login", {})
        assert "evil.example" not in response["Location"]
        response = client.post(f"{bulk}?id={page.pk}&next=/admin/pages/{news.pk}/", {})
        assert response["Location"] == f"/admin/pages/{news.pk}/"  # the site's own: kept


def upload(client, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents.models import Document

    before = Document.objects.count()
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": name, "file": SimpleUploadedFile(name, content), "collection": "1"},
    )
    return response, Document.objects.count() - before


def test_audio_and_video_up_to_the_documented_200_mb_are_accepted(client, login):
    login(roles.CONTRIBUTORS)
    video = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * (21 * 1024 * 1024)
    response, stored = upload(client, "hoi-nghi.mp4", video)
    assert stored == 1, response.content.decode()[:2000]
    # Other documents keep their 20 MB limit, with the Vietnamese message.
    pdf = b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024)
    response, stored = upload(client, "bao-cao.pdf", pdf)
    assert stored == 0 and "lớn hơn 20 MB" in response.content.decode()


def test_the_page_password_form_pauses_after_a_few_wrong_guesses(client, news):
    from django.core.cache import cache
    from wagtail.models import PageViewRestriction

    page = article()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau-hop"
    )
    cache.clear()  # the page may be cached from before it was protected
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    form = {"return_url": page.url}
    for number in range(12):
        client.post(url, form | {"password": f"doan-{number}"})
    # Paused: even the right password is not checked until the pause ends...
    paused = client.post(url, form | {"password": "mat-khau-hop"})
    assert paused.status_code == 429 and "quá nhiều" in paused.content.decode().lower()
    # ...for this address only.
    other = client.post(url, form | {"password": "mat-khau-hop"}, REMOTE_ADDR="203.0.113.5")
    assert other.status_code == 302


def test_password_reset_mails_are_limited(client, make_user):
    from django.core import mail

    user = make_user(roles.CONTRIBUTORS, "bientap-r")
    user.email = "bientap-r@sotp.example.vn"
    user.save()
    url = reverse("wagtailadmin_password_reset")
    answers = {client.post(url, {"email": user.email})["Location"] for _ in range(8)}
    assert len(answers) == 1  # the same answer every time
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    "password",
    [
        "aaaaaaaaaaaa",
        "abcabcabcabc",
        "sotuphap1234",
        "Sở Tư pháp 2024!",
        "Quangtri@2024",
        "hoanganh123456",
    ],
)
def test_guessable_vietnamese_passwords_are_refused_in_vietnamese(password):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert any("mật khẩu" in message.lower() for message in refused.value.messages)


def test_a_long_phrase_is_still_accepted():
    from django.contrib.auth.password_validation import validate_password

    validate_password("cay-lua-ven-song-Thach-Han")


def test_an_edit_without_its_block_counts_is_a_400_with_a_message(client, team, news):
    from tests.admin_forms import add_url, article_form, edit_url, submit_new

    page = submit_new(client, team["contributor"], news)
    revision = page.latest_revision
    client.force_login(team["contributor"])
    data = {k: v for k, v in article_form().items() if not k.startswith("body-")}
    revert = reverse("wagtailadmin_pages:revisions_revert", args=(page.pk, revision.pk))
    for url in (edit_url(page), revert, add_url(news)):
        response = client.post(url, data)
        assert response.status_code == 400, url
        assert "tải lại trang" in response.content.decode()
    # A garbled count or a block without its type is refused alike.
    garbled = article_form() | {"body-count": "nhieu", "body-0-type": ""}
    assert client.post(edit_url(page), garbled).status_code == 400


@task(backend="search", queue_name="search")
def note_that_the_worker_ran():
    return "ok"


@task(backend="search", queue_name="search")
def lose_the_connection_once():
    """The first run loses its connection halfway (a database restart), the next one ends."""
    if not DROPPED:
        DROPPED.append(True)
        drop_the_connection()
        get_user_model().objects.count()
    return "ok"


DROPPED = []


def drop_the_connection():
    """What a database restart or pg_terminate_backend does to a kept connection."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        [pid] = cursor.fetchone()
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_dropped_database_connection_is_neither_a_500_nor_the_end_of_the_worker():
    from django.contrib.auth import get_user_model

    kept = connection.settings_dict["CONN_MAX_AGE"]
    connection.settings_dict["CONN_MAX_AGE"] = 60  # as in production: kept between requests
    connection.close()
    try:
        drop_the_connection()
        close_old_connections()  # what Django does as each request starts
        assert get_user_model().objects.count() >= 0

        result = note_that_the_worker_ran.enqueue()
        interrupted = lose_the_connection_once.enqueue()
        drop_the_connection()
        call_command(
            "db_worker",
            "--backend=search",
            "--queue-name=search",
            "--batch",
            "--no-startup-delay",
            "--interval=0",
            "--worker-id=test",
            verbosity=0,
        )
        assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"
        # The task cut off halfway is queued again, not left "running" for ever.
        assert DBTaskResult.objects.get(pk=interrupted.id).status == "SUCCESSFUL"
    finally:
        connection.settings_dict["CONN_MAX_AGE"] = kept
        connection.close()


def rewrite(archive, target, change):
    """A copy of `archive` with `change(name, data)` applied to each member's bytes."""
    import io
    import tarfile

    with tarfile.open(archive) as original, tarfile.open(target, "w:gz") as copy:
        for member in original.getmembers():
            data = change(member.name, original.extractfile(member).read())
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    return target


def test_backups_are_signed_private_and_checked_before_a_restore(tmp_path, settings):
    import hashlib
    import json
    import stat

    from django.core.management import CommandError

    from portal import backup

    media = tmp_path / "media"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "qd-04.pdf").write_bytes(b"%PDF-1.4 ban goc\n")
    archive, _manifest = backup.create(tmp_path / "archives", media_root=media)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # password hashes, TOTP keys

    # A file changed and its sum in the manifest changed to match: the signature catches it.
    forged = b"%PDF-1.4 ban da sua\n"

    def tamper(name, data):
        if name == "media/documents/qd-04.pdf":
            return forged
        if name == "manifest.json":
            manifest = json.loads(data)
            manifest["files"][name_of_pdf] = hashlib.sha256(forged).hexdigest()
            return json.dumps(manifest).encode()
        return data

    name_of_pdf = "media/documents/qd-04.pdf"
    tampered = rewrite(archive, tmp_path / "tampered.tar.gz", tamper)
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/khong_co_h19a"
    target = tmp_path / "restored"
    with pytest.raises(CommandError, match="chữ ký"):
        call_command("restore", str(tampered), database_url=url, media_root=target)
    assert not target.exists()

    # The untouched archive under another key is refused alike, naming both keys.
    settings.BACKUP_KEY = "another-server-key"
    with pytest.raises(CommandError, match="chữ ký"):
        call_command("restore", str(archive), database_url=url, media_root=target)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_application_role_does_its_work_but_cannot_rewrite_the_system_log(client, settings):
    import os

    from django.contrib.auth import get_user_model
    from django.db import DatabaseError, transaction

    db = connection.settings_dict
    owner = db["USER"], db["PASSWORD"]
    db["USER"] = settings.DATABASE_APP_ROLE
    db["PASSWORD"] = os.environ.get("DATABASE_APP_PASSWORD", "portal_app")
    connection.close()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone() == (settings.DATABASE_APP_ROLE,)
        # What the web processes and the worker do: accounts, signing in (session, system log,
        # failure counts), the queue.
        get_user_model().objects.create_superuser("quantri-app", "qt@example.vn", PASSWORD)
        login = reverse("wagtailadmin_login")
        client.post(login, {"username": "quantri-app", "password": "sai-mat-khau"})
        assert (
            client.post(login, {"username": "quantri-app", "password": PASSWORD}).status_code == 302
        )
        assert ModelLogEntry.objects.filter(action="portal.login").exists()
        result = note_that_the_worker_ran.enqueue()
        call_command(
            "db_worker",
            "--backend=search",
            "--queue-name=search",
            "--batch",
            "--no-startup-delay",
            "--interval=0",
            "--worker-id=test",
            verbosity=0,
        )
        assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"

        # What it cannot do to the system log, whatever a flaw in the application lets through.
        for table in ("wagtailcore_modellogentry", "wagtailcore_pagelogentry"):
            for statement in (
                f"TRUNCATE {table}",
                f"ALTER TABLE {table} DISABLE TRIGGER {table}_append_only",
                f"ALTER TABLE {table} DISABLE TRIGGER ALL",
                f"DROP TRIGGER {table}_append_only ON {table}",
                f"DROP TABLE {table}",
                f"DELETE FROM {table}",
                f"UPDATE {table} SET action = 'x'",
            ):
                with pytest.raises(DatabaseError, match="permission denied|must be owner"):
                    with transaction.atomic(), connection.cursor() as cursor:
                        cursor.execute(statement)
        assert ModelLogEntry.objects.filter(action="portal.login").exists()
    finally:
        db["USER"], db["PASSWORD"] = owner
        connection.close()


@override_settings(TRUSTED_PROXIES=[PROXY])
def test_signing_in_to_ones_own_account_does_not_wipe_guesses_at_others(client, make_user):
    make_user(roles.OPERATORS, "quantri")
    make_user(roles.CONTRIBUTORS, "ctv")
    insider = "198.51.100.7"
    for _ in range(4):
        sign_in(client, "quantri", "doan-bua-mat-khau", insider)
    assert sign_in(client, "ctv", PASSWORD, insider).status_code == 302  # their own account
    client.logout()
    sign_in(client, "quantri", "doan-bua-mat-khau", insider)  # the fifth guess: locked
    assert sign_in(client, "quantri", PASSWORD, insider).status_code == 429


def test_backups_can_be_encrypted_with_a_key_of_their_own(tmp_path, settings):
    import stat

    from portal import backup

    settings.BACKUP_ENCRYPTION_KEY = "khoa-ma-hoa-ban-sao-luu"
    media = tmp_path / "media"
    media.mkdir()
    (media / "ho-so.pdf").write_bytes(b"%PDF-1.4 ho so mat\n")
    archive, manifest = backup.create(tmp_path / "archives", media_root=media)
    assert archive.name.endswith(".tar.gz.enc") and list(archive.parent.iterdir()) == [archive]
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    content = archive.read_bytes()
    assert not content.startswith(b"\x1f\x8b")  # not a readable gzip
    assert backup.verify(archive, tmp_path / "check") == manifest
    assert (tmp_path / "check" / "media" / "ho-so.pdf").read_bytes() == b"%PDF-1.4 ho so mat\n"

    settings.BACKUP_ENCRYPTION_KEY = "khoa-khac"
    with pytest.raises(backup.BackupError):
        backup.verify(archive, tmp_path / "again")
    settings.BACKUP_ENCRYPTION_KEY = ""
    with pytest.raises(backup.BackupError, match="BACKUP_ENCRYPTION_KEY"):
        backup.verify(archive, tmp_path / "again")
    assert backup.prune(archive.parent, daily=1, monthly=1) == []  # counted as an archive
