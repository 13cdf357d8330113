"""The editorial board's moderation (Art. 6.4): one workflow on the root page, so every page
passes the board before it goes live."""

from wagtail.models import Page, Task, Workflow, WorkflowPage, WorkflowTask

from workflow.models import BoardReviewTask

WORKFLOW_NAME = "Kiểm duyệt của Ban Biên tập"
TASK_NAME = "Ban Biên tập duyệt"
WAGTAIL_SAMPLE_WORKFLOW = "Moderators approval"


def ensure_board_workflow(board_group):
    task = BoardReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = BoardReviewTask.objects.create(name=TASK_NAME)
    task.groups.add(board_group)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    # An earlier install used Wagtail's plain group task under the same name: swap it out,
    # since it knows neither the grounds for rejection nor the four-eyes rule.
    plain = Task.objects.filter(name=TASK_NAME).exclude(pk=task.pk)
    WorkflowTask.objects.filter(workflow=workflow, task__in=plain).delete()
    plain.update(active=False)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    root = Page.get_first_root_node()
    assignment = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
    # Replace nothing an operator chose: only an empty slot or Wagtail's sample workflow.
    if assignment is None:
        WorkflowPage.objects.create(page=root, workflow=workflow)
    elif assignment.workflow.name == WAGTAIL_SAMPLE_WORKFLOW:
        assignment.workflow = workflow
        assignment.save()
    remove_wagtail_sample_workflow()
    return workflow


def remove_wagtail_sample_workflow():
    """Wagtail's first migrations add a workflow and a task, both "Moderators approval". The
    portal has one workflow, so the sample is disabled; and deleted while nothing uses it,
    since the workflow reports offer every workflow and task, disabled or not, in their
    filters, where it was the one English name. Deleting would cascade to its history, so a
    sample that has been used, or that an operator assigned, stays, disabled."""
    workflows = Workflow.objects.filter(name=WAGTAIL_SAMPLE_WORKFLOW)
    workflows.update(active=False)
    workflows.filter(
        workflow_states__isnull=True,
        workflow_pages__isnull=True,
        workflow_content_types__isnull=True,
    ).delete()
    tasks = Task.objects.filter(name=WAGTAIL_SAMPLE_WORKFLOW)
    tasks.exclude(workflow_tasks__workflow__active=True).update(active=False)
    tasks.filter(task_states__isnull=True, workflow_tasks__isnull=True).delete()
