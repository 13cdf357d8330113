from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class PortalConfig(AppConfig):
    default = True  # apps.py also holds UsersConfig
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from axes.signals import user_locked_out
        from django.db.models.signals import post_migrate

        from portal import audit, chrome, db_roles, security  # noqa: F401 -- chrome connects signals
        from portal.core import spreadsheets

        audit.connect()
        spreadsheets.guard_wagtail_exports()
        user_locked_out.connect(security.on_locked_out, dispatch_uid="portal-lockout")
        # After the last app's tables exist: once per migrate, as this app's signal.
        post_migrate.connect(db_roles.grant_application_role, sender=self)


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app with the account form that asks why an account is suspended."""

    user_viewset = "portal.users.AccountViewSet"
