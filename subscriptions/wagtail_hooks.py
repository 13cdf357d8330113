from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks

from portal.core.menu import PermissionMenuItem
from subscriptions import admin_views


@hooks.register("register_admin_urls")
def register_subscriptions_admin_urls():
    return [path("subscriptions/", admin_views.subscriptions_admin, name="subscriptions_admin")]


@hooks.register("register_settings_menu_item")
def register_subscriptions_menu_item():
    return PermissionMenuItem(
        gettext_lazy("Subscriptions by email"),
        reverse("subscriptions_admin"),
        admin_views.PERMISSION,
        icon_name="mail",
        order=900,
    )
