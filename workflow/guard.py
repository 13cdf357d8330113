"""The publish guard (Art. 6.4): nothing goes live unless the editorial board approved it.

Every route to the public site, the editor's Publish button, bulk actions, copies, reverts,
scheduled go-live and code, ends in saving a page with a new live revision or a revision with a
go-live date. The receivers below refuse those saves unless the caller holds an authorisation:
the board's approval, an operator's reasoned force-publish, the board's decision on an import
batch, or the setup commands. A scheduled revision carries its authorisation with it: its
go-live date can only have been set under one of them."""

import contextvars
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

_authority = contextvars.ContextVar("publish_authority", default=None)


class PublishRefused(PermissionDenied):
    pass


@contextmanager
def authorised(authority):
    """Let the code inside publish; `authority` names who decided ("board", "operator",
    "import", "setup")."""
    token = _authority.set(authority)
    try:
        yield
    finally:
        _authority.reset(token)


def refusal():
    return PublishRefused(
        _("Nothing goes live without the editorial board's approval: submit the page for review.")
    )


def publish_approved(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION: the board's approval publishes the latest revision."""
    with authorised("board"):
        workflow_state.content_object.get_latest_revision().publish(
            user=user, skip_permission_checks=True
        )


def check_page(sender, instance, raw=False, update_fields=None, **kwargs):
    from wagtail.models import Page

    if raw or _authority.get() or not isinstance(instance, Page) or not instance.live:
        return
    if update_fields is not None and not {"live", "live_revision"} & set(update_fields):
        return
    if not instance._state.adding:
        before = Page.objects.filter(pk=instance.pk).values("live", "live_revision_id").first()
        if before and before["live"] and before["live_revision_id"] == instance.live_revision_id:
            return  # already live with this revision: a move, a rename of the slug, a re-save
    revision = instance.live_revision
    if revision and revision.approved_go_live_at and revision.approved_go_live_at <= timezone.now():
        return  # `publish_scheduled` at the approved time
    raise refusal()


# What the approval (or an operator's publication) set on the page row, which a save of a copy
# loaded before it must not undo.
PUBLICATION_FIELDS = ("live", "live_revision_id", "first_published_at", "last_published_at")


def keep_publication(sender, instance, raw=False, update_fields=None, **kwargs):
    """Wagtail's editor saves a page that is not live with the whole row, so an autosave or a
    "save draft" of a copy loaded just before the board's approval would write `live = False`
    back over it. A copy that has not seen the latest publication (its `last_published_at`
    differs) takes the publication from the database; an unpublish starts from a copy that
    has seen it, and goes through."""
    from wagtail.models import Page

    if raw or update_fields is not None or not isinstance(instance, Page):
        return
    if instance.live or instance._state.adding:
        return
    now = Page.objects.filter(pk=instance.pk, live=True).values(*PUBLICATION_FIELDS).first()
    if now and now["last_published_at"] != instance.last_published_at:
        for field, value in now.items():
            setattr(instance, field, value)


def check_revision(sender, instance, raw=False, update_fields=None, **kwargs):
    from wagtail.models import Revision

    if raw or _authority.get() or instance.approved_go_live_at is None:
        return
    if update_fields is not None and "approved_go_live_at" not in update_fields:
        return
    if not instance._state.adding:
        before = Revision.objects.filter(pk=instance.pk).values_list(
            "approved_go_live_at", flat=True
        )
        if before and before[0] == instance.approved_go_live_at:
            return
    raise refusal()


def bulk_action_refused(model, action_type):
    """Bulk publishing would bypass the board, and bulk unpublishing the written reason: the
    actions are refused (workflow/wagtail_hooks.py) and so never offered (the bulk-action
    footer's template)."""
    from wagtail.models import Page

    return action_type in ("publish", "unpublish") and issubclass(model, Page)
