"""Bad input in the page editor gets a Vietnamese message that names the field to fix."""

import pytest
from django.urls import reverse

from home.models import ArticleIndexPage, ArticlePage
from portal.core import roles
from tests.admin_forms import article_form


@pytest.mark.parametrize(
    "field,message",
    [
        ("author", "Hãy nhập tác giả của bài viết"),
        ("source", "Hãy nhập đơn vị cung cấp hoặc nguồn tin của bài viết"),
    ],
)
def test_article_without_author_or_source_is_refused(client, portal, login, field, message):
    login(roles.BOARD)
    news = ArticleIndexPage.objects.get(slug="tin-tuc")
    data = article_form(**{field: ""})
    data["action-submit"] = "1"  # publishing directly is refused earlier (test_moderation)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("home", "articlepage", news.pk)), data
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ArticlePage.objects.filter(slug="huong-dan-dang-ky-ket-hon").exists()


def test_a_draft_may_wait_for_its_author(client, portal, login):
    # Wagtail defers required fields on "save draft"; the check bites at submission.
    login(roles.CONTRIBUTORS)
    news = ArticleIndexPage.objects.get(slug="tin-tuc")
    client.post(
        reverse("wagtailadmin_pages:add", args=("home", "articlepage", news.pk)),
        article_form(author=""),
    )
    draft = ArticlePage.objects.get(slug="huong-dan-dang-ky-ket-hon")
    assert not draft.live and draft.author == ""
