"""An engine that answers its health check but cannot take a document in time (a cluster
whose node holding the primary copy just stopped, the others not yet agreed on a new one):
the update waits on the queue and is tried again, never dropped as failed."""

import copy
import time

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search.engine import engine_responds
from search.tasks import update_engine
from tests.builders import article

pytestmark = pytest.mark.search


@pytest.fixture
def engine_short_of_copies(settings):
    """The pages' index asks every copy to confirm each write while it has a copy no node can
    hold (one node): each write waits, and the client gives up after a second."""
    backends = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
    backends["default"]["TIMEOUT"] = 1
    settings.WAGTAILSEARCH_BACKENDS = backends
    engine = get_search_backend("default")
    index = engine.get_index_for_model(Page).name
    written = []  # the pks the test asks the engine to index
    short = {"number_of_replicas": 1, "write.wait_for_active_shards": "all"}
    engine.es.indices.put_settings(index=index, body={"index": short})
    try:
        yield engine, written
    finally:
        restored = {"number_of_replicas": 0, "write.wait_for_active_shards": "1"}
        engine.es.indices.put_settings(index=index, body={"index": restored})
        # The write the client gave up on is still waiting in the engine, and goes through
        # now: wait for it, then take its document out with the test's data.
        for _ in range(100):
            engine.es.indices.refresh(index=index)
            if engine.es.count(index=index, body={"query": {"ids": {"values": written}}})["count"]:
                break
            time.sleep(0.1)
        for pk in written:
            engine.es.delete(index=index, id=pk, refresh=True, ignore=[404])


def test_an_update_the_engine_cannot_take_in_time_is_tried_again(portal, engine_short_of_copies):
    engine, written = engine_short_of_copies
    page = article("Thông báo lịch trực tiếp dân")
    DBTaskResult.objects.all().delete()
    assert engine_responds(engine)
    written.append(str(page.pk))
    answer = update_engine.call("home", "articlepage", str(page.pk))
    assert answer == "engine down: retry scheduled"
    [again] = DBTaskResult.objects.filter(queue_name="search", status=TaskResultStatus.READY)
    assert again.args_kwargs["args"] == ["home", "articlepage", str(page.pk), 1]
