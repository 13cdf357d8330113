from django.apps import apps
from django.contrib.auth.models import Group
from wagtail.models import Page, Site, Task, Workflow, WorkflowPage

from home.models import ArticleIndexPage, ArticlePage, SectionPage, StandardPage
from home.sections import SECTIONS
from legal_docs.models import LegalDocumentIndexPage
from portal import roles
from tests.helpers import add_live_child, publish, setup_portal
from workflow.board import WAGTAIL_SAMPLE_WORKFLOW, WORKFLOW_NAME

# Logs grow on every run by design; everything else must stay put.
GROWING = {"wagtailcore.pagelogentry", "wagtailcore.modellogentry"}


def counts():
    return {
        model._meta.label_lower: model.objects.count()
        for model in apps.get_models()
        if model._meta.label_lower not in GROWING and not model._meta.proxy and model._meta.managed
    }


def test_creates_the_tree_of_the_design(portal):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class.__name__ == "HomePage"
    assert site.hostname == "sotp.quangtri.gov.vn"
    urls = {page.url for page in portal.get_children().live()}
    for spec in SECTIONS:
        assert f"/{spec['slug']}/" in urls
    # Wagtail's welcome page is gone; the home page is the only page under the root.
    assert Page.get_first_root_node().get_children().count() == 1


def test_sections_carry_their_disclosure_metadata(portal):
    section = LegalDocumentIndexPage.objects.get(slug="van-ban")
    assert "điểm a khoản 1" in section.disclosure_legal_basis
    assert section.disclosure_timing and section.disclosure_duration
    assert section.review_interval_days == 30


def test_groups_and_workflow(portal):
    assert set(Group.objects.values_list("name", flat=True)) == set(roles.ALL_GROUPS)
    assignment = WorkflowPage.objects.get(page=Page.get_first_root_node())
    assert assignment.workflow.name == WORKFLOW_NAME
    task = assignment.workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [roles.BOARD]
    # Wagtail's sample workflow and task are gone: the board's are the only ones there are.
    assert list(Workflow.objects.values_list("name", flat=True)) == [WORKFLOW_NAME]
    assert list(Task.objects.values_list("pk", flat=True)) == [task.pk]


def test_keeps_a_sample_workflow_in_use(portal):
    """Deleting Wagtail's sample workflow would take its history or an operator's choice
    with it: once used, it is only disabled."""
    sample = Workflow.objects.create(name=WAGTAIL_SAMPLE_WORKFLOW)
    WorkflowPage.objects.create(page=portal.get_children().first(), workflow=sample)
    setup_portal()
    sample.refresh_from_db()
    assert not sample.active


def test_second_run_changes_nothing(portal):
    before = counts()
    setup_portal(demo=True)
    assert counts() == before


def test_demo_fills_every_section(portal):
    for section in portal.get_children().live().specific():
        if isinstance(section, SectionPage | ArticleIndexPage):
            assert section.get_children().live().exists(), section.title
    regulation = ArticlePage.objects.get(slug="ban-hanh-quy-che-hoat-dong-trang-thong-tin-dien-tu")
    assert "Điều 12. Điều khoản thi hành" in str(regulation.body)
    assert ArticlePage.objects.filter(image__isnull=False).count() >= 3


def test_keeps_what_editors_made(portal):
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


def test_a_deleted_section_is_restored(portal):
    # The sections are what the law requires the site to publish (Art. 5).
    SectionPage.objects.get(slug="tai-chinh-thong-ke").delete()
    setup_portal()
    assert SectionPage.objects.filter(slug="tai-chinh-thong-ke").exists()
