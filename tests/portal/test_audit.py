"""The system log (Art. 6.3, 7.2): what Wagtail does not record is recorded, directors read
and export all of it, and nobody can change or delete an entry."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry, Site

from portal.core import roles
from portal.core.models import PortalSettings
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def csv_rows(response):
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def entries(action, **filters):
    return ModelLogEntry.objects.filter(action=action, **filters).order_by("timestamp")


def edit_user_form(user, **overrides):
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name or "Nguyễn",
        "last_name": user.last_name or "Văn B",
        "is_active": "on" if user.is_active else "",
        "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)],
        "status_reason": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value not in ("", None)}


def edit_user(client, user, **overrides):
    url = reverse("wagtailusers_users:edit", args=(user.pk,))
    return client.post(url, edit_user_form(user, **overrides))


def test_sign_in_sign_out_and_failed_attempts_are_logged(client, make_user):
    user = make_user(roles.BOARD, "banbientap-c")
    login = reverse("wagtailadmin_login")
    client.post(login, {"username": "banbientap-c", "password": "sai-mat-khau-roi"})
    client.post(login, {"username": "khong-ton-tai", "password": "sai-mat-khau-roi"})
    client.post(login, {"username": "banbientap-c", "password": PASSWORD})
    client.post(reverse("wagtailadmin_logout"))

    [failed_known, failed_unknown] = entries("portal.login_failed")
    assert failed_known.object_id == str(user.pk) and failed_known.user is None
    assert failed_known.data["ip"] == "127.0.0.1"
    assert failed_unknown.object_id == "0" and failed_unknown.label == "khong-ton-tai"
    [signed_in] = entries("portal.login")
    assert signed_in.user == user and signed_in.object_id == str(user.pk)
    [signed_out] = entries("portal.logout")
    assert signed_out.user == user


def test_accounts_created_and_passwords_changed_are_logged(client, login):
    operator = login(roles.OPERATORS)
    client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "congtacvien",
            "email": "ctv@sotp.example.vn",
            "first_name": "Lê",
            "last_name": "Văn A",
            "password1": "mot-mat-khau-dai-2026",
            "password2": "mot-mat-khau-dai-2026",
            "groups": [str(roles.group(roles.CONTRIBUTORS).pk)],
        },
    )
    created = get_user_model().objects.get(username="congtacvien")
    [entry] = entries("portal.user_create", object_id=str(created.pk))
    assert entry.user == operator
    created.set_password("mat-khau-moi-dai-hon-2026")
    created.save()
    assert entries("portal.password_change", object_id=str(created.pk)).count() == 1


def test_suspending_needs_a_reason_and_ends_the_open_session(client, make_user, login):
    contributor = make_user(roles.CONTRIBUTORS, "bientap-b")
    other = type(client)()
    other.force_login(contributor)
    assert other.get(reverse("wagtailadmin_home")).status_code == 200

    operator = login(roles.OPERATORS)
    response = edit_user(client, contributor, is_active="")
    assert response.status_code == 200
    assert "Hãy ghi lý do" in response.content.decode()
    contributor.refresh_from_db()
    assert contributor.is_active and not entries("portal.user_suspend")

    response = edit_user(client, contributor, is_active="", status_reason="Nghỉ việc từ 01/12/2026")
    assert response.status_code == 302
    contributor.refresh_from_db()
    assert not contributor.is_active
    [entry] = entries("portal.user_suspend")
    assert entry.user == operator and entry.data["reason"] == "Nghỉ việc từ 01/12/2026"
    # The contributor's browser, still holding its session, is turned away at once.
    response = other.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302 and reverse("wagtailadmin_login") in response["Location"]

    edit_user(client, contributor, is_active="on", status_reason="Được tuyển dụng lại")
    [entry] = entries("portal.user_reactivate")
    assert entry.data["reason"] == "Được tuyển dụng lại"


def test_group_and_permission_changes_are_logged_with_before_and_after(
    client, make_user, login, django_capture_on_commit_callbacks
):
    # Entries are written when the change commits (one per change, however many steps).
    contributor = make_user(roles.CONTRIBUTORS, "bientap-c")
    login(roles.OPERATORS)
    board = roles.group(roles.BOARD)
    with django_capture_on_commit_callbacks(execute=True):
        edit_user(client, contributor, groups=[str(board.pk)])
    [entry] = entries("portal.groups_change", object_id=str(contributor.pk))
    # The log keeps the groups' names, as the operator saw them.
    before = roles.group(roles.CONTRIBUTORS).name
    assert entry.data == {"before": [before], "after": [board.name]}

    office = roles.group(roles.OFFICE)
    with django_capture_on_commit_callbacks(execute=True):
        office.permissions.add(Permission.objects.get(codename="add_documenttype"))
    entry = entries("portal.permissions_change", object_id=str(office.pk)).last()
    assert entry.data == {"added": ["legal_docs.add_documenttype"], "removed": []}


def test_site_settings_changes_are_logged_field_by_field(portal, login):
    settings = PortalSettings.for_site(portal.get_site())
    before = settings.phone
    settings.phone = "0233 3999 999"
    settings.save()
    entry = entries("portal.settings_change").last()
    assert entry.data["changes"] == {"phone": {"before": before, "after": "0233 3999 999"}}


def test_entries_cannot_be_changed_or_deleted(make_user):
    user = make_user(roles.BOARD, "banbientap-d")
    entry = entries("portal.user_create", object_id=str(user.pk)).get()
    for attempt in (
        lambda: ModelLogEntry.objects.filter(pk=entry.pk).update(label="sửa"),
        lambda: ModelLogEntry.objects.filter(pk=entry.pk).delete(),
        lambda: PageLogEntry.objects.all().update(action="wagtail.edit"),
        lambda: PageLogEntry.objects.all().delete(),
    ):
        with pytest.raises(DatabaseError, match="chỉ được ghi thêm"):
            with transaction.atomic():
                attempt()
    assert entries("portal.user_create", object_id=str(user.pk)).get().label == entry.label


def test_only_directors_office_and_operators_read_the_system_log(client, login):
    url = reverse("audit_log")
    login(roles.CONTRIBUTORS)
    response = client.get(url)  # Wagtail turns the refusal into a redirect with a message
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    for index, group in enumerate((roles.DIRECTORS, roles.OFFICE, roles.OPERATORS)):
        user = get_user_model().objects.create_user(f"doc-{index}", password=PASSWORD)
        user.groups.add(roles.group(group))
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, group
        assert "Nhật ký hệ thống" in response.content.decode()


def test_directors_filter_and_export_exactly_the_matching_entries(client, make_user, login):
    board = make_user(roles.BOARD, "banbientap-e")
    login_url = reverse("wagtailadmin_login")
    client.post(login_url, {"username": "banbientap-e", "password": "sai-mat-khau-roi"})
    client.post(login_url, {"username": "banbientap-e", "password": "sai-mat-khau-roi"})
    director = login(roles.DIRECTORS)
    today = timezone.localdate()
    params = {
        "action": "portal.login_failed",
        "timestamp_from": (today - timedelta(days=1)).isoformat(),
        "timestamp_to": today.isoformat(),
    }
    page = client.get(reverse("audit_log"), params).content.decode()
    assert page.count("banbientap-e") >= 2

    rows = csv_rows(client.get(reverse("audit_log"), {**params, "export": "csv"}))
    assert len(rows) == 2
    assert {row["Đối tượng"] for row in rows} == {str(board)}
    assert all(
        row["Thời gian"].startswith(timezone.localdate().strftime("%d/%m/%Y")) for row in rows
    )
    assert all("ip: 127.0.0.1" in row["Chi tiết"] for row in rows)  # text, not JSON
    [exported] = entries("portal.export")
    assert exported.user == director and exported.data["format"] == "csv"
    assert exported.data["filters"]["action"] == "portal.login_failed"
    # An export concerns the site as a whole, not an account, and the log lists it so.
    assert exported.content_type.model_class() is Site
    rows = csv_rows(client.get(reverse("audit_log"), {"action": "portal.export", "export": "csv"}))
    assert [row["Đối tượng"] for row in rows] == [reverse("audit_log")]

    rows = csv_rows(client.get(reverse("audit_log"), {"user": str(director.pk), "export": "csv"}))
    assert rows and {row["Người thực hiện"] for row in rows} == {
        director.get_full_name() or director.get_username()
    }


def test_directors_see_every_entry_by_object_and_type(client, make_user, login):
    # Directors edit no page, yet the page history is theirs to read as well.
    make_user(roles.BOARD, "banbientap-f")
    login(roles.DIRECTORS)
    rows = csv_rows(client.get(reverse("audit_log"), {"label": "banbientap-f", "export": "csv"}))
    expected = ModelLogEntry.objects.filter(label__icontains="banbientap-f").count()
    assert len(rows) == expected >= 1  # the account's creation at least
    assert {row["Đối tượng"] for row in rows} == {"banbientap-f"}

    publications = PageLogEntry.objects.filter(action="wagtail.publish").count()
    rows = csv_rows(
        client.get(reverse("audit_log"), {"action": "wagtail.publish", "export": "csv"})
    )
    assert len(rows) == publications > 0


def test_exports_of_wagtail_reports_are_logged_too(client, login):
    operator = login(roles.OPERATORS)
    response = client.get(reverse("wagtailadmin_reports:aging_pages"), {"export": "xlsx"})
    assert response.status_code == 200
    [entry] = entries("portal.export")
    assert entry.user == operator and entry.data["path"] == reverse(
        "wagtailadmin_reports:aging_pages"
    )
