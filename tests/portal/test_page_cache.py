"""Whole pages from the cache for citizens (portal/page_cache.py): the next anonymous request
after a change shows it, and nothing a signed-in person sees is ever kept."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from home.images import RENDITIONS
from home.models import ArticleIndexPage, ArticlePage
from portal import page_cache
from portal.core import roles
from portal.core.models import DailyVisits, MaintenanceWindow
from tests.builders import add_live_child, organisation_page, publish
from tests.builders import unit as build_unit
from tests.helpers import html

NEWS = "/tin-tuc/"


@pytest.fixture
def article(portal):
    news = ArticleIndexPage.objects.get(slug="tin-tuc")
    page = ArticlePage(
        title="Hội nghị tập huấn hộ tịch",
        slug="tap-huan-ho-tich",
        lead="Tập huấn.",
        author="Nguyễn Văn An",
        source="Văn phòng Sở",
    )
    add_live_child(news, page)
    publish(page)
    return page


def cached(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get("X-Cache"), response.content.decode()


def test_a_second_anonymous_request_is_served_from_the_cache(client, article):
    assert cached(client, article.url)[0] == "miss"
    state, content = cached(client, article.url)
    assert state == "hit"
    assert "Hội nghị tập huấn hộ tịch" in content


def test_a_hit_carries_every_header_of_the_miss(client, article):
    # The security headers are added by middleware on both sides of the page cache: those
    # inside it (CSP, X-Frame-Options) are kept with the page, those outside it
    # (SecurityMiddleware) are added to every answer; a hit must lose none and change none.
    miss = client.get(article.url)
    hit = client.get(article.url)
    page_cache.held.clear()  # as another process finds it: in the shared cache only
    shared_hit = client.get(article.url)
    assert [r["X-Cache"] for r in (miss, hit, shared_hit)] == ["miss", "hit", "hit"]
    headers = {name: value for name, value in miss.items() if name != "X-Cache"}
    for answer in (hit, shared_hit):
        assert {name: value for name, value in answer.items() if name != "X-Cache"} == headers
        assert answer.content == miss.content
    for name in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
        assert name in headers


def test_a_visitor_with_a_session_or_messages_cookie_is_never_served_a_kept_page(client, article):
    html(client, article.url)
    assert cached(client, article.url)[0] == "hit"
    for name in (settings.SESSION_COOKIE_NAME, "messages"):
        visitor = Client()
        visitor.cookies[name] = "x"
        assert visitor.get(article.url).get("X-Cache") is None


def test_a_kept_page_is_refused_to_a_host_not_allowed(client, article):
    html(client, article.url)
    assert cached(client, article.url)[0] == "hit"
    assert Client(HTTP_HOST="ke-gia-mao.example").get(article.url).status_code == 400


def test_the_pages_this_process_holds_are_bounded_and_of_one_generation(
    client, portal, article, monkeypatch
):
    # Each process keeps the pages it serves in its own memory: one page's worth here.
    urls = ("/", NEWS, article.url)
    for url in urls:
        html(client, url)
    before = set(page_cache.held)
    biggest = max(len(page.body) for page in page_cache.held.values())
    monkeypatch.setattr(page_cache, "HELD_BYTES", biggest)
    publish(article)  # a new generation: the next page kept drops every older one
    for url in urls:
        assert cached(client, url)[0] == "miss"
    assert not before & set(page_cache.held)
    assert 0 < sum(len(page.body) for page in page_cache.held.values()) <= biggest
    assert cached(client, article.url)[0] == "hit"  # the last one kept


def test_publishing_an_edit_shows_on_the_page_and_in_its_listing(client, article):
    html(client, article.url), html(client, NEWS)
    assert cached(client, NEWS)[0] == "hit"
    draft = article.get_latest_revision_as_object()
    draft.title = "Hội nghị tập huấn hộ tịch năm 2026"
    publish(draft)
    for url in (article.url, NEWS):
        state, content = cached(client, url)
        assert state == "miss"
        assert "Hội nghị tập huấn hộ tịch năm 2026" in content


def test_a_new_page_appears_and_an_unpublished_one_goes(client, portal, article):
    assert "Hội nghị tập huấn hộ tịch" in html(client, NEWS)
    html(client, NEWS)
    article.unpublish()
    assert "Hội nghị tập huấn hộ tịch" not in html(client, NEWS)
    assert client.get(article.url).status_code == 404
    publish(article)
    assert "Hội nghị tập huấn hộ tịch" in html(client, NEWS)


def test_moving_and_deleting_change_the_next_response(client, portal, article):
    html(client, NEWS)
    article.move(portal, pos="last-child")
    assert "Hội nghị tập huấn hộ tịch" not in html(client, NEWS)
    html(client, "/")
    ArticlePage.objects.get(pk=article.pk).delete()
    assert client.get("/tap-huan-ho-tich/").status_code == 404


def test_a_draft_never_reaches_the_cached_page(client, article):
    html(client, article.url)
    draft = article.get_latest_revision_as_object()
    draft.title = "Bản nháp chưa duyệt"
    draft.save_revision()
    for _ in range(2):
        assert "Bản nháp chưa duyệt" not in html(client, article.url)
        assert "Bản nháp chưa duyệt" not in html(client, NEWS)


def test_previews_and_signed_in_views_are_never_kept(client, make_user, article):
    editor = Client()
    editor.force_login(make_user(roles.BOARD))
    draft = article.get_latest_revision_as_object()
    draft.title = "Bản nháp chưa duyệt"
    draft.save_revision()
    view_draft = f"/admin/pages/{article.pk}/view_draft/"
    for url in (view_draft, view_draft, article.url, article.url):
        response = editor.get(url)
        assert response.status_code == 200
        assert "X-Cache" not in response
    assert "Bản nháp chưa duyệt" in editor.get(view_draft).content.decode()
    state, content = cached(client, article.url)
    assert state == "miss"  # what the editor saw was not kept for citizens
    assert "Bản nháp chưa duyệt" not in content
    assert "w-userbar" not in content


def test_pages_with_a_form_token_and_search_are_rendered_each_time(client, portal):
    for url in ("/phan-anh-kien-nghi/", "/tim-kiem/?q=ho+tich"):
        html(client, url)
        assert client.get(url).get("X-Cache") is None


def test_a_snippet_shown_on_a_page_changes_it(client, portal):
    organisation_page()
    unit = build_unit("Phòng Phổ biến pháp luật")
    html(client, "/gioi-thieu/co-cau-to-chuc/")
    unit.name = "Phòng Phổ biến pháp luật và Trợ giúp"
    unit.save()
    assert "Phòng Phổ biến pháp luật và Trợ giúp" in html(client, "/gioi-thieu/co-cau-to-chuc/")


def test_a_hit_still_counts_the_visit(client, article):
    for _ in range(3):
        html(client, article.url)
    assert DailyVisits.objects.get(page=article).count == 3


def test_maintenance_answers_even_when_the_page_is_cached(client, article):
    html(client, article.url), html(client, article.url)
    now = timezone.now()
    MaintenanceWindow.objects.create(
        starts_at=now - timedelta(minutes=1), ends_at=now + timedelta(hours=1), message="Bảo trì"
    )
    assert client.get(article.url).status_code == 503


def test_every_size_the_templates_show_is_made_when_an_image_is_saved(
    portal, django_capture_on_commit_callbacks
):
    base = Path(settings.BASE_DIR)
    templates = [*base.glob("templates/**/*.html"), *base.glob("*/templates/**/*.html")]
    used = {
        spec
        for path in templates
        for spec in re.findall(r"{% image \S+ ([\w-]+)", path.read_text())
    }
    assert used == set(RENDITIONS)
    with django_capture_on_commit_callbacks(execute=True):
        image = Image.objects.create(title="Hội nghị", file=get_test_image_file("hoi-nghi.png"))
    made = set(image.renditions.values_list("filter_spec", flat=True))
    assert made == set(RENDITIONS)
