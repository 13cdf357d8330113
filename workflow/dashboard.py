"""What the board sees on the admin dashboard: the review queue with its waiting times, the
operators' force-publications awaiting confirmation, and a warning when four eyes are not
possible."""

from wagtail.models import TaskState

from home.models import ArticleIndexPage, ArticlePage
from portal.core.components import RequestComponent
from portal.core.roles import BOARD, CONTRIBUTORS, OPERATORS, user_has_role, users_with_role
from portal.core.working_days import working_days_since
from workflow import review
from workflow.models import BoardReviewTask, ForcePublication

OVERDUE_AFTER_WORKING_DAYS = 2


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
        page = state.revision.content_object
        rows.append(
            {
                "title": state.revision.object_str,
                "page_id": state.workflow_state.object_id,
                "comparison": review.comparison(page, state) if page else None,
                "submitted_by": state.workflow_state.requested_by,
                "submitted_at": state.started_at,
                "working_days": waited,
                "overdue": waited > OVERDUE_AFTER_WORKING_DAYS,
            }
        )
    return rows


def active_board_members():
    return users_with_role(BOARD).filter(is_active=True).count()


class ModerationPanel(RequestComponent):
    name = "board_moderation"
    order = 40
    template_name = "workflow/dashboard_panel.html"

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


class WritePanel(RequestComponent):
    """Where a contributor starts: a new article in each section they may write in."""

    name = "write_article"
    order = 30
    template_name = "workflow/write_panel.html"

    def get_context_data(self, parent_context=None):
        user = self.request.user
        indexes = [
            index
            for index in ArticleIndexPage.objects.order_by("path")
            if index.permissions_for_user(user).can_add_subpage()
        ]
        return {"indexes": indexes, "model": ArticlePage._meta}


def sees_write_panel(user):
    return user_has_role(user, CONTRIBUTORS, OPERATORS)
