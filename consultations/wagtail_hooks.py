"""The comments in the admin: the drafting unit's staff read those on their unit's drafts
only (models.visible_comments, in every view: list, export, inspect, file, DOCX); the board,
operators and directors read all. Exports go through the one spreadsheet writer, which
neutralises formulas (portal/core/spreadsheets.py)."""

from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from consultations import admin_views
from consultations.models import Comment, DraftingStaff, visible_comments
from home.wagtail_hooks import ActionsTheyMayTake, ReadableInspectView

LOG_ACTIONS = {
    "consultations.comment_file": _("File attached to a comment downloaded"),
    "consultations.comments_docx": _("Comments on a draft downloaded as DOCX"),
}


class CommentIndexView(ActionsTheyMayTake):
    pass


class CommentInspectView(ReadableInspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(visible_comments(self.request.user), pk=self.pk)

    def get_field_display_value(self, field_name, field):
        if field_name == "file":
            if not self.object.file:
                return ""
            url = reverse("consultations_comment_file", args=[self.object.pk])
            return format_html('<a href="{}">{}</a>', url, _("Download the attached file"))
        return super().get_field_display_value(field_name, field)


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Comments on drafts")
    menu_order = 100
    index_view_class = CommentIndexView
    inspect_view_enabled = True
    inspect_view_class = CommentInspectView
    inspect_view_fields = [
        "reference",
        "draft",
        "received_at",
        "name",
        "organisation",
        "contact",
        "article",
        "content",
        "file",
    ]
    list_display = [
        Column("reference", label=_("reference number")),
        "draft",
        "organisation",
        "article",
        "received_at",
    ]
    list_filter = ["draft"]
    search_fields = ["content", "organisation", "article", "reference"]
    list_export = [
        "reference",
        "received_at",
        "draft",
        "name",
        "organisation",
        "contact",
        "article",
        "content",
    ]
    export_filename = "gop-y-du-thao"

    def get_queryset(self, request):
        return visible_comments(request.user)


class DraftingStaffViewSet(SnippetViewSet):
    model = DraftingStaff
    icon = "group"
    menu_label = _("Drafting unit staff")
    menu_order = 200
    list_display = ["user", "unit"]
    list_filter = ["unit"]


class ConsultationsGroup(SnippetViewSetGroup):
    items = (CommentViewSet, DraftingStaffViewSet)
    menu_icon = "comment"
    menu_label = _("Drafts for comment")
    menu_order = 260


register_snippet(ConsultationsGroup)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for name, label in LOG_ACTIONS.items():
        actions.register_action(name, label, label)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "gop-y-du-thao/y-kien/<int:pk>/tep/",
            admin_views.comment_file,
            name="consultations_comment_file",
        ),
        path(
            "gop-y-du-thao/du-thao/<int:pk>/y-kien.docx",
            admin_views.comments_docx,
            name="consultations_comments_docx",
        ),
    ]
