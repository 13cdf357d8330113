from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class PortalConfig(AppConfig):
    default = True  # apps.py also holds UsersConfig
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        # Imported here, not at the top: models and the modules that use them cannot be
        # imported before the app registry is ready.
        from axes.signals import user_locked_out
        from django.db.models.signals import post_delete, post_migrate, post_save
        from wagtail.models import Page, PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from portal import db_roles, security
        from portal.core import audit, people, spreadsheets, working_days
        from portal.core.cache import new_generation
        from portal.core.models import Holiday, PortalSettings

        audit.connect()
        people.use_vietnamese_order()
        # A new content generation (portal/core/cache.py) on every change of what public
        # pages show: pages themselves, and the organisation, answered feedback, the
        # registry's taxonomies, images and files, a maintenance notice. Then no cached page
        # (portal/page_cache.py) keeps the old one.
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(new_generation, dispatch_uid=f"portal-generation-{signal}")
        post_delete.connect(new_generation, sender=Page, dispatch_uid="portal-generation-delete")
        shown_models = [
            PortalSettings,
            Site,
            PageViewRestriction,
            "home.Unit",
            "home.Person",
            "home.Feedback",
            "legal_docs.DocumentType",
            "legal_docs.IssuingAuthority",
            "legal_docs.LegalField",
            "wagtailimages.Image",
            "wagtaildocs.Document",
            "portal.MaintenanceWindow",
        ]
        for model in shown_models:
            name = model if isinstance(model, str) else model._meta.label
            uid = f"portal-generation-{name}"
            post_save.connect(new_generation, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(new_generation, sender=model, dispatch_uid=f"{uid}-delete")
        # Every working-day count reads the holidays from the cache: forget them on a change.
        post_save.connect(working_days.forget, sender=Holiday, dispatch_uid="holidays-save")
        post_delete.connect(working_days.forget, sender=Holiday, dispatch_uid="holidays-delete")
        spreadsheets.guard_wagtail_exports()
        user_locked_out.connect(security.on_locked_out, dispatch_uid="portal-lockout")
        # After the last app's tables exist: once per migrate, as this app's signal.
        post_migrate.connect(db_roles.grant_application_role, sender=self)


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app with the account form that asks why an account is suspended."""

    user_viewset = "portal.users.AccountViewSet"
