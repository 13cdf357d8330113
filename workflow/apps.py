from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = _("Editorial moderation")

    def ready(self):
        # Imported here: models cannot be imported before the app registry is ready.
        from django.db.models.signals import pre_save
        from wagtail.admin.signal_handlers import task_submission_email_notifier
        from wagtail.models import Revision
        from wagtail.signals import task_submitted

        from workflow import guard
        from workflow.models import BoardReviewTaskState

        pre_save.connect(guard.check_page, dispatch_uid="workflow.guard.page")
        pre_save.connect(guard.keep_publication, dispatch_uid="workflow.guard.publication")
        pre_save.connect(
            guard.check_revision, sender=Revision, dispatch_uid="workflow.guard.revision"
        )
        # Wagtail connects its "submitted" email to the base TaskState only; the board hears of
        # each submission through the same notifier (the submitter is left out).
        task_submitted.connect(
            task_submission_email_notifier,
            sender=BoardReviewTaskState,
            dispatch_uid="workflow.board_review_submitted_email",
        )
