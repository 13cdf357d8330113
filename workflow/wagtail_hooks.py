from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.action_menu import (
    ActionMenuItem,
    CancelWorkflowMenuItem,
    SubmitForModerationMenuItem,
)
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.core.redirects import next_url
from workflow import deletion, review, views
from workflow.dashboard import (
    ModerationPanel,
    WritePanel,
    sees_moderation_panel,
    sees_write_panel,
)
from workflow.forms import ReasonForm
from workflow.guard import bulk_action_refused
from workflow.models import RoyaltyEntry, RoyaltyGenre, RoyaltyPeriod
from workflow.models.moderation import APPROVE_LABEL, editor_request
from workflow.models.royalties import closed_message

# --- The publish guard in the editor: no Publish button, no way around the board ----------


@hooks.register("construct_page_action_menu")
def remove_publish_button(menu_items, request, context):
    menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
    for item in menu_items:
        if item.name == "approve":
            item.label = APPROVE_LABEL  # Wagtail appends its own "and Publish"


# The first item is the footer's visible button; the others wait in its drop-up.
DECISIONS_FIRST = ["approve", "reject", "approve_with_comment"]


class ResubmitMenuItem(SubmitForModerationMenuItem):
    label = gettext_lazy("Resubmit for review")

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["label"] = self.label  # not Wagtail's "Resubmit to <task name>"
        return context


class WithdrawMenuItem(CancelWorkflowMenuItem):
    label = gettext_lazy("Withdraw from review (keep as draft)")


@hooks.register("construct_page_action_menu")
def put_the_next_step_first(menu_items, request, context):
    """The board's decisions lead the menu of a page they can decide on; after a rejection
    the author's one next step, "Resubmit for review", leads and the rest say what they do."""
    page = context.get("page")
    state = page.current_workflow_state if page is not None and page.pk else None
    if state is None:
        return
    if state.status == state.STATUS_NEEDS_CHANGES:
        # One task in the workflow: restarting it is the same as resubmitting, a third
        # look-alike choice.
        menu_items[:] = [
            ResubmitMenuItem(order=item.order)
            if item.name == "action-submit"
            else WithdrawMenuItem(order=item.order)
            if item.name == "action-cancel-workflow"
            else item
            for item in menu_items
            if item.name != "action-restart-workflow"
        ]
        menu_items.sort(key=lambda item: item.name != "action-submit")
    else:
        menu_items[:] = [
            WithdrawMenuItem(order=item.order) if item.name == "action-cancel-workflow" else item
            for item in menu_items
        ]
        rank = {name: i for i, name in enumerate(DECISIONS_FIRST)}
        menu_items.sort(key=lambda item: rank.get(item.name, len(rank)))


class ForcePublishMenuItem(ActionMenuItem):
    name = "action-force-publish"
    label = gettext_lazy("Force publish (operators, with a reason)…")
    icon_name = "warning"
    order = 60

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and page is not None
            and (page.has_unpublished_changes or not page.live)
            and context["request"].user.has_perm(views.FORCE_PUBLISH_PERMISSION)
        )

    def get_url(self, context):
        return reverse("workflow_force_publish", args=[context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_force_publish_item():
    return ForcePublishMenuItem()


def refuse(request, message, page):
    messages.error(request, message)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_publish_page")
def refuse_direct_publish(request, page):
    # The create and edit views have already kept the changes as a draft revision.
    return refuse(
        request,
        _(
            "Pages go live only when the editorial board approves them: the changes were saved as a draft; submit them for review."
        ),
        page,
    )


@hooks.register("before_edit_page")
def remember_the_editor_request(request, page):
    if request.method == "POST":
        editor_request.set(request)


@hooks.register("after_edit_page")
def say_what_the_board_decided(request, page):
    review.replace_update_message(request)


@hooks.register("before_edit_page")
def show_the_rejection(request, page):
    # The author opens the page to fix it: the board's ground and comment come first.
    state = page.current_workflow_state
    if request.method == "GET" and state and state.status == state.STATUS_NEEDS_CHANGES:
        decision = state.current_task_state.specific
        messages.warning(
            request,
            _(
                "The editorial board rejected this version (%(who)s). %(decision)s — fix it and submit it again."
            )
            % {
                "who": decision.finished_by.get_full_name() or decision.finished_by.get_username()
                if decision.finished_by
                else "-",
                "decision": decision.get_comment(),
            },
        )


@hooks.register("before_create_page")
def refuse_publish_on_create(request, parent_page, page_class):
    # Wagtail inserts the new page before its publish hook runs, so refuse here, up front.
    if request.method == "POST" and "action-publish" in request.POST:
        messages.error(
            request,
            _(
                "A new page goes live only when the editorial board approves it: save it as a draft and submit it for review."
            ),
        )
        return redirect(request.get_full_path())


@hooks.register("before_copy_page")
def refuse_live_copies(request, page):
    # An alias is live whenever its source is, so it too would go live without review.
    if request.method == "POST" and (
        request.POST.get("publish_copies") or request.POST.get("alias")
    ):
        return refuse(
            request,
            _("A copy goes live only after the board approves it: copy without publishing."),
            page,
        )


@hooks.register("before_bulk_action")
def refuse_bulk_publishing(request, action_type, objects, action_class_instance):
    if objects and bulk_action_refused(type(objects[0]), action_type):
        messages.error(
            request,
            _(
                "Pages are published through the board's review and unpublished one at a time with a reason."
            ),
        )
        return redirect(next_url(request, "wagtailadmin_explore_root"))
    if action_type == "delete":
        return refuse_locked_royalties(request, objects)


@hooks.register("before_delete_snippet")
def refuse_locked_royalties(request, instances):
    for instance in instances:
        period = getattr(instance, "period", instance)
        if isinstance(period, RoyaltyPeriod) and period.is_closed:
            messages.error(request, closed_message(period))
            return redirect(next_url(request, "wagtailadmin_home"))


@hooks.register("before_unpublish_page")
def require_unpublish_reason(request, page):
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["reason"]))
        return redirect("wagtailadmin_pages:unpublish", page.pk)
    request.unpublish_reason = form.cleaned_data["reason"]


@hooks.register("after_unpublish_page")
def log_unpublish_reason(request, page):
    log(
        instance=page.specific,
        action="workflow.unpublish",
        user=request.user,
        data={"reason": request.unpublish_reason},
    )


# --- Dashboard, admin URLs, audit-log vocabulary -------------------------------------------


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    if sees_moderation_panel(request.user):
        # The board's queue replaces Wagtail's "awaiting your review": the same items twice.
        panels[:] = [panel for panel in panels if panel.name != "workflow_objects_to_moderate"]
        panels.insert(0, ModerationPanel(request))
    if sees_write_panel(request.user):
        panels.insert(0, WritePanel(request))


@hooks.register("register_admin_urls")
def register_workflow_urls():
    return [
        path("force-publish/<int:page_id>/", views.force_publish, name="workflow_force_publish"),
        path(
            "force-publications/<int:pk>/confirm/",
            views.confirm_force_publication,
            name="workflow_confirm_force_publication",
        ),
        path(
            "royalties/<int:period_id>/", views.royalty_register, name="workflow_royalty_register"
        ),
        path(
            "royalties/<int:period_id>/xlsx/",
            views.royalty_register_xlsx,
            name="workflow_royalty_register_xlsx",
        ),
        path(
            "royalties/<int:period_id>/close/",
            views.close_royalty_period,
            name="workflow_close_royalty_period",
        ),
    ]


@hooks.register("register_log_actions")
def register_workflow_log_actions(actions):
    actions.register_action(
        "workflow.force_publish",
        gettext_lazy("Force publish"),
        gettext_lazy("Published by an operator without the board's approval"),
    )
    actions.register_action(
        "workflow.confirm_force_publish",
        gettext_lazy("Confirm force publication"),
        gettext_lazy("Force publication confirmed by the board"),
    )
    actions.register_action(
        "workflow.unpublish",
        gettext_lazy("Unpublish with reason"),
        gettext_lazy("Unpublished, with a reason"),
    )
    actions.register_action(
        "workflow.close_period",
        gettext_lazy("Close royalty period"),
        gettext_lazy("Royalty period closed"),
    )


# --- Royalty register ----------------------------------------------------------------------


class RoyaltyGenreViewSet(SnippetViewSet):
    model = RoyaltyGenre
    icon = "tag"
    list_display = ["name", "min_points", "default_points", "max_points", "active"]


class RegisterColumn(TitleColumn):
    def get_value(self, instance):
        return _("Open register")


class RoyaltyPeriodViewSet(SnippetViewSet):
    model = RoyaltyPeriod
    icon = "date"
    list_display = [
        "name",
        "start",
        "end",
        "point_value",
        Column("closed_at", label=gettext_lazy("closed at")),
        RegisterColumn(
            "register", label=gettext_lazy("register"), url_name="workflow_royalty_register"
        ),
    ]


class RoyaltyEntryViewSet(SnippetViewSet):
    model = RoyaltyEntry
    icon = "doc-full"
    list_display = [
        "title",
        Column("author", label=gettext_lazy("author")),
        "unit",
        "genre",
        "points",
        Column("amount", label=gettext_lazy("amount")),
        "period",
        "created_at",
    ]
    list_filter = ["period", "genre"]
    search_fields = ["title", "author_name", "unit"]
    list_export = [
        "period",
        "title",
        "author",
        "unit",
        "genre",
        "points",
        "amount",
        "adjusts",
        "note",
    ]
    export_filename = "nhuan-but"


class RoyaltyGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Royalties")
    menu_icon = "pick"
    menu_order = 270
    items = (RoyaltyPeriodViewSet, RoyaltyEntryViewSet, RoyaltyGenreViewSet)


register_snippet(RoyaltyGroup)


@hooks.register("before_delete_page")
def refuse_deleting_reviewed_pages(request, page):
    return refuse_deletion(request, [page])


@hooks.register("before_bulk_action")
def refuse_bulk_deleting_reviewed_pages(request, action_type, objects, action_class_instance):
    if action_type == "delete" and objects and isinstance(objects[0], Page):
        return refuse_deletion(request, objects)


def refuse_deletion(request, pages):
    for page in pages:
        refusal = deletion.refusal(request.user, page)
        if refusal:
            messages.error(request, refusal)
            # Back to the page's place in the tree; never to an address the request names.
            return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None
