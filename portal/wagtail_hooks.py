from django.http import Http404, HttpResponseBadRequest
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy
from django.views.generic import RedirectView
from wagtail import hooks
from wagtail.fields import StreamField
from wagtail.models import Site
from wagtail.sites.views import IndexView as SiteIndexView
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal import audit_views, media, report_views, two_factor, visits
from portal.core import audit, rich_text
from portal.core.menu import PermissionMenuItem
from portal.core.models import Holiday, MaintenanceWindow

# Wagtail 8.0's sites listing heads three columns with the names of their fields ("Port",
# "Site name", "Root page"), which gettext never sees. The fields' verbose names are translated:
# those head the columns instead, wherever Wagtail gave no label of its own.
for column in SiteIndexView.columns:
    if column.label == capfirst(column.name.replace("_", " ")):
        column.label = capfirst(Site._meta.get_field(column.name).verbose_name)


def incomplete_blocks(request, model):
    """A 400 with a message when a POST lacks or garbles the block fields of a StreamField
    (a form cut short by a lost connection, or a script), which Wagtail reads unchecked
    (KeyError: 'body-count', a 500)."""
    if request.method != "POST":
        return None
    for field in model._meta.get_fields():
        if not isinstance(field, StreamField):
            continue
        try:
            field.stream_block.value_from_datadict(request.POST, request.FILES, field.name)
        except (KeyError, ValueError, TypeError, IndexError):
            return HttpResponseBadRequest(
                gettext(
                    "The page's content arrived incomplete, so nothing was saved: reload the "
                    "page in the editor and make the change again."
                ),
                content_type="text/plain; charset=utf-8",
            )
    return None


@hooks.register("before_edit_page")  # also the revert view (a kind of edit)
def refuse_incomplete_edit(request, page):
    return incomplete_blocks(request, page.specific_class)


@hooks.register("before_create_page")
def refuse_incomplete_create(request, parent_page, page_class):
    return incomplete_blocks(request, page_class)


@hooks.register("register_log_actions")
def register_audit_log_actions(actions):
    for name, label in audit.ACTIONS.items():
        actions.register_action(name, label, label)


@hooks.register("register_admin_urls")
def register_audit_log_urls():
    view = audit_views.AuditLogView
    return [
        path("audit-log/", view.as_view(), name="audit_log"),
        path("audit-log/results/", view.as_view(results_only=True), name="audit_log_results"),
    ]


# The admin's paths are English, as Wagtail's own; the Vietnamese ones the first screens had
# still lead there, with their query (bookmarks, links in old mails).
FORMER_ADMIN_PATHS = {
    "nhat-ky-he-thong/": "audit-log/",
    "nhat-ky-he-thong/results/": "audit-log/results/",
    "bao-cao/": "activity-report/",
    "bao-cao/ban-in/": "activity-report/print/",
    "bao-cao/xlsx/": "activity-report/xlsx/",
    "xac-thuc/": "second-factor/",
    "xac-thuc/thiet-lap/": "second-factor/setup/",
}


@hooks.register("register_admin_urls")
def register_former_admin_paths():
    return [
        path(old, RedirectView.as_view(url=f"/admin/{new}", permanent=True, query_string=True))
        for old, new in FORMER_ADMIN_PATHS.items()
    ]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("activity-report/", report_views.report, name="portal_report"),
        path("activity-report/print/", report_views.report_print, name="portal_report_print"),
        path("activity-report/xlsx/", report_views.report_xlsx, name="portal_report_xlsx"),
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return PermissionMenuItem(
        gettext_lazy("Activity reports"),
        reverse("portal_report"),
        report_views.PERMISSION,
        icon_name="clipboard-list",
        order=5,
    )


@hooks.register("register_admin_urls")
def register_second_factor_urls():
    return [
        path("second-factor/", two_factor.verify, name=two_factor.VERIFY),
        path("second-factor/setup/", two_factor.setup, name=two_factor.SETUP),
    ]


@hooks.register("register_reports_menu_item")
def register_audit_log_menu_item():
    return PermissionMenuItem(
        gettext_lazy("System log"),
        reverse("audit_log"),
        audit_views.PERMISSION,
        icon_name="history",
        order=10,
    )


class MaintenanceWindowViewSet(SnippetViewSet):
    model = MaintenanceWindow
    icon = "warning"
    menu_label = gettext_lazy("Maintenance")
    add_to_settings_menu = True
    list_display = ["__str__", "message"]


register_snippet(MaintenanceWindowViewSet)


class HolidayViewSet(SnippetViewSet):
    """The holidays and days off every working-day count skips (portal/core/working_days.py):
    the office enters each year's Tết and the days the government announces. Wagtail logs
    every addition, change and deletion in the system log."""

    model = Holiday
    icon = "date"
    menu_label = gettext_lazy("Holidays")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["date", "name", "kind"]
    list_filter = ["kind"]
    ordering = ["-date"]


register_snippet(HolidayViewSet)


hooks.register("before_serve_page", visits.count_visit)


@hooks.register("register_rich_text_features", order=1)  # after Wagtail's own, to replace them
def check_rich_text_references(features):
    rich_text.register(features)


@hooks.register("before_serve_document")
def serve_only_to_readers_of_the_pages(document, request):
    # A document used only by drafts or private pages (portal/media.py).
    if not media.may_download(request, document):
        raise Http404
