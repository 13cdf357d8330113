"""The editorial board's review (Art. 4.2c, 6.4): a group approval task whose rejections carry
one of the regulation's seven grounds, and which nobody approves for their own work."""

from contextvars import ContextVar

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Page, Revision, TaskState

# The page editor's request while it performs a workflow action (set by a before_edit_page
# hook), so a refused approval can explain itself instead of showing a bare 403.
editor_request = ContextVar("editor_request", default=None)


class RejectionGround(models.TextChoices):
    # The seven cases of Art. 4.2c, in the regulation's order.
    POLICY = "policy", _("Contrary to the Party's and the State's policy and law")
    STATE_SECRET = "state_secret", _("A state secret")
    OUT_OF_SCOPE = "out_of_scope", _("Outside the site's scope, role and functions")
    NOT_YET_PUBLIC = "not_yet_public", _("Decided but not yet made public")
    UNTRUE = "untrue", _("Untrue")
    UNCLEAR_ORIGIN = "unclear_origin", _("Of unclear origin")
    LOW_QUALITY = "low_quality", _("Below the site's quality requirements")


APPROVE_LABEL = _("Approve and publish")


class BoardReviewTaskState(TaskState):
    rejection_ground = models.CharField(
        _("rejection ground"), max_length=20, choices=RejectionGround.choices, blank=True
    )

    def get_comment(self):
        # Wagtail shows get_comment() in the workflow history, the status panel, the
        # rejection email and the audit log: the ground travels with it everywhere.
        if self.rejection_ground:
            return gettext("Ground: %(ground)s. %(comment)s") % {
                "ground": self.get_rejection_ground_display(),
                "comment": self.comment,
            }
        return self.comment

    class Meta:
        verbose_name = _("editorial board review")
        verbose_name_plural = _("editorial board reviews")


class BoardReviewTask(AbstractGroupApprovalTask):
    task_state_class = BoardReviewTaskState

    def is_member(self, user):
        # Unlike Wagtail's task, superusers do not approve by default: the board decides.
        return user.is_active and self._user_in_groups(user)

    def approval_barred(self, obj, user):
        """Four eyes: the person who submitted the item or wrote its latest revision cannot
        approve it."""
        state = obj.current_workflow_state
        if state and state.requested_by_id == user.pk:
            return True
        latest = Revision.objects.filter(pk=obj.latest_revision_id).values("user_id").first()
        return bool(latest and latest["user_id"] == user.pk)

    def get_actions(self, obj, user):
        if not self.is_member(user):
            return []
        actions = [("reject", _("Reject"), True)]
        if not self.approval_barred(obj, user):
            actions += [
                ("approve", APPROVE_LABEL, True),
                ("approve_with_comment", _("Approve with comment and publish"), True),
            ]
        return actions

    def get_form_for_action(self, action):
        # Here, not at the top: the forms import these models.
        from workflow.forms import ApprovalForm, ApprovalWithCommentForm, RejectionForm

        return {
            "reject": RejectionForm,
            "approve": ApprovalForm,
            "approve_with_comment": ApprovalWithCommentForm,
        }.get(action)

    def get_template_for_action(self, action):
        return "workflow/action_modal.html"

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not self.is_member(user):
            return TaskState.objects.none()
        return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS).exclude(
            workflow_state__requested_by=user
        )

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        # Here, not at the top: royalties imports the models of this package.
        from workflow import review, royalties

        task_state = task_state.specific
        if not self.is_member(user):
            raise PermissionDenied(gettext("Only members of the editorial board decide."))
        form_class = self.get_form_for_action(action_name)
        if form_class is None:
            raise PermissionDenied
        # The edit view passes the modal's data back through JSON: validate it again here,
        # so every route to a decision obeys the same rules.
        form = form_class(data=kwargs)
        if not form.is_valid():
            raise PermissionDenied(form.errors.as_text())
        data = form.cleaned_data
        page = task_state.revision.content_object
        request = editor_request.get()
        if request is not None and request.user is not user:
            request = None  # an earlier request of this thread, not the one deciding
        if action_name == "reject":
            task_state.rejection_ground = data["ground"]
            task_state.reject(user=user, comment=data["comment"])
            if request is not None:
                review.decision_message(request, task_state, action_name)
            return None
        if self.approval_barred(page, user):
            message = gettext(
                "You submitted or last edited this item: another board member approves it."
            )
            if request is None:
                raise PermissionDenied(message)
            # Approving from the editor saves the member's changes first, which makes them
            # the last editor: keep the changes, decline the approval, and say why.
            messages.error(request, message)
            return None
        task_state.approve(user=user, comment=data.get("comment", ""))
        royalties.record_approval(task_state, user, form.royalty_lines())
        if request is not None:
            review.decision_message(request, task_state, action_name)
        return None

    @classmethod
    def get_description(cls):
        return _(
            "Members of the editorial board approve or reject, naming a ground of Art. 4.2c; "
            "nobody approves their own work."
        )

    class Meta:
        verbose_name = _("editorial board review task")
        verbose_name_plural = _("editorial board review tasks")


class ForcePublication(models.Model):
    """An operator's publication outside the workflow (the one exception to Art. 6.4). It stays
    on the board's dashboard until a board member confirms it after the fact."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(Revision, on_delete=models.SET_NULL, null=True, related_name="+")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    reason = models.TextField(_("reason"))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True)

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("force publication")
        verbose_name_plural = _("force publications")

    def __str__(self):
        return self.page.title
