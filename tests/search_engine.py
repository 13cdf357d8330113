"""The search engine as the tests keep it: the queue's worker, indexing now, fresh empty
indexes."""

from django_tasks_db.management.commands.db_worker import Worker
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models

from search.engine import is_engine


def run_search_worker(max_tasks=None):
    """The search queue's worker, as `manage.py db_worker --backend search --batch` runs it
    (its Worker class directly: call_command trips over the option's default)."""
    Worker(
        queue_names=["search"],
        interval=0,
        batch=True,
        backend_name="search",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id="tests",
    ).run()


def refresh_engine(*pages):
    """Index `pages` in the engine now (the queue's worker would, see test_search_resilience)
    and make everything indexed searchable (the engine itself refreshes every second)."""
    backend = get_search_backend("default")
    if is_engine(backend):
        for page in pages:
            backend.add(page)
        backend.es.indices.refresh(index=f"{backend.index_prefix}*")


def empty_engine():
    """Fresh, empty engine indexes (swapped in by alias, as update_index does; this engine
    has no delete-by-query). The database's own index is emptied with the database."""
    backend = get_search_backend("default")
    if not is_engine(backend):
        return
    indexes = {}
    for model in get_indexed_models():
        indexes.setdefault(backend.get_index_for_model(model).name, []).append(model)
    for models in indexes.values():
        rebuilder = backend.rebuilder_class(backend.get_index_for_model(models[0]))
        fresh = rebuilder.start()
        for model in models:
            fresh.add_model(model)
        rebuilder.finish()
