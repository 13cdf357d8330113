from datetime import datetime
from importlib import import_module

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column
from wagtail.contrib.simple_translation.views import SubmitPageTranslationView
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    IndexView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from home import english
from home.freshness import FreshnessPanel, sees_freshness_panel
from home.models import Feedback, Person, Unit
from portal.core import wagtail_adapter
from portal.core.components import RequestComponent
from portal.core.spreadsheets import readable


@hooks.register("construct_homepage_panels")
def add_freshness_panel(request, panels):
    if sees_freshness_panel(request.user):
        panels.append(FreshnessPanel(request))
        # The same people keep the English pages in step with the Vietnamese ones.
        pages = list(english.out_of_date()[:20])
        if pages:
            panels.append(EnglishPagesPanel(request, pages))


class EnglishPagesPanel(RequestComponent):
    """English pages (/en/) whose Vietnamese original was published after them."""

    name = "english_pages"
    order = 65
    template_name = "home/english_panel.html"

    def __init__(self, request, pages):
        super().__init__(request)
        self.pages = pages

    def get_context_data(self, parent_context=None):
        return {"pages": self.pages}


@hooks.register("register_admin_urls")
def register_translate_of_the_introduction_only():
    # Ahead of wagtail.contrib.simple_translation's own address (home's hooks load first).
    return [path("translation/submit/page/<int:page_id>/", translate_page)]


def translate_page(request, page_id):
    """Wagtail's "Translate", for the page types that have an English version only (with
    their subtree, if asked, only when every page in it has one): anything else is refused
    with a message instead of an error page, whatever the address was reached from."""
    page = get_object_or_404(Page, pk=page_id)
    pages = [page]
    if request.method == "POST" and request.POST.get("include_subtree"):
        pages = page.get_descendants(inclusive=True)
    if not all(english.may_translate(p) for p in pages):
        messages.error(
            request,
            _("Only the home page, the introduction and its pages have an English version."),
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return SubmitPageTranslationView.as_view()(request, page_id=page_id)


def offered_where_english(hook):
    """simple_translation's "Translate" button, on the pages that have an English version
    only: refused anyway (translate_page), it would lead the board to an error."""

    def buttons(page, **kwargs):
        if english.may_translate(page):
            yield from hook(page=page, **kwargs)

    return buttons


@hooks.register("before_edit_page")
def warn_of_an_out_of_date_translation(request, page):
    in_english = getattr(page, "in_english", False)
    if request.method == "GET" and in_english and english.is_out_of_date(page):
        messages.warning(
            request,
            _(
                "The Vietnamese page has changed since this English version was last "
                "published: bring the English text into line and submit it for review."
            ),
        )


def yes_no(field):
    """A yes/no field as the words Có/Không, for sight and screen readers alike."""
    return lambda instance: readable(bool(getattr(instance, field)))


class ActionsTheyMayTake(IndexView):
    """A listing that offers the bulk-action checkboxes only to those who may delete: the
    directors read the inbox, and a "Xoá" that answers "không có quyền" helps nobody."""

    @cached_property
    def offers_bulk_actions(self):
        return self.user_has_permission("delete")

    @cached_property
    def columns(self):
        columns = super().columns
        if self.offers_bulk_actions:
            return columns
        return [c for c in columns if not isinstance(c, BulkActionsCheckboxColumn)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, offers_bulk_actions=self.offers_bulk_actions)


class ReadableInspectView(InspectView):
    """A message as the directors read it: Có/Không, dd/mm/yyyy HH:MM and nothing for an
    empty field, not Python's True, None or an ISO time."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, datetime):
            return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
        return readable(value)


class FeedbackViewSet(SnippetViewSet):
    """The office's inbox of citizens' feedback (Art. 12). Directors, who may only read,
    open each message in the read-only inspect view."""

    model = Feedback
    icon = "mail"
    menu_label = _("Feedback")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = ActionsTheyMayTake
    index_template_name = "home/admin/feedback_index.html"
    inspect_view_enabled = True
    inspect_view_class = ReadableInspectView
    inspect_view_fields = [
        "reference",
        "received_at",
        "name",
        "contact",
        "subject",
        "content",
        "page_url",
        "status",
        "answer",
        "answered_at",
        "answer_mailed_at",
        "publish_answer",
    ]
    list_display = [
        "subject",
        Column("reference", label=_("reference number")),
        "name",
        "received_at",
        Column("status", label=_("status"), accessor="get_status_display"),
        Column("publish_answer", label=_("publish as Q&A"), accessor=yes_no("publish_answer")),
    ]
    list_filter = ["status", "publish_answer"]
    search_fields = ["subject", "content", "name", "reference"]
    list_export = [
        "reference",
        "received_at",
        "name",
        "contact",
        "subject",
        "content",
        "status",
        "answer",
        "publish_answer",
    ]


class NewFeedbackPanel(RequestComponent):
    """On the dashboard of those who read the inbox: how many messages wait for the office."""

    name = "new_feedback"
    order = 55
    template_name = "home/new_feedback_panel.html"

    def get_context_data(self, parent_context=None):
        return {
            "count": Feedback.objects.filter(status=Feedback.Status.RECEIVED).count(),
            "url": reverse("wagtailsnippets_home_feedback:list") + "?status=received",
        }


@hooks.register("construct_homepage_panels")
def add_new_feedback_panel(request, panels):
    if request.user.has_perm("home.view_feedback"):
        panels.append(NewFeedbackPanel(request))


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


def offer_translate_where_english():
    """Wagtail has no hook to take a button out of a page's header, nor out of the listing's
    "more" menu: simple_translation's own hooks are replaced in the registry by the same
    buttons, filtered. Imported here, at the end, so that its admin address comes after
    translate_page's (the first registered wins)."""
    simple_translation_hooks = import_module("wagtail.contrib.simple_translation.wagtail_hooks")
    for name, hook in (
        ("register_page_listing_more_buttons", simple_translation_hooks.page_listing_more_buttons),
        ("register_page_header_buttons", simple_translation_hooks.page_header_buttons),
    ):
        wagtail_adapter.replace_hook(name, hook, offered_where_english(hook))


offer_translate_where_english()
