"""Search-engine index updates as background tasks on a database queue (TASKS["search"]).

A save commits its task with the data, so nothing is lost when the engine is down: the worker
(`manage.py db_worker --backend search`) tries, and while the engine does not answer it puts
the task back with a growing delay, until it does. The database search backend is updated in
the request itself, so public search can fall back on it meanwhile."""

import logging
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_instance, get_indexed_models

from portal.core import cache as portal_cache
from search.engine import engine_failed, engine_responds, is_engine

logger = logging.getLogger(__name__)
MAX_DELAY = timedelta(minutes=5)


def engine():
    backend = get_search_backend("default")
    return backend if is_engine(backend) else None


def waiting_on_engine(error, backend):
    """Whether the update failed for the engine's sake, so it waits on the queue to be tried
    again: the engine is down, or it answers but could not take the write (no connection, a
    timeout, a 5xx: in a cluster, a node that held the primary copy just stopped and the
    others have not yet promoted a replica). Any other answer is about the document."""
    return engine_failed(error) or not engine_responds(backend, timeout=2)


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
        # An engine new, reinstalled or wiped: the complete index first, never one the engine
        # guesses from this one document.
        prepare_engine(backend)
        if indexed is not None:
            backend.add(indexed)
        else:
            backend.delete(model(pk=pk))
        # Searches remembered before this update would miss the document: forget them.
        portal_cache.new_generation()
    except Exception as error:
        if not waiting_on_engine(error, backend):
            raise  # the engine is up and refused the document: a real error, in the log
        retry(update_engine, attempt, app_label, model_name, pk)
        return "engine down: retry scheduled"
    return "indexed" if indexed is not None else "removed"


def indexes(backend):
    """{index: [models]}: every indexed model under the index it shares (all page types
    share one)."""
    grouped = {}
    for model in get_indexed_models():
        index = backend.get_index_for_model(model)
        grouped.setdefault(index.name, (index, []))[1].append(model)
    return dict(grouped.values())


def prepare_engine(backend=None):
    """Whoever reaches an empty engine first (the worker, a request, setup_portal) creates
    every index with every model's mapping and the Vietnamese analysis, and queues a full
    rebuild: until it swaps a filled index in (an alias), public search uses the database."""
    backend = backend or engine()
    if backend is None:
        return
    created = False
    for index, models in indexes(backend).items():
        if index.exists():
            continue
        try:
            index.put()
        except Exception:
            if not index.exists():
                raise  # not another worker or request creating it at the same moment
        for model in models:
            index.add_model(model)
        created = True
    if created or not backend.get_index_for_model(Page).is_alias():
        queue_rebuild()


def queue_rebuild():
    pending = DBTaskResult.objects.filter(
        task_path=rebuild_engine.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    )
    if not pending.exists():
        rebuild_engine.enqueue()


@task(backend="search", queue_name="search")
def rebuild_engine(attempt=0):
    """Every index built anew and filled, then swapped in (update_index)."""
    if engine() is None:
        return "no engine configured"
    try:
        call_command("update_index", backend_name="default", verbosity=0)
    except Exception as error:
        if not waiting_on_engine(error, engine()):
            raise
        retry(rebuild_engine, attempt)
        return "engine down: retry scheduled"
    # Searches remembered from the database, and the "not ready" state, are out of date.
    cache.delete("search:engine-up")
    portal_cache.new_generation()
    return "rebuilt"


def enqueue_update(sender, instance, raw=False, **kwargs):
    if raw or engine() is None:
        return
    update_engine.enqueue(instance._meta.app_label, instance._meta.model_name, str(instance.pk))


def reindex(model, pks):
    """Queue engine updates for rows changed without a save signal (a queryset update)."""
    if engine() is not None:
        for pk in pks:
            update_engine.enqueue(model._meta.app_label, model._meta.model_name, str(pk))
