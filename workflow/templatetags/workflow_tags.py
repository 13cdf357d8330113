from django import template
from wagtail.models import TaskState

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
