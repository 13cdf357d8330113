from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from information_requests.models import ACTIONS, InformationRequest
from portal.core.components import RequestComponent


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for name, label in ACTIONS.items():
        actions.register_action(name, label, label)


def deadline(row):
    return f"{row.deadline:%d/%m/%Y}"


class InformationRequestViewSet(SnippetViewSet):
    """The office's queue of information requests, with the legal deadline of each."""

    model = InformationRequest
    icon = "help"
    menu_label = _("Information requests")
    menu_order = 255
    add_to_admin_menu = True
    list_display = [
        Column("reference", label=_("reference number")),
        "name",
        "received_at",
        Column("deadline", label=_("deadline"), accessor=deadline),
        Column("status", label=_("status"), accessor="get_status_display"),
    ]
    list_filter = ["status", "delivery"]
    search_fields = ["reference", "name", "information"]
    list_export = [
        "reference",
        "received_at",
        "name",
        "organisation",
        "information",
        "purpose",
        "delivery",
        "status",
        "extension_days",
        "extension_reason",
        "refusal_ground",
        "decided_at",
    ]
    ordering = ["received_at"]
    # Directors read each request without the edit form.
    inspect_view_enabled = True


register_snippet(InformationRequestViewSet)


def overdue_requests(today=None):
    today = today or timezone.localdate()
    open_requests = InformationRequest.objects.filter(status=InformationRequest.Status.RECEIVED)
    return [row for row in open_requests.order_by("received_at") if row.is_overdue(today)]


class OverdueRequestsPanel(RequestComponent):
    """On the dashboard of those who handle requests: how many are open, and every one past
    its legal deadline, by name."""

    name = "information_requests"
    order = 56
    template_name = "information_requests/dashboard_panel.html"

    def get_context_data(self, parent_context=None):
        return {
            "open": InformationRequest.objects.filter(
                status=InformationRequest.Status.RECEIVED
            ).count(),
            "overdue": overdue_requests(),
            "url": reverse("wagtailsnippets_information_requests_informationrequest:list")
            + "?status=received",
        }


@hooks.register("construct_homepage_panels")
def add_overdue_requests_panel(request, panels):
    if request.user.has_perm("information_requests.change_informationrequest"):
        panels.append(OverdueRequestsPanel(request))
