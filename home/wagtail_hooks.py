from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.freshness import FreshnessPanel, sees_freshness_panel
from home.models import Feedback, Person, Unit


@hooks.register("construct_homepage_panels")
def add_freshness_panel(request, panels):
    if sees_freshness_panel(request.user):
        panels.append(FreshnessPanel(request))


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


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "group"
    list_display = ["name", "kind", "parent", "phone", "email"]
    list_filter = ["kind"]
    search_fields = ["name"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "position", "unit", "is_leader", "is_contact"]
    list_filter = ["is_leader", "is_contact"]
    search_fields = ["name", "position"]


class OrganisationGroup(SnippetViewSetGroup):
    """Units and people of the department (Art. 5.1đ), kept by the board."""

    items = (UnitViewSet, PersonViewSet)
    menu_icon = "group"
    menu_label = _("Organisation")
    menu_order = 240


register_snippet(OrganisationGroup)
