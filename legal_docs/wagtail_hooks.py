from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from legal_docs import views
from legal_docs.models import DocumentType, IssuingAuthority, LegalField
from portal.core.menu import PermissionMenuItem


class DocumentTypeViewSet(SnippetViewSet):
    model = DocumentType
    icon = "tag"
    list_display = [
        "name",
        "abbreviation",
        BooleanColumn("is_normative", label=_("normative")),
        "sort_order",
    ]
    search_fields = ["name", "abbreviation"]


class IssuingAuthorityViewSet(SnippetViewSet):
    model = IssuingAuthority
    icon = "group"
    list_display = ["name", "abbreviation", "sort_order"]
    search_fields = ["name", "abbreviation"]


class LegalFieldViewSet(SnippetViewSet):
    model = LegalField
    icon = "folder-open-inverse"
    list_display = ["name", "sort_order"]
    search_fields = ["name"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Legal document lists")
    menu_icon = "list-ul"
    menu_order = 250
    items = (DocumentTypeViewSet, IssuingAuthorityViewSet, LegalFieldViewSet)


register_snippet(TaxonomyGroup)


@hooks.register("register_admin_urls")
def register_batch_urls():
    return [
        path("import-batches/", views.batch_index, name="legal_docs_batches"),
        path("import-batches/<int:pk>/", views.batch_detail, name="legal_docs_batch"),
    ]


@hooks.register("register_admin_menu_item")
def register_batch_menu_item():
    return PermissionMenuItem(
        _("Import batches"),
        reverse("legal_docs_batches"),
        views.REVIEW_PERMISSION,
        icon_name="download",
        order=260,
    )


@hooks.register("register_log_actions")
def register_import_log_actions(actions):
    actions.register_action(
        "legal_docs.import_batch", _("Import legal documents"), _("Legal documents imported")
    )
    actions.register_action(
        "legal_docs.approve_batch",
        _("Approve import batch"),
        _("Import batch approved and published"),
    )
    actions.register_action(
        "legal_docs.reject_batch", _("Reject import batch"), _("Import batch rejected")
    )
    actions.register_action(
        "legal_docs.supersede_batch",
        _("Supersede import batch"),
        _("Documents of the import batch taken over by a newer import"),
    )
