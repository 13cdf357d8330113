"""Two agencies' sites on one install: the reports speak for the site they are asked on, and a
royalty line credits the agency of the page's own site, never the install's default site."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Page, Site

from home.models import ArticleIndexPage, HomePage, SectionPage, StandardPage
from portal.core import profile, roles
from portal.core.models import DailyVisits, PortalSettings
from tests.admin_forms import decide, submit_new
from tests.builders import add_live_child, genre
from workflow.models import RoyaltyEntry

HOST = "khac.example.vn"
AGENCY = "Sở Nội vụ tỉnh Khác"
PERIOD = "?tu_ngay=01/03/2025&den_ngay=31/03/2025"


@pytest.fixture
def other_site(portal, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    home = add_live_child(
        Page.get_first_root_node(), HomePage(title="Trang chủ khác", slug="trang-chu-khac")
    )
    site = Site.objects.create(hostname=HOST, port=80, root_page=home)
    PortalSettings.objects.create(site=site, agency_name=AGENCY)
    return site


def default_agency():
    return PortalSettings.for_site(Site.objects.get(is_default_site=True)).agency_name


@pytest.mark.parametrize("url_name", ["portal_report_print", "portal_report"])
def test_the_report_is_the_agency_of_the_request_site(client, login, other_site, url_name):
    section = add_live_child(
        other_site.root_page, SectionPage(title="Chuyên mục riêng", slug="chuyen-muc-rieng")
    )
    inside = add_live_child(section, StandardPage(title="Bài riêng", slug="bai-rieng"))
    DailyVisits.objects.create(page=inside, date=date(2025, 3, 5), count=7)
    login(roles.DIRECTORS)
    page = client.get(reverse(url_name) + PERIOD, HTTP_HOST=HOST).content.decode()
    # The visits per section name the section of the site the report is asked on (the page
    # itself is among the most visited under its own title).
    assert "Bài riêng" in page and "Chuyên mục riêng" in page
    if url_name == "portal_report_print":
        assert AGENCY in page and default_agency() not in page


def test_the_report_on_the_default_site_is_its_own(client, login, other_site):
    login(roles.DIRECTORS)
    page = client.get(reverse("portal_report_print") + PERIOD).content.decode()
    assert default_agency() in page and AGENCY not in page


def test_a_royalty_line_credits_the_agency_of_the_page_site(client, team, other_site):
    news = add_live_child(other_site.root_page, ArticleIndexPage(title="Tin tức", slug="tin-tuc"))
    # The other site's pages, given to the same groups as the default site's.
    grants = [
        (roles.CONTRIBUTORS, news, ["add_page", "change_page"]),
        (roles.BOARD, other_site.root_page, ["add_page", "change_page", "publish_page"]),
    ]
    for code, page, codenames in grants:
        for codename in codenames:
            GroupPagePermission.objects.create(
                group=roles.group(code),
                page=page,
                permission=roles.permission("wagtailcore", codename),
            )
    page = submit_new(client, team["contributor"], news, slug="tin-khac", title="Tin khác")
    response = decide(client, team["board_a"], page, "approve", genre_1=str(genre().pk))
    assert response.json()["step"] == "success"
    assert RoyaltyEntry.objects.get(page=page).unit == AGENCY


def test_the_printable_report_is_dated_at_the_profile_place(client, login):
    login(roles.DIRECTORS)
    page = client.get(reverse("portal_report_print") + PERIOD).content.decode()
    today = timezone.localdate()
    assert f"{profile.current().place}, ngày {today:%d} tháng {today:%m} năm {today:%Y}" in page
