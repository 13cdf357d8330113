"""Page addresses in plain letters (issue #23): from a Vietnamese title, whoever makes the
page, and the old addresses of pages saved with Vietnamese letters keep working."""

from urllib.parse import quote

from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, get_page_models

from home.models import ArticlePage, PortalPage, StandardPage
from home.slugs import convert_unicode_slugs
from portal.core import roles
from portal.core.text import ascii_slug
from tests import builders
from tests.admin_forms import article_form
from tests.builders import add_live_child

TITLE = "Hội thảo đánh giá công tác Đăng ký hộ tịch năm 2025"
PLAIN = "hoi-thao-danh-gia-cong-tac-dang-ky-ho-tich-nam-2025"


def test_ascii_slug_folds_vietnamese():
    assert ascii_slug(TITLE) == PLAIN
    assert ascii_slug("hội-thảo-đánh-giá") == "hoi-thao-danh-gia"


def test_a_page_made_in_code_gets_a_plain_slug_from_its_title(portal):
    page = builders.article(TITLE, slug="")
    assert page.slug == PLAIN
    assert page.url == f"/tin-tuc/{PLAIN}/"


def test_a_slug_given_with_vietnamese_letters_is_folded(portal):
    page = builders.article(TITLE, slug="hội-thảo-đánh-giá")
    assert page.slug == "hoi-thao-danh-gia"


def test_the_admin_create_view_stores_a_plain_slug(client, portal, login):
    # Wagtail's JavaScript fills the slug from the title with Vietnamese letters.
    login(roles.CONTRIBUTORS)
    news = builders.news_index()
    data = article_form(title=TITLE, slug="hội-thảo-đánh-giá-công-tác-đăng-ký-hộ-tịch-năm-2025")
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("home", "articlepage", news.pk)), data
    )
    assert response.status_code == 302
    page = ArticlePage.objects.get(title=TITLE)
    assert page.slug == PLAIN
    assert page.latest_revision.content["slug"] == PLAIN


def test_every_page_type_is_a_portal_page():
    # PortalPage folds the slug: a page type outside it would make addresses with accents.
    models = [model for model in get_page_models() if model is not Page]
    assert models and all(issubclass(model, PortalPage) for model in models)


def unicode_page(parent, slug="hội-thảo-pháp-luật"):
    """A page as Wagtail made them before: its slug with Vietnamese letters."""
    page = builders.article("Hội thảo pháp luật", parent=parent, slug="tam")
    Page.objects.filter(pk=page.pk).update(slug=slug, url_path=f"{parent.url_path}{slug}/")
    return Page.objects.get(pk=page.pk).specific


def test_the_plain_letters_address_of_an_unconverted_page_answers(client, portal):
    page = unicode_page(builders.news_index())
    assert client.get(page.url).status_code == 200
    assert client.get("/tin-tuc/hoi-thao-phap-luat/").status_code == 200
    assert client.get("/tin-tuc/hoi-thao-khac/").status_code == 404


def test_setup_converts_unicode_slugs_and_the_old_address_redirects(client, portal):
    news = builders.news_index()
    page = unicode_page(news)
    other = builders.article("Hội thảo", slug="hoi-thao-phap-luat")  # the plain slug is taken
    old_url = "/tin-tuc/" + quote("hội-thảo-pháp-luật") + "/"
    assert convert_unicode_slugs() == 1
    page.refresh_from_db()
    other.refresh_from_db()
    assert page.slug == "hoi-thao-phap-luat-2" and other.slug == "hoi-thao-phap-luat"
    assert page.url_path.endswith("/tin-tuc/hoi-thao-phap-luat-2/")
    assert page.latest_revision.content["slug"] == page.slug
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith("/tin-tuc/hoi-thao-phap-luat-2/")
    assert client.get("/tin-tuc/hoi-thao-phap-luat-2/").status_code == 200
    assert Redirect.objects.filter(redirect_page=page, is_permanent=True).exists()
    assert convert_unicode_slugs() == 0  # setup_portal runs it every time: nothing left


def test_a_converted_section_keeps_the_addresses_below_it(client, portal):
    section = StandardPage(title="Hướng dẫn", slug="tam-muc")
    add_live_child(portal, section)
    Page.objects.filter(pk=section.pk).update(slug="hướng-dẫn", url_path="/trang-chu/hướng-dẫn/")
    convert_unicode_slugs()
    section.refresh_from_db()
    assert section.slug == "huong-dan" and section.url == "/huong-dan/"
    response = client.get("/" + quote("hướng-dẫn") + "/")
    assert response.status_code == 301 and response["Location"].endswith("/huong-dan/")


def test_a_new_page_whose_folded_slug_is_taken_gets_a_suffix(portal):
    # As a copy made in the admin with a slug typed in Vietnamese: no error page.
    builders.article("Hội thảo", slug="hoi-thao")
    page = builders.article("Hội thảo", slug="hội-thảo")
    assert page.slug == "hoi-thao-2"
