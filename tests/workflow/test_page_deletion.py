"""Delete rights follow the editorial model (issue #19, item 4): a contributor deletes only
their own drafts that are not in review; a page in review, once approved, or scheduled needs
the board, whether deleted alone or in bulk."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from home.models import ArticlePage
from portal.core import roles
from tests.admin_forms import add_url, article_form, decide, submit_new

pytestmark = pytest.mark.django_db


def draft_by(client, user, parent, slug):
    client.force_login(user)
    assert client.post(add_url(parent), article_form(slug=slug)).status_code == 302
    return ArticlePage.objects.get(slug=slug)


def exists(page):
    return ArticlePage.objects.filter(pk=page.pk).exists()


def delete(client, user, page):
    client.force_login(user)
    return client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,)))


def bulk_delete(client, user, *pages):
    client.force_login(user)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
    return client.post(url + "?" + "&".join(f"id={p.pk}" for p in pages))


@pytest.fixture
def pages(client, team, news, make_user):
    """What a contributor finds in the news section besides their own draft."""
    other = make_user(roles.CONTRIBUTORS, "bientap-khac")
    go_live = timezone.localtime(timezone.now() + timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    scheduled = submit_new(client, team["contributor"], news, slug="hen-gio", go_live_at=go_live)
    decide(client, team["board_a"], scheduled, "approve")
    return {
        "another contributor's draft": draft_by(client, other, news, "nhap-cua-nguoi-khac"),
        "a board member's page in review": submit_new(client, team["board_a"], news, slug="bbt"),
        "their own page in review": submit_new(
            client, team["contributor"], news, slug="dang-duyet"
        ),
        "their own page, approved and scheduled": ArticlePage.objects.get(pk=scheduled.pk),
    }


def test_a_contributor_deletes_their_own_draft(client, team, news):
    draft = draft_by(client, team["contributor"], news, "nhap-cua-minh")
    assert delete(client, team["contributor"], draft).status_code == 302
    assert not exists(draft)


def test_a_contributor_deletes_nothing_else(client, team, pages):
    for what, page in pages.items():
        response = delete(client, team["contributor"], page)
        assert exists(page), what
        if response.status_code == 302:  # refused by the editorial model, with its reason
            said = client.get(response.url).content.decode()
            assert "bạn chỉ được xoá bản nháp" in said or "chỉ Ban Biên tập được xoá" in said


def test_nor_in_bulk(client, team, news, pages):
    own = draft_by(client, team["contributor"], news, "nhap-kem-theo")
    bulk_delete(client, team["contributor"], own, *pages.values())
    for what, page in pages.items():
        assert exists(page), what


def test_the_board_deletes_what_is_in_review_or_scheduled(client, team, pages):
    for page in (
        pages["their own page in review"],
        pages["their own page, approved and scheduled"],
    ):
        delete(client, team["board_b"], page)
        assert not exists(page)
