"""Planned suspension (Art. 7.2): announced ahead, 503 with the notice while it lasts, the
admin and the monitor still up, and everything back afterwards."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.core import roles
from portal.core.models import MaintenanceWindow

pytestmark = pytest.mark.django_db
MESSAGE = "Nâng cấp máy chủ; hồ sơ trực tuyến nộp tại dichvucong.gov.vn."


def window(starts_in, lasts=timedelta(hours=2), **fields):
    start = timezone.now() + starts_in
    return MaintenanceWindow.objects.create(
        starts_at=start, ends_at=start + lasts, message=MESSAGE, **fields
    )


def test_announced_from_seven_days_ahead(client, portal):
    later = window(timedelta(days=10))
    assert MESSAGE not in client.get("/").content.decode()
    later.starts_at = timezone.now() + timedelta(days=3)
    later.ends_at = later.starts_at + timedelta(hours=2)
    later.save()
    page = client.get("/").content.decode()
    assert "maintenance-banner" in page and MESSAGE in page
    assert timezone.localtime(later.starts_at).strftime("%d/%m/%Y %H:%M") in page


def test_public_pages_answer_503_while_the_admin_stays_up(client, portal, login):
    window(timedelta(minutes=-5))
    for path in ("/", "/van-ban/", "/tim-kiem/?q=ho+tich"):
        response = client.get(path)
        assert response.status_code == 503, path
        assert MESSAGE in response.content.decode()
        assert int(response["Retry-After"]) > 6000
    assert client.get("/healthz").status_code == 200
    login(roles.OPERATORS)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_the_site_is_back_when_the_window_ends(client, portal):
    window(timedelta(hours=-3))  # ended an hour ago
    response = client.get("/")
    assert response.status_code == 200 and MESSAGE not in response.content.decode()


def test_operators_schedule_it_in_the_admin_with_an_end_after_the_start(client, portal, login):
    login(roles.OPERATORS)
    url = reverse("wagtailsnippets_portal_maintenancewindow:add")
    data = {
        "starts_at": "2026-12-05 22:00",
        "ends_at": "2026-12-05 21:00",
        "message": MESSAGE,
        "announce_days": "7",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and not MaintenanceWindow.objects.exists()
    assert "Thời điểm kết thúc phải sau thời điểm bắt đầu" in response.content.decode()
    response = client.post(url, {**data, "ends_at": "2026-12-06 02:00"})
    assert response.status_code == 302 and MaintenanceWindow.objects.count() == 1


def test_only_operators_manage_maintenance(client, portal, login):
    login(roles.BOARD)
    url = reverse("wagtailsnippets_portal_maintenancewindow:add")
    assert client.get(url).status_code in (302, 403)
