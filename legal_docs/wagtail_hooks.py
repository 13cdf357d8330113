from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from legal_docs.models import DocumentType, IssuingAuthority, LegalField


class DocumentTypeViewSet(SnippetViewSet):
    model = DocumentType
    icon = "tag"
    list_display = ["name", "abbreviation", "is_normative", "sort_order"]
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
