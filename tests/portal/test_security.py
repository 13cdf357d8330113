"""Sign-in safety (Art. 7.2, 10.3): lockout after repeated failures, reported at once;
sessions that end; a password reset that tells nothing about who has an account."""

import time

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from wagtail.models import ModelLogEntry

from portal.core import roles
from portal.security import AdminSessionTimeoutMiddleware
from tests.conftest import PASSWORD
from tests.helpers import csp_directives

pytestmark = pytest.mark.django_db


def sign_in(client, username, password):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_account_and_tell_the_operators(client, make_user):
    operator = make_user(roles.OPERATORS, "quantri-a")
    operator.email = "quantri@sotp.example.vn"
    operator.save()
    make_user(roles.BOARD, "banbientap-g")
    for _ in range(3):
        sign_in(client, "banbientap-g", "sai-mat-khau-roi")
    # Locked: even the right password is refused for now, with a Vietnamese explanation.
    response = sign_in(client, "banbientap-g", PASSWORD)
    assert response.status_code == 429
    assert "tạm khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session

    [entry] = ModelLogEntry.objects.filter(action="portal.lockout")
    assert entry.label == "banbientap-g" and entry.data["ip"] == "127.0.0.1"
    [message] = mail.outbox
    assert message.to == ["quantri@sotp.example.vn"] and "banbientap-g" in message.subject


def test_an_idle_or_old_admin_session_is_signed_out(client, login):
    member = login(roles.BOARD)
    home = reverse("wagtailadmin_home")
    assert client.get(home).status_code == 200

    session = client.session
    session[AdminSessionTimeoutMiddleware.SEEN] = time.time() - 31 * 60
    session.save()
    response = client.get(home)
    assert response.status_code == 302 and reverse("wagtailadmin_login") in response["Location"]
    assert "_auth_user_id" not in client.session

    client.force_login(member)  # again; now a session signed in eleven hours ago, still busy
    client.get(home)
    session = client.session
    session[AdminSessionTimeoutMiddleware.STARTED] = time.time() - 11 * 3600
    session.save()
    response = client.get(home)
    assert response.status_code == 302 and "_auth_user_id" not in client.session


def test_password_reset_answers_alike_for_known_and_unknown_addresses(client, make_user):
    user = make_user(roles.CONTRIBUTORS, "bientap-d")
    user.email = "bientap-d@sotp.example.vn"
    user.save()
    url = reverse("wagtailadmin_password_reset")
    known = client.post(url, {"email": "bientap-d@sotp.example.vn"})
    unknown = client.post(url, {"email": "khong-co@sotp.example.vn"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["bientap-d@sotp.example.vn"]
    # Both requests are in the system log; only the log says which matched an account.
    entries = ModelLogEntry.objects.filter(action="portal.password_reset").order_by("timestamp")
    assert [(e.label, e.object_id) for e in entries] == [
        ("bientap-d", str(user.pk)),
        ("khong-co@sotp.example.vn", "0"),
    ]


def test_passwords_need_twelve_characters(client, login):
    login(roles.OPERATORS)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "ngan",
            "email": "ngan@sotp.example.vn",
            "first_name": "Mật",
            "last_name": "Khẩu Ngắn",
            "password1": "Qt-2026-abc",  # 11 characters
            "password2": "Qt-2026-abc",
        },
    )
    assert response.status_code == 200
    assert "ít nhất 12 ký tự" in response.content.decode()


def test_public_pages_and_the_admin_carry_their_security_headers(client, portal, login):
    public = client.get("/")
    policy = public["Content-Security-Policy"]
    assert csp_directives(policy)["script-src"] == ["'self'"] and "unsafe-inline" not in policy
    assert "frame-ancestors 'self'" in policy and "object-src 'none'" in policy
    assert public["X-Content-Type-Options"] == "nosniff"
    assert public["Referrer-Policy"] == "same-origin"
    login(roles.BOARD)
    admin = client.get(reverse("wagtailadmin_home"))
    admin_scripts = csp_directives(admin["Content-Security-Policy"])["script-src"]
    assert admin_scripts == ["'self'", "'unsafe-inline'"]
