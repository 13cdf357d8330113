from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search import admin_views


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [path("search-terms/", admin_views.search_terms, name="search_terms_report")]


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return StatisticsMenuItem(
        _("What citizens search for"), reverse("search_terms_report"), icon_name="search", order=60
    )
