from django.apps import apps
from django.contrib.auth.models import Group
from wagtail.models import Page, Site, Task, Workflow, WorkflowPage

from home.models import SectionPage
from legal_docs.models import LegalDocumentIndexPage
from portal.core import profile, roles
from portal.sections import SECTIONS
from tests.helpers import setup_portal
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
    names = profile.current().roles
    assert dict(Group.objects.values_list("role__code", "name")) == names
    assignment = WorkflowPage.objects.get(page=Page.get_first_root_node())
    assert assignment.workflow.name == WORKFLOW_NAME
    task = assignment.workflow.tasks.get().specific
    assert list(task.groups.all()) == [roles.group(roles.BOARD)]
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
    setup_portal()
    assert counts() == before


def test_a_deleted_section_is_restored(portal):
    # The sections are what the law requires the site to publish (Art. 5).
    SectionPage.objects.get(slug="tai-chinh-thong-ke").delete()
    setup_portal()
    assert SectionPage.objects.filter(slug="tai-chinh-thong-ke").exists()
