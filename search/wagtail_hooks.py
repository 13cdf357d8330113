from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.core.menu import PermissionMenuItem
from search import admin_views


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [path("search-terms/", admin_views.search_terms, name="search_terms_report")]


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return PermissionMenuItem(
        _("What citizens search for"),
        reverse("search_terms_report"),
        admin_views.PERMISSION,
        icon_name="search",
        order=60,
    )
