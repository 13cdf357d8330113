"""Every public page type renders its content inside the portal layout."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page

from home.models import StandardPage
from portal.core.models import PortalSettings
from portal.sections import SECTIONS
from search.tasks import update_engine
from tests.builders import (
    article,
    document,
    image,
    legal_document,
    organisation_page,
    paragraph,
    section,
    standard_page,
)
from tests.helpers import html
from tests.search_engine import refresh_engine

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def board_news(portal):
    """An article of the office, posted at 16:30 on 09/12/2024."""
    return article(
        "Kiện toàn Ban Biên tập Trang thông tin điện tử Sở Tư pháp",
        slug="kien-toan-ban-bien-tap-trang-thong-tin-dien-tu",
        author="Văn phòng Sở",
        source="Sở Tư pháp Quảng Trị",
        posted_at=datetime(2024, 12, 9, 16, 30, tzinfo=VN),
    )


def test_home_page_menu_lists_every_section_and_latest_news(client, portal):
    article("Hưởng ứng Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2025")
    page = html(client, "/")
    for spec in SECTIONS:
        assert f'href="/{spec["slug"]}/"' in page
        assert spec["title"] in page
    assert "Hưởng ứng Ngày Pháp luật" in page
    assert 'lang="vi"' in page
    assert 'role="search"' in page


def test_section_page_lists_its_pages(client, portal):
    standard_page("Chức năng, nhiệm vụ, quyền hạn")
    organisation_page()
    page = html(client, "/gioi-thieu/")
    assert "Chức năng, nhiệm vụ, quyền hạn" in page
    assert "Cơ cấu tổ chức" in page
    assert 'aria-label="Đường dẫn"' in page  # breadcrumbs
    assert "Cập nhật lần cuối" in page


def test_article_index_lists_articles_newest_first(client, board_news):
    article(
        "Hưởng ứng Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2025",
        posted_at=datetime(2025, 11, 3, 8, 0, tzinfo=VN),
    )
    page = html(client, "/tin-tuc/")
    newest = page.index("Hưởng ứng Ngày Pháp luật")
    older = page.index("Kiện toàn Ban Biên tập")
    assert newest < older


def test_article_shows_author_source_time_and_citation(client, board_news):
    page = html(client, board_news.url)
    assert "Văn phòng Sở" in page
    assert "Sở Tư pháp Quảng Trị" in page
    assert "16:30 09/12/2024" in page
    assert "Trích dẫn" in page
    assert (
        "Văn phòng Sở, “Kiện toàn Ban Biên tập Trang thông tin điện tử Sở Tư pháp”, "
        "Sở Tư pháp Quảng Trị, Trang thông tin điện tử Sở Tư pháp tỉnh Quảng Trị, "
        "đăng lúc 16:30 ngày 09/12/2024, "
        "https://sotp.quangtri.gov.vn/tin-tuc/kien-toan-ban-bien-tap-trang-thong-tin-dien-tu/"
    ) in page


def test_article_with_images_tables_and_files(client, portal):
    photo = image("Trợ giúp viên pháp lý tư vấn cho người dân")
    table = {
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_caption": "Một số nhóm người được trợ giúp pháp lý",
        "data": [["Nhóm", "Ví dụ"], ["Người thuộc hộ nghèo", "Có giấy tờ chứng minh"]],
    }
    picture = {
        "image": {"image": photo.pk, "alt_text": photo.title, "decorative": False},
        "caption": photo.title,
        "credit": "Sở Tư pháp Quảng Trị",
    }
    regulation = document("Quy chế hoạt động Trang thông tin điện tử", "quy-che.txt")
    page = article(
        "Những người được trợ giúp pháp lý miễn phí",
        parent=section("pho-bien-giao-duc-phap-luat"),
        body=[
            paragraph("<p>Theo Điều 7 Luật Trợ giúp pháp lý:</p>"),
            {"type": "table", "value": table},
            {"type": "image", "value": picture},
            paragraph("<p>Điều 11. Các tổ chức, cá nhân tham gia</p>"),
            {"type": "document", "value": {"document": regulation.pk, "title": ""}},
        ],
    )
    page = html(client, page.url)
    assert '<table class="stack">' in page and "Người thuộc hộ nghèo" in page
    assert "<img" in page and 'alt="Trợ giúp viên pháp lý tư vấn cho người dân"' in page
    assert "Điều 11. Các tổ chức, cá nhân tham gia" in page
    assert "Tải về" in page and "(TXT" in page


def test_standard_page(client, portal):
    standard_page(
        "Chức năng, nhiệm vụ, quyền hạn",
        slug="chuc-nang-nhiem-vu-quyen-han",
        body=[paragraph("<p>Sở Tư pháp có tư cách pháp nhân, có con dấu riêng.</p>")],
    )
    page = html(client, "/gioi-thieu/chuc-nang-nhiem-vu-quyen-han/")
    assert "tư cách pháp nhân" in page
    assert StandardPage.objects.filter(slug="chuc-nang-nhiem-vu-quyen-han").exists()


def test_footer_and_citation_follow_the_site_settings(client, board_news):
    settings = PortalSettings.objects.get()
    settings.agency_name = "Sở Tư pháp tỉnh Thử Nghiệm"
    settings.address = "12 Đường Thử, phường Một"
    settings.phone = "0233 000 111"
    settings.fax = "0233 000 112"
    settings.email = "lienhe@example.gov.vn"
    settings.responsible_person = "Trần Thị Bình"
    settings.domain = "thunghiem.gov.vn"
    settings.save()
    page = html(client, board_news.url)
    footer = page[page.index("<footer") :]
    for value in [
        "SỞ TƯ PHÁP TỈNH THỬ NGHIỆM",
        "12 Đường Thử, phường Một",
        "0233 000 111",
        "0233 000 112",
        "lienhe@example.gov.vn",
        "Trần Thị Bình",
        "thunghiem.gov.vn",
    ]:
        assert value.lower() in footer.lower(), value
    assert "Trang thông tin điện tử Sở Tư pháp tỉnh Thử Nghiệm, đăng lúc" in page


def test_search_finds_articles(client, portal):
    refresh_engine(article("Những người được trợ giúp pháp lý miễn phí"))
    page = html(client, "/tim-kiem/?q=trợ+giúp+pháp+lý")
    assert "Những người được trợ giúp pháp lý miễn phí" in page


def test_unpublished_article_is_not_public(client, board_news):
    url = board_news.url
    assert client.get(url).status_code == 200
    board_news.unpublish()
    assert client.get(url).status_code == 404


def test_404_is_in_vietnamese(client, portal):
    response = client.get("/khong-ton-tai/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_500_is_in_vietnamese_and_needs_no_database():
    page = render_to_string("500.html")
    assert "Hệ thống đang gặp sự cố" in page


@pytest.mark.django_db
def test_health_reports_each_part_and_a_queue_left_behind(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "search_engine": "ok",
        "storage": "ok",
        "search_queue": "ok",
    }
    # An index update due ten minutes ago and not done: no worker is running.
    update_engine.enqueue("home", "homepage", "1")
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=10))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["search_queue"].startswith("behind by 6")


def test_the_database_backend_finds_words_typed_without_marks(portal):
    # PostgreSQL under `make test`, SQLite under `make run` and `make test-fast`.
    from wagtail.search.backends import get_search_backend

    law = legal_document("60/2014/QH13", "Luật", "Quốc hội", title="Luật Hộ tịch")
    get_search_backend("database").add(law)
    results = get_search_backend("database").search(
        "luat ho tich", Page.objects.live(), operator="and"
    )
    assert [page.title for page in results[:1]] == ["Luật Hộ tịch"]


def test_the_site_is_looked_up_once_per_host_until_it_changes(client, portal):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Site

    def site_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return sum('FROM "wagtailcore_site"' in q["sql"] for q in queries.captured_queries)

    site_queries()
    assert site_queries() == 0
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Sở Tư pháp tỉnh Quảng Trị"
    site.save()
    assert site_queries() >= 1  # ours, and Wagtail's own root paths
