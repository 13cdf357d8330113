from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        # Imported here: models cannot be imported before the app registry is ready.
        from django.db.models.signals import post_delete, post_save
        from wagtail.search.index import get_indexed_models

        from search.tasks import enqueue_update

        # The engine's AUTO_UPDATE is off (settings): its updates go through the queue.
        for model in get_indexed_models():
            if getattr(model, "search_auto_update", True):
                post_save.connect(enqueue_update, sender=model, dispatch_uid=f"search-{model}")
                post_delete.connect(
                    enqueue_update, sender=model, dispatch_uid=f"search-delete-{model}"
                )
