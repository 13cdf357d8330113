"""Who may delete a page (issue #19): the editorial model, not Wagtail's default, which lets
anyone with edit rights delete every page that is not live. A contributor deletes only their
own drafts that are not in review; a page in review, once approved or published, scheduled,
or locked by someone else needs the board (who hold publish permission: the board and the
operators). Enforced in the delete and bulk-delete views (workflow/wagtail_hooks.py)."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision, WorkflowState


def refusal(user, page):
    """Why `user` may not delete `page` and the pages under it, or None."""
    if page.permissions_for_user(user).can_publish():
        return None
    pages = page.get_descendants(inclusive=True)
    if pages.exclude(owner=user).exists():
        return _("“%(page)s”: you may delete only drafts you created yourself.") % {
            "page": page.title
        }
    ids = [str(pk) for pk in pages.values_list("pk", flat=True)]
    page_type = ContentType.objects.get_for_model(Page)
    reviewed = WorkflowState.objects.filter(
        base_content_type=page_type,
        object_id__in=ids,
        status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_APPROVED],
    ).exists()
    scheduled = Revision.objects.filter(
        base_content_type=page_type, object_id__in=ids, approved_go_live_at__isnull=False
    ).exists()
    published = pages.filter(first_published_at__isnull=False).exists()
    locked = pages.filter(locked=True).exclude(locked_by=user).exists()
    if reviewed or scheduled or published or locked:
        return _(
            "“%(page)s” is in review, approved, scheduled or locked: only the editorial board "
            "may delete it. Ask the board, or withdraw it from review first."
        ) % {"page": page.title}
    return None
