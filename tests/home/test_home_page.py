"""The home page around citizens' tasks (issue #23): a registry search, the newest documents
with their validity, the most used procedures with the public-service portal, the hotline
and contacts, the board's featured items (live only once published), in a fixed number of
queries."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from home.models import HomeFeaturedItem, StandardPage
from legal_docs.models import LegalField, ProcedureIndexPage, ProcedurePage
from portal.core.models import DailyVisits, PortalSettings
from tests import builders
from tests.builders import add_live_child, publish
from tests.helpers import html

pytestmark = pytest.mark.django_db


def procedure(n, title=None):
    page = ProcedurePage(
        title=title or f"Thủ tục số {n}",
        slug=f"thu-tuc-{n}",
        code=f"9.{n:06d}",
        field=builders.legal_field(),
        implementing_agency="Sở Tư pháp",
        processing_time="05 ngày làm việc",
        dossier="<p>Tờ khai</p>",
        steps="<p>Nộp hồ sơ</p>",
        result="Giấy chứng nhận",
    )
    return add_live_child(ProcedureIndexPage.objects.get(), page)


def site_settings(**fields):
    portal = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in fields.items():
        setattr(portal, name, value)
    portal.save()
    return portal


def test_the_first_screen_serves_a_citizens_tasks(client, portal):
    site_settings(hotline="1900 1234", phone="0233 3852 520", email="sotp@quangtri.gov.vn")
    builders.legal_document("12/2024/QĐ-UBND", summary="Về việc công bố thủ tục hộ tịch")
    builders.legal_document(
        "08/2025/QĐ-UBND",
        issued=date(2025, 1, 2),
        effective=date(2099, 1, 1),
        summary="Về việc quy định phí chứng thực",
    )
    procedure(1, "Đăng ký khai sinh")
    page = html(client, "/")

    # The registry search: number or words, type and field, sent to /van-ban/.
    assert 'action="/van-ban/"' in page and 'name="q"' in page
    assert 'name="loai"' in page and 'name="linh_vuc"' in page
    assert f'<option value="{builders.legal_field().pk}">Hộ tịch</option>' in page
    # The newest documents first, each with its validity.
    assert page.index("08/2025/QĐ-UBND") < page.index("12/2024/QĐ-UBND")
    assert "badge-not_yet_in_force" in page and "badge-in_force" in page
    # The procedures and where to file them online; the hotline and contacts.
    assert "Đăng ký khai sinh" in page
    assert 'href="https://dichvucong.gov.vn"' in page
    assert 'href="tel:19001234"' in page and "0233 3852 520" in page
    assert "mailto:sotp@quangtri.gov.vn" in page


def test_the_provinces_public_service_portal_replaces_the_national_one(client, portal):
    site_settings(public_services_url="https://dichvucong.quangtri.gov.vn/")
    page = html(client, "/")
    assert 'href="https://dichvucong.quangtri.gov.vn/"' in page
    assert "https://dichvucong.gov.vn" not in page


def test_the_registry_takes_the_home_pages_search(client, portal):
    wanted = builders.legal_document("15/2024/QĐ-UBND", fields=["Chứng thực"])
    builders.legal_document("16/2024/QĐ-UBND", fields=["Hộ tịch"])
    field = LegalField.objects.get(name="Chứng thực")
    page = html(client, f"/van-ban/?q=&loai=&linh_vuc={field.pk}")
    assert wanted.url in page and "16/2024/QĐ-UBND" not in page


def test_the_most_visited_procedures_come_first(client, portal):
    quiet, busy = procedure(1, "Ấn định thủ tục ít người dùng"), procedure(2, "Zô thủ tục")
    today = timezone.localdate()
    DailyVisits.objects.create(page=busy, date=today, count=40)
    DailyVisits.objects.create(page=quiet, date=today - timedelta(days=400), count=900)  # old
    page = html(client, "/")
    assert page.index("Zô thủ tục") < page.index("Ấn định thủ tục ít người dùng")


def test_featured_items_go_live_only_when_the_board_publishes_them(client, portal, make_user):
    target = builders.article("Lịch tiếp công dân tháng 12")
    home = portal
    home.featured_items.add(
        HomeFeaturedItem(link=target, label="Lịch tiếp công dân", description="Tháng 12")
    )
    revision = home.save_revision()  # a draft, as a contributor's edit is until approved
    assert "Lịch tiếp công dân</a>" not in html(client, "/")
    publish(revision.as_object())
    page = html(client, "/")
    assert f'href="{target.url}">Lịch tiếp công dân</a>' in page and "Tháng 12" in page


def test_the_admin_edits_the_featured_items(client, portal, login):
    from portal.core import roles

    login(roles.BOARD)
    response = client.get(f"/admin/pages/{portal.pk}/edit/")
    assert response.status_code == 200
    assert "featured_items-TOTAL_FORMS" in response.content.decode()


def queries(client, url):
    client.get(url)  # the layout cache warm, as on a running site
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_home_page_costs_the_same_queries_however_much_it_lists(client, portal, settings):
    settings.PAGE_CACHE_SECONDS = 0
    counts = []
    for start, stop in ((1, 2), (2, 15)):
        for n in range(start, stop):
            builders.legal_document(f"{n}/2024/QĐ-STP", fields=["Hộ tịch"])
            busy = procedure(n)
            DailyVisits.objects.create(page=busy, date=timezone.localdate(), count=n)
            article = builders.article(f"Tin số {n}", slug=f"tin-so-{n}")
            portal.featured_items.add(HomeFeaturedItem(link=article))
        publish(portal)
        counts.append(queries(client, "/"))
    # The drafts open for comment add one query (consultations/home.py); the newest
    # documents and the most used procedures come from the cache once a generation's first
    # visitor has read them (legal_docs/home.py).
    assert counts[0] == counts[1] == 5, counts


def test_the_footer_and_the_registry_link_to_the_regulation(client, portal):
    about = portal.get_children().get(slug="gioi-thieu")
    regulation = add_live_child(
        about, StandardPage(title="Quy chế hoạt động Trang", slug="quy-che-hoat-dong")
    )
    publish(regulation)
    site_settings(regulation_page=regulation)
    link = '<a href="/gioi-thieu/quy-che-hoat-dong/">Quy chế hoạt động Trang</a>'
    assert link in html(client, "/")
    assert link in html(client, "/van-ban/")
