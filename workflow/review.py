"""The board's review screen (issue #23): the decision first, the changes since the previous
submission one click away, and a plain result once decided."""

from django.contrib import messages
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import TaskState


def previous_submission(task_state):
    """The task state of the submission before `task_state` (a rejected version, or an
    earlier approved one), or None for a first submission."""
    return (
        TaskState.objects.for_instance(task_state.revision.content_object)
        .filter(started_at__lt=task_state.started_at)
        .exclude(pk=task_state.pk)
        .order_by("-started_at", "-pk")
        .first()
    )


def comparison(page, task_state):
    """(url, label) of the diff the board reads: against the previous submission, else
    against the live version; None when there is nothing to compare with."""
    earlier = previous_submission(task_state)
    if earlier and earlier.revision_id != task_state.revision_id:
        return (
            reverse(
                "wagtailadmin_pages:revisions_compare",
                args=(page.pk, earlier.revision_id, task_state.revision_id),
            ),
            _("Compare with the previous submission"),
        )
    if page.live and page.live_revision_id != task_state.revision_id:
        return (
            reverse(
                "wagtailadmin_pages:revisions_compare",
                args=(page.pk, "live", task_state.revision_id),
            ),
            _("Compare with the live version"),
        )
    return None


def decision_message(request, task_state, action_name):
    """Tell the board member what their decision did, in place of Wagtail's "Page ... has
    been updated" (replaced by the after_edit_page hook)."""
    page = task_state.revision.content_object
    title = page.get_admin_display_title()
    if action_name == "reject":
        text = _("Rejected “%(title)s”: %(ground)s") % {
            "title": title,
            "ground": task_state.get_rejection_ground_display(),
        }
    else:
        page.refresh_from_db()
        revision = task_state.revision
        revision.refresh_from_db()
        if revision.approved_go_live_at and page.live_revision_id != revision.pk:
            text = _("Approved “%(title)s”: it goes live on %(time)s.") % {
                "title": title,
                "time": timezone.localtime(revision.approved_go_live_at).strftime("%d/%m/%Y %H:%M"),
            }
        else:
            text = _("Approved and published “%(title)s”.") % {"title": title}
    request.board_decision = text


def replace_update_message(request):
    """Drop Wagtail's "Page ... has been updated" after a board decision and say what was
    decided instead. Reading the storage marks every message read; the others are queued
    again."""
    text = getattr(request, "board_decision", None)
    if not text:
        return
    kept = [m for m in messages.get_messages(request) if m.level != messages.SUCCESS]
    for message in kept:
        messages.add_message(request, message.level, message.message, message.extra_tags)
    messages.success(request, text)
