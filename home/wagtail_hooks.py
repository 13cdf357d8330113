from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.feedback import Feedback
from home.freshness import FreshnessPanel, sees_freshness_panel


@hooks.register("construct_homepage_panels")
def add_freshness_panel(request, panels):
    if sees_freshness_panel(request.user):
        panels.append(FreshnessPanel())


class FeedbackViewSet(SnippetViewSet):
    """The office's inbox of citizens' feedback (Art. 12)."""

    model = Feedback
    icon = "mail"
    menu_label = _("Feedback")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["subject", "name", "received_at", "status", "publish_answer"]
    list_filter = ["status", "publish_answer"]
    search_fields = ["subject", "content", "name"]
    list_export = ["received_at", "name", "contact", "subject", "content", "status", "answer"]


register_snippet(FeedbackViewSet)
