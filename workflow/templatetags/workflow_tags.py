from django import template
from django.utils.translation import ngettext
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


@register.filter
def timedelta_hours(value):
    """A waiting time as hours, the unit the board's two-working-day rule is felt in."""
    hours = value.total_seconds() / 3600
    return ngettext("%(hours).1f hour", "%(hours).1f hours", round(hours)) % {"hours": hours}
