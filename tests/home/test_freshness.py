"""Art. 5.1g and 5.3: the disclosure catalogue is generated from every disclosure section
and follows its changes; sections not updated within their review interval are listed."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

from home.freshness import overdue_sections
from home.models import ArticleIndexPage, ArticlePage, disclosure_page_models
from portal.core import roles
from tests.builders import article, publish
from tests.helpers import html

pytestmark = pytest.mark.django_db


def sections():
    return Page.objects.live().type(*disclosure_page_models()).specific()


def test_the_catalogue_lists_every_section_with_its_metadata(client, portal):
    page = html(client, "/danh-muc-thong-tin-cong-khai/")
    for section in sections():
        assert f'<a href="{section.url}">{section.title}</a>' in page
        for value in (section.disclosure_legal_basis, section.disclosure_timing):
            assert value in page


def test_the_catalogue_follows_a_change_to_any_kind_of_section(client, portal):
    news = sections().get(slug="tin-tuc")
    news.disclosure_timing = "Trong vòng 24 giờ kể từ khi sự kiện diễn ra"
    publish(news)
    assert "Trong vòng 24 giờ kể từ khi sự kiện diễn ra" in html(
        client, "/danh-muc-thong-tin-cong-khai/"
    )


def test_exactly_the_sections_past_their_interval_are_overdue(portal, news):
    article("Hội nghị tập huấn nghiệp vụ hộ tịch")
    article("Phổ biến Luật Hộ tịch tại xã")
    later = timezone.now() + timedelta(days=40)
    expected = {s.slug for s in sections() if s.review_interval_days < 40}
    assert expected and expected != {s.slug for s in sections()}
    overdue = overdue_sections(later)
    assert {row.section.slug for row in overdue} == expected
    news_row = next(row for row in overdue if row.section.slug == "tin-tuc")
    articles = ArticlePage.objects.live().child_of(news)
    assert news_row.stale_count == Page.objects.live().descendant_of(news).count()
    assert news_row.stale_pages[0].last_published_at <= news_row.stale_pages[-1].last_published_at

    # An article published on day 35 makes the news section current again on day 40.
    first = articles.first()
    Page.objects.filter(pk=first.pk).update(last_published_at=later - timedelta(days=5))
    assert "tin-tuc" not in {row.section.slug for row in overdue_sections(later)}


def test_the_review_panel_is_on_the_dashboard_of_those_who_answer_for_it(client, login, news):
    ArticleIndexPage.objects.filter(slug="tin-tuc").update(review_interval_days=1)
    Page.objects.filter(path__startswith=news.path).update(
        last_published_at=timezone.now() - timedelta(days=3)
    )
    login(roles.DIRECTORS)
    page = html(client, "/admin/")
    assert "Chuyên mục cần rà soát" in page and "Tin tức" in page
    login(roles.CONTRIBUTORS)
    assert "Chuyên mục cần rà soát" not in html(client, "/admin/")
