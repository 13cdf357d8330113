"""Editorial statistics for directors and the office (Art. 7.1, 9.2): what the board decided in
a period, rejections counted by the ground of Art. 4.2c, and the exceptions to the workflow."""

from datetime import timedelta

from django.db.models import Count
from wagtail.models import PageLogEntry, TaskState

from workflow.models import BoardReviewTaskState, ForcePublication
from workflow.models.moderation import RejectionGround


def moderation_statistics(start, end):
    """Counts for the days start..end inclusive (dates, local time)."""
    finished = BoardReviewTaskState.objects.filter(
        finished_at__date__gte=start, finished_at__date__lte=end
    )
    by_status = dict(finished.values_list("status").annotate(n=Count("pk")).order_by())
    by_ground = dict(
        finished.filter(status=TaskState.STATUS_REJECTED)
        .values_list("rejection_ground")
        .annotate(n=Count("pk"))
        .order_by()
    )
    decided = finished.filter(status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED])
    waits = [
        state.finished_at - state.started_at for state in decided.only("started_at", "finished_at")
    ]
    return {
        "submitted": BoardReviewTaskState.objects.filter(
            started_at__date__gte=start, started_at__date__lte=end
        ).count(),
        "approved": by_status.get(TaskState.STATUS_APPROVED, 0),
        "rejected": by_status.get(TaskState.STATUS_REJECTED, 0),
        "grounds": [(label, by_ground.get(value, 0)) for value, label in RejectionGround.choices],
        "average_wait": sum(waits, timedelta()) / len(waits) if waits else None,
        "force_published": ForcePublication.objects.filter(
            published_at__date__gte=start, published_at__date__lte=end
        ).count(),
        "unpublished": PageLogEntry.objects.filter(
            action="workflow.unpublish", timestamp__date__gte=start, timestamp__date__lte=end
        ).count(),
    }
