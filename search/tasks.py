"""Search-engine index updates as background tasks on a database queue (TASKS["search"]).

A save commits its task with the data, so nothing is lost when the engine is down: the worker
(`manage.py db_worker --backend search`) tries, and while the engine does not answer it puts
the task back with a growing delay, until it does. The database search backend is updated in
the request itself, so public search can fall back on it meanwhile."""

import logging
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from django_tasks import task
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_instance

from portal import chrome
from search.engine import answers, is_engine

logger = logging.getLogger(__name__)
MAX_DELAY = timedelta(minutes=5)


def engine():
    backend = get_search_backend("default")
    return backend if is_engine(backend) else None


def retry(task_function, attempt, *args):
    delay = min(timedelta(seconds=settings.SEARCH_RETRY_SECONDS * 2**attempt), MAX_DELAY)
    task_function.using(run_after=timezone.now() + delay).enqueue(*args, attempt + 1)
    logger.warning("Search engine not answering; index update retried in %s.", delay)


@task(backend="search", queue_name="search")
def update_engine(app_label, model_name, pk, attempt=0):
    backend = engine()
    if backend is None:
        return "no engine configured"
    model = apps.get_model(app_label, model_name)
    instance = model._default_manager.filter(pk=pk).first()
    indexed = get_indexed_instance(instance) if instance is not None else None
    try:
        index = backend.get_index_for_model(model)
        if not index.exists():
            # An engine reinstalled or wiped: recreate the index with the Vietnamese analysis
            # rather than let the engine guess a mapping (update_index then fills the rest).
            index.put()
            index.add_model(model)
        if indexed is not None:
            backend.add(indexed)
        else:
            backend.delete(model(pk=pk))
        # Searches remembered before this update would miss the document: forget them.
        chrome.bump()
    except Exception:
        if answers(backend, timeout=2):
            raise  # the engine is up and refused the document: a real error, in the log
        retry(update_engine, attempt, app_label, model_name, pk)
        return "engine down: retry scheduled"
    return "indexed" if indexed is not None else "removed"


def enqueue_update(sender, instance, raw=False, **kwargs):
    if raw or engine() is None:
        return
    update_engine.enqueue(instance._meta.app_label, instance._meta.model_name, str(instance.pk))


def reindex(model, pks):
    """Queue engine updates for rows changed without a save signal (a queryset update)."""
    if engine() is not None:
        for pk in pks:
            update_engine.enqueue(model._meta.app_label, model._meta.model_name, str(pk))
