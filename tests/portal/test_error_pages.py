"""The error pages a citizen meets are the site's own, in Vietnamese: the 404 also under
`make run` (DEBUG on), where Django would show its English list of URL patterns; the 500
without touching the database."""

import pytest
from django.test import override_settings
from django.urls import path

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("debug", [True, False])
# A path the page tree could hold, and one no URL pattern takes.
@pytest.mark.parametrize("path", ["/khong-co-trang-nay/", "/khong-co-trang-nay.html"])
def test_a_missing_page_is_the_sites_own_404(client, portal, debug, path):
    with override_settings(DEBUG=debug):
        response = client.get(path)
    page = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in page and "Quay về trang chủ" in page
    assert "URLconf" not in page and "Page not found" not in page
    assert 'class="site-header"' in page  # the layout with the menu and the search box


def test_the_admin_keeps_its_own_404_under_debug(admin_client):
    with override_settings(DEBUG=True):
        response = admin_client.get("/admin/pages/999999999/edit/")
    assert response.status_code == 404
    assert 'class="site-header"' not in response.content.decode()


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [path("hong/", broken)]


@override_settings(ROOT_URLCONF=__name__)
def test_a_server_error_is_the_sites_own_500(client):
    client.raise_request_exception = False
    response = client.get("/hong/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in page and 'href="/"' in page
    assert "Server Error" not in page
