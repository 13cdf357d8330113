"""The search engine as the tests keep it: the queue's worker, indexing now, fresh empty
indexes."""

from django_tasks_db.management.commands.db_worker import Worker
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models

from search.engine import is_engine

# Whether the running test put anything in the engine (refresh_engine, the worker): its
# rolled-back transaction does not take it out again; tests/conftest.py does after the test.
touched = False


def run_search_worker(max_tasks=None):
    """The search queue's worker, as `manage.py db_worker --backend search --batch` runs it
    (its Worker class directly: call_command trips over the option's default)."""
    global touched
    touched = True
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
    global touched
    touched = True
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


def left_behind():
    """{index: ids} of what the engine holds that the database no longer has: a test that
    indexed content and rolled its transaction back without taking it out of the engine
    leaves it there, where it takes a place among the next modules' ranked hits."""
    backend = get_search_backend("default")
    if not is_engine(backend):
        return {}
    backend.es.indices.refresh(index=f"{backend.index_prefix}*")
    stale = {}
    for model in get_indexed_models():
        if model._meta.parents:  # indexed in its concrete root's index, checked there
            continue
        index = backend.get_index_for_model(model).name
        answer = backend.es.search(index=index, body={"size": 10000, "_source": False})
        ids = {hit["_id"] for hit in answer["hits"]["hits"]}
        kept = {str(pk) for pk in model.objects.filter(pk__in=ids).values_list("pk", flat=True)}
        if ids - kept:
            stale[index] = sorted(ids - kept, key=int)
    return stale


def take_back_left_behind():
    """Delete from the engine what the database no longer has (see left_behind)."""
    global touched
    touched = False
    backend = get_search_backend("default")
    stale = left_behind()
    for index, ids in stale.items():
        body = [{"delete": {"_index": index, "_id": pk}} for pk in ids]
        backend.es.bulk(body=body, refresh=True)
    return stale
