"""What the board sees on the admin dashboard: the review queue with its waiting times, the
operators' force-publications awaiting confirmation, and a warning when four eyes are not
possible."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import TaskState

from portal.core.roles import BOARD, OPERATORS, user_has_role, users_with_role
from workflow.models import BoardReviewTask, ForcePublication

OVERDUE_AFTER_WORKING_DAYS = 2


def is_holiday(day):
    return day.weekday() >= 5 or day.strftime("%d/%m") in settings.PORTAL_HOLIDAYS


def working_days_since(moment, now=None):
    """Whole working days elapsed since `moment` (weekends and PORTAL_HOLIDAYS excluded)."""
    day, today = timezone.localdate(moment), timezone.localdate(now)
    count = 0
    while day < today:
        day += timedelta(days=1)
        if not is_holiday(day):
            count += 1
    return count


def review_queue(now=None):
    states = (
        TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            task__in=BoardReviewTask.objects.filter(active=True),
        )
        .select_related("workflow_state__requested_by", "revision")
        .order_by("started_at")
    )
    rows = []
    for state in states:
        waited = working_days_since(state.started_at, now)
        rows.append(
            {
                "title": state.revision.object_str,
                "page_id": state.workflow_state.object_id,
                "submitted_by": state.workflow_state.requested_by,
                "submitted_at": state.started_at,
                "working_days": waited,
                "overdue": waited > OVERDUE_AFTER_WORKING_DAYS,
            }
        )
    return rows


def active_board_members():
    return users_with_role(BOARD).filter(is_active=True).count()


class ModerationPanel(Component):
    name = "board_moderation"
    order = 40
    template_name = "workflow/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        user = self.request.user
        return {
            "queue": review_queue(),
            "board_members": active_board_members(),
            "force_publications": ForcePublication.objects.filter(confirmed_at__isnull=True)
            .select_related("page", "published_by")
            .order_by("published_at"),
            "can_confirm": user_has_role(user, BOARD),
            "user": user,
        }


def sees_moderation_panel(user):
    return user.is_superuser or user_has_role(user, BOARD, OPERATORS)
