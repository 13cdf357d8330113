from django import template
from django.apps import apps
from django.urls import reverse
from wagtail.admin.templatetags.wagtailadmin_tags import bulk_action_choices
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.log_actions import registry as log_registry
from wagtail.models import TaskState

from workflow.guard import bulk_action_refused

register = template.Library()


@register.simple_tag
def board_decision(obj):
    """The board's latest decision on `obj`, for the emails to its author."""
    return (
        TaskState.objects.for_instance(obj)
        .exclude(finished_at=None)
        .order_by("-finished_at")
        .specific()
        .first()
    )


@register.simple_tag
def last_publication(obj):
    """When `obj` last went live and who made it so (the board member who approved it, the
    operator who force-published it), for the status panel; None when the log has no
    publication by a person (e.g. a scheduled go-live)."""
    return (
        log_registry.get_logs_for_instance(obj)
        .filter(action="wagtail.publish", user__isnull=False)
        .select_related("user")
        .order_by("-timestamp", "-pk")
        .first()
    )


@register.inclusion_tag("wagtailadmin/shared/buttons.html", takes_context=True)
def allowed_bulk_action_choices(context, app_label, model_name):
    """Wagtail's bulk-action buttons without those the publish guard refuses."""
    model = apps.get_model(app_label, model_name)
    refused = {
        reverse("wagtail_bulk_action", args=[app_label, model_name, action.action_type])
        for action in bulk_action_registry.get_bulk_actions_for_model(app_label, model_name)
        if bulk_action_refused(model, action.action_type)
    }
    buttons = []
    for button in bulk_action_choices(context, app_label, model_name)["buttons"]:
        if getattr(button, "dropdown_buttons", None) is not None:
            button.dropdown_buttons = [b for b in button.dropdown_buttons if b.url not in refused]
            if not button.dropdown_buttons:
                continue
        elif button.url in refused:
            continue
        buttons.append(button)
    return {"buttons": buttons}


@register.inclusion_tag("workflow/review_bar.html", takes_context=True)
def board_review_bar(context, page):
    """The board member's decision above the editor, for a page waiting for the board:
    approve first, then reject, then the diff with the previous submission."""
    from portal.core.working_days import working_days_since
    from workflow import review
    from workflow.models import BoardReviewTask

    user = context["request"].user
    state = page.current_workflow_task_state
    task = state.task.specific if state and state.status == state.STATUS_IN_PROGRESS else None
    if not isinstance(task, BoardReviewTask):
        return {}
    order = {"approve": 0, "reject": 1, "approve_with_comment": 2}
    actions = sorted(task.get_actions(page, user), key=lambda action: order.get(action[0], 9))
    if not actions:
        return {}
    return {
        "actions": [
            {
                "name": name,
                "label": label,
                "url": reverse(
                    "wagtailadmin_pages:collect_workflow_action_data",
                    args=(page.pk, name, state.pk),
                ),
            }
            for name, label, _modal in actions
        ],
        "barred": task.approval_barred(page, user),
        "comparison": review.comparison(page, state),
        "submitted_by": state.workflow_state.requested_by,
        "submitted_at": state.started_at,
        "working_days": working_days_since(state.started_at),
    }
