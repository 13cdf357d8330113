from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Pages")

    def ready(self):
        # Imported here: models cannot be imported before the app registry is ready.
        from home import english, images
        from home.topics import SectionNewsKind
        from portal.core.topics import register_topic_kind

        images.connect()
        english.connect()
        register_topic_kind(SectionNewsKind())
