from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Drafts for comment")

    def ready(self):
        # Imported here: models cannot be imported before the app registry is ready.
        from consultations import home
        from consultations.topics import DraftKind
        from home.models import register_home_context
        from portal.core.topics import register_topic_kind

        # Home imports no app above it: the open drafts reach its page through its registry.
        register_home_context(home.home_context)
        # Citizens may follow new drafts by email (the subscriptions app knows no page type).
        register_topic_kind(DraftKind())
