from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    name = "subscriptions"
    verbose_name = _("Subscriptions")

    def ready(self):
        # Imported here: models cannot be imported before the app registry is ready.
        from wagtail.signals import page_published

        from subscriptions import events

        page_published.connect(events.page_published, dispatch_uid="subscriptions-publication")
