"""A save of a page loaded before the board's approval does not take it offline again.

Wagtail's editor saves a page that is not live with the whole row (`form.save(commit=not
page.live)`), so an autosave or a "save draft" loaded just before the approval wrote the old
`live = False` back over it: in Chromium the approved article was offline two times in three.
The page's own save (PortalPage.save in home/models/pages.py) keeps what the approval made
live; unpublishing, which Wagtail saves unchecked, still takes it offline."""

import pytest
from wagtail.actions.unpublish_page import UnpublishPageAction

from home.models import ArticlePage
from tests.builders import add_live_child, news_index
from workflow.guard import authorised

pytestmark = pytest.mark.django_db


def draft_article():
    page = ArticlePage(
        title="Bài chờ duyệt",
        slug="bai-cho-duyet",
        lead="Tóm tắt.",
        author="Nguyễn Văn An",
        source="Văn phòng Sở",
        live=False,
    )
    add_live_child(news_index(), page)
    page.save_revision()
    return page


def approve(page):
    with authorised("board"):
        ArticlePage.objects.get(pk=page.pk).get_latest_revision().publish()


def test_a_draft_loaded_before_the_approval_does_not_unpublish_it():
    page = draft_article()
    stale = ArticlePage.objects.get(pk=page.pk)  # the editor's form, loaded as a draft
    approve(page)

    stale.lead = "Tóm tắt đã sửa."
    stale.save()  # what the editor's autosave does with a page it loaded as not live
    stale.save_revision()

    now = ArticlePage.objects.get(pk=page.pk)
    assert now.live and now.live_revision_id and now.first_published_at
    assert now.lead == "Tóm tắt đã sửa."


def test_unpublishing_a_live_page_still_takes_it_offline():
    page = draft_article()
    approve(page)

    UnpublishPageAction(ArticlePage.objects.get(pk=page.pk)).execute(skip_permission_checks=True)

    assert not ArticlePage.objects.get(pk=page.pk).live
