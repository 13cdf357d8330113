"""A second factor for operators, the board and directors (setting TWO_FACTOR_GROUPS):
set up on first sign-in, asked on every new session, wrong codes refused and logged."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from portal.core import roles

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("portal"),
]
REQUIRED = override_settings(TWO_FACTOR_GROUPS=[roles.OPERATORS, roles.BOARD, roles.DIRECTORS])


def code(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@REQUIRED
def test_the_board_sets_up_a_second_factor_then_gives_it_each_session(client, make_user):
    member = make_user(roles.BOARD, "banbientap-h")
    home = reverse("wagtailadmin_home")
    client.force_login(member)
    response = client.get(home)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("second_factor_setup"))

    page = client.get(response["Location"])
    assert "<svg" in page.content.decode()  # the QR code to scan
    device = TOTPDevice.objects.get(user=member, confirmed=False)
    response = client.post(f"{reverse('second_factor_setup')}?next={home}", {"token": code(device)})
    assert response.status_code == 302 and response["Location"] == home
    assert client.get(home).status_code == 200
    device.refresh_from_db()
    assert device.confirmed

    # A new session: the password is not enough, the code is asked again.
    client.logout()
    client.force_login(member)
    response = client.get(home)
    assert response["Location"].startswith(reverse("second_factor"))
    response = client.post(reverse("second_factor"), {"token": "000000"})
    assert response.status_code == 200
    assert "Mã không đúng hoặc đã hết hạn" in response.content.decode()
    assert client.get(home).status_code == 302
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(member.pk), action__startswith="portal.second")
        .order_by("timestamp")
        .values_list("action", flat=True)
    )
    assert actions == ["portal.second_factor_setup", "portal.second_factor_failed"]


@REQUIRED
def test_contributors_need_no_second_factor(client, login):
    login(roles.CONTRIBUTORS)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@REQUIRED
def test_an_operator_resets_a_lost_phone(client, make_user):
    director = make_user(roles.DIRECTORS, "lanhdao-a")
    TOTPDevice.objects.create(user=director, name="cũ", confirmed=True)
    call_command("reset_second_factor", "lanhdao-a", reason="Mất điện thoại")
    assert not TOTPDevice.objects.filter(user=director).exists()
    entry = ModelLogEntry.objects.get(action="portal.second_factor_reset")
    assert entry.data["reason"] == "Mất điện thoại"
    client.force_login(director)
    response = client.get(reverse("wagtailadmin_home"))
    assert response["Location"].startswith(reverse("second_factor_setup"))
