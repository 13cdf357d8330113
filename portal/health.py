"""/healthz, for the round-the-clock monitoring of Art. 7.1: the database, the search
engine, file storage and the search queue, each "ok" or what is wrong; 503 if any is not."""

import shutil
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.models import Min
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from search.engine import engine_responds, is_engine

MIN_FREE_BYTES = 500 * 1024 * 1024


def database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def search_engine():
    backend = get_search_backend("default")
    if not is_engine(backend):
        return "ok"  # the database backend: the database check covers it
    return "ok" if engine_responds(backend, timeout=2) else "unavailable"


def storage():
    # Write and remove a file where uploads go: a full or read-only disk shows here first.
    name = default_storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    default_storage.delete(name)
    try:
        folder = default_storage.path("")
    except NotImplementedError:
        return "ok"  # an object store (MEDIA_S3_BUCKET): no disk of ours to fill up
    free = shutil.disk_usage(folder).free
    return "ok" if free >= MIN_FREE_BYTES else f"low disk space: {free // 2**20} MB free"


def search_queue():
    """How long the oldest index update due has waited: the worker is down or far behind
    when it grows past the limit (updates waiting for the engine to come back are not due)."""
    from django_tasks_db.models import DBTaskResult

    oldest = DBTaskResult.objects.ready().aggregate(oldest=Min("enqueued_at"))["oldest"]
    lag = timezone.now() - oldest if oldest else timedelta(0)
    if lag > timedelta(seconds=settings.HEALTH_MAX_QUEUE_LAG_SECONDS):
        return f"behind by {int(lag.total_seconds())} s"
    return "ok"


CHECKS = {
    "database": database,
    "search_engine": search_engine,
    "storage": storage,
    "search_queue": search_queue,
}


def report():
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as error:  # any failure is the monitor's news, not a 500
            results[name] = f"error: {type(error).__name__}"
    healthy = all(value == "ok" for value in results.values())
    return {"status": "ok" if healthy else "error", **results}, healthy
