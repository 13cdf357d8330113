"""The demo's own tests: `setup_portal --demo` fills the site that every other test runs
without (they build their own content, tests/builders.py), keeps what the demo promises at a
high level, and leaves alone what editors made. Besides the browser tests (their site_url
fixture shows the real demo site), only these tests read demo content."""

import re
from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from home.models import ArticleIndexPage, ArticlePage, SectionPage, StandardPage
from legal_docs.demo import documents
from legal_docs.models import LegalDocumentPage, ProcedurePage, Validity
from tests.admin_language import english_on, user_content
from tests.builders import add_live_child, publish
from tests.helpers import html, setup_portal, validity_of

pytestmark = pytest.mark.django_db

# Logs grow on every run by design; everything else must stay put.
GROWING = {"wagtailcore.pagelogentry", "wagtailcore.modellogentry"}


def counts():
    return {
        model._meta.label_lower: model.objects.count()
        for model in apps.get_models()
        if model._meta.label_lower not in GROWING and not model._meta.proxy and model._meta.managed
    }


def test_the_demo_fills_the_site_and_keeps_its_promises(client, portal):
    # Built inside this test's transaction, on top of the session's site without demo.
    assert not LegalDocumentPage.objects.exists()
    setup_portal(demo=True)

    # Every section has content, and every live public page answers 200 to a citizen.
    for section in portal.get_children().live().specific():
        if isinstance(section, SectionPage | ArticleIndexPage):
            assert section.get_children().live().exists(), section.title
    for page in Page.objects.live().public().filter(depth__gte=2).specific():
        html(client, page.url)
    regulation = StandardPage.objects.get(slug="quy-che-hoat-dong-trang-thong-tin-dien-tu")
    assert "Điều 12. Điều khoản thi hành" in str(regulation.body)
    assert regulation.get_parent().slug == "gioi-thieu"
    assert ArticlePage.objects.filter(image__isnull=False).count() >= 3

    # The English introduction at /en/ (issue #25): translations of the Vietnamese pages.
    assert "Quang Tri Department of Justice" in html(client, "/en/")
    organisation = html(client, "/en/introduction/organisation/")
    assert "specialised agency of the People's Committee" in organisation
    # Its units and the leaders' positions in English; people's names as they are.
    assert "Department Office" in organisation and "State Legal Aid Centre" in organisation
    assert re.search(r"<h3>Hoàng Kỳ</h3>\s*<p class=\"meta\">Director</p>", organisation)
    assert 'data-label="Unit">Department Office</td>' in organisation
    assert 'data-label="Đơn vị">Văn phòng Sở</td>' in html(client, "/gioi-thieu/co-cau-to-chuc/")
    assert "The Department is a legal entity" in html(
        client, "/en/introduction/functions-tasks-and-powers/"
    )
    english = Page.objects.filter(locale__language_code="en").live()
    assert all(page.get_translations().live().exists() for page in english)

    # The registry holds the demo's documents; procedures came through the importer.
    numbers = set(LegalDocumentPage.objects.live().values_list("number_symbol", flat=True))
    assert numbers == {row[2] for row in documents()}
    assert ProcedurePage.objects.live().exists()

    # Its relations give the validity of the laws they name: the 2006 legal-aid law ended
    # when its 2017 replacement took effect; the civil-status law is in force.
    law = LegalDocumentPage.objects.get
    old_legal_aid = law(number_symbol="69/2006/QH11")
    assert validity_of(old_legal_aid, on=date(2017, 12, 31)) == Validity.IN_FORCE
    assert validity_of(old_legal_aid, on=date(2018, 1, 1)) == Validity.EXPIRED
    assert validity_of(law(number_symbol="60/2014/QH13"), on=date(2025, 1, 1)) == (
        Validity.IN_FORCE
    )
    # Laws carry the signer who certified them; the registry offers them as a filter and
    # lists the documents most viewed and downloaded.
    assert (
        law(number_symbol="46/2024/QH15").signer_position,
        law(number_symbol="46/2024/QH15").signer,
    ) == ("Chủ tịch Quốc hội", "Trần Thanh Mẫn")
    registry = html(client, "/van-ban/")
    assert "Chủ tịch Quốc hội — Nguyễn Sinh Hùng (" in registry
    assert 'id="most-viewed-heading"' in registry and 'id="most-downloaded-heading"' in registry

    # A second run changes nothing.
    before = counts()
    setup_portal(demo=True)
    assert counts() == before


def test_the_demo_keeps_what_editors_made(portal):
    setup_portal(demo=True)
    section = SectionPage.objects.get(slug="gioi-thieu")
    section.title = "Giới thiệu chung"
    section.disclosure_timing = "Do Ban Biên tập quyết định"
    publish(section)
    mine = StandardPage(title="Trang của biên tập viên", slug="trang-rieng", intro="Nội dung riêng")
    add_live_child(section, mine)
    publish(mine)
    news = ArticlePage.objects.get(slug="kien-toan-ban-bien-tap-trang-thong-tin-dien-tu")
    news.delete()  # an editor removed a demo article: it must not come back

    setup_portal(demo=True)

    section.refresh_from_db()
    assert section.title == "Giới thiệu chung"
    assert section.disclosure_timing == "Do Ban Biên tập quyết định"
    assert StandardPage.objects.filter(slug="trang-rieng", intro="Nội dung riêng").exists()
    assert not ArticlePage.objects.filter(slug=news.slug).exists()


def test_the_demo_people_see_their_work_in_vietnamese(client, portal):
    """The demo's contributor and board member have items in the workflow: the dashboard
    panels, the editor of an item waiting for review and the workflow reports show them,
    with no English left (tests/admin_language.py)."""
    setup_portal(demo=True)
    waiting = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).first()
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[waiting.object_id]),
        reverse("wagtailadmin_pages:workflow_history", args=[waiting.object_id]),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
    ]
    for username in ("ctv.lethithu", "bbt.nguyenvanhai"):
        client.force_login(get_user_model().objects.get(username=username))
        english = english_on(client, urls, user_content())
        assert english == [], f"English left for {username}:\n" + "\n".join(dict.fromkeys(english))
