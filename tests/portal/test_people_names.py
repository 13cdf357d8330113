"""Vietnamese names in their order: the account forms ask Họ (family and middle names) before
Tên (the given name), and every screen shows "Nguyễn Thị Hoa", never "Hoa Nguyễn Thị"; the
user list shows each person's roles."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import PageLogEntry

from portal.core import roles
from portal.core.people import display_name, full_name
from tests.builders import article
from tests.helpers import html

pytestmark = pytest.mark.django_db


@pytest.fixture
def hoa(db):
    user = get_user_model().objects.create_user(
        "hoa.nguyen", "hoa@sotp.example.vn", first_name="Hoa", last_name="Nguyễn Thị"
    )
    user.groups.add(roles.group(roles.DIRECTORS), roles.group(roles.OFFICE))
    return user


def test_the_full_name_is_family_name_first(hoa):
    assert full_name(hoa) == "Nguyễn Thị Hoa"
    assert hoa.get_full_name() == "Nguyễn Thị Hoa"  # what Wagtail and Django show
    assert display_name(get_user_model()(username="vanthu")) == "vanthu"


@pytest.mark.parametrize("view", ["add", "edit"])
def test_the_forms_ask_ho_before_ten(client, login, hoa, view):
    login(roles.OPERATORS)
    args = (hoa.pk,) if view == "edit" else ()
    page = html(client, reverse(f"wagtailusers_users:{view}", args=args))
    assert page.index('id="id_last_name"') < page.index('id="id_first_name"')
    assert "Họ và tên đệm" in page and "Ví dụ: Nguyễn Thị" in page


def test_an_account_made_in_the_form_shows_in_vietnamese_order(client, login):
    login(roles.OPERATORS)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "tran.binh",
            "email": "binh@sotp.example.vn",
            "last_name": "Trần Văn",
            "first_name": "Bình",
            "password1": "mot-mat-khau-dai-2026",
            "password2": "mot-mat-khau-dai-2026",
            "groups": [str(roles.group(roles.CONTRIBUTORS).pk)],
        },
    )
    assert response.status_code == 302
    listing = html(client, reverse("wagtailusers_users:index"))
    assert "Trần Văn Bình" in listing and "Bình Trần Văn" not in listing


def test_the_user_list_shows_names_and_roles(client, login, hoa):
    login(roles.OPERATORS)
    listing = html(client, reverse("wagtailusers_users:index"))
    assert "Nguyễn Thị Hoa" in listing and "Hoa Nguyễn Thị" not in listing
    assert "Vai trò" in listing
    assert "Lãnh đạo Sở, Văn phòng Sở" in listing


def test_the_system_log_names_people_in_vietnamese_order(client, login, hoa):
    page = article("Bài viết của chị Hoa")
    PageLogEntry.objects.log_action(page, "wagtail.edit", user=hoa)
    login(roles.DIRECTORS)
    log = html(client, reverse("audit_log") + "?label=Bài viết của chị Hoa")
    assert "Nguyễn Thị Hoa" in log and "Hoa Nguyễn Thị" not in log
