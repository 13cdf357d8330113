"""django-tasks-db's `db_worker`, surviving a dropped database connection.

The upstream worker dies on the first query after its connection is cut (a database
restart, a failover, an administrator's pg_terminate_backend) with InterfaceError or
OperationalError, and the search queue stops until someone restarts it. This one closes the
dead connection, waits a moment and carries on; systemd's Restart=always (docs/operations.md) covers
everything else."""

import logging
import os
import time

from django.db import InterfaceError, OperationalError, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands import db_worker as upstream
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("django_tasks_db")
WORKER_OPTIONS = ["interval", "backend_name", "startup_delay", "max_tasks", "worker_id"]


class Worker(upstream.Worker):
    def run(self):
        interrupted = False
        while True:
            try:
                if interrupted:
                    self.put_back_interrupted()
                return super().run()
            except (InterfaceError, OperationalError) as error:
                if not self.running:
                    raise
                logger.warning("Database connection lost (%s); reconnecting.", error)
                # The next query opens a new connection; a closed one is never reused.
                connections.close_all()
                interrupted = True
                time.sleep(max(self.interval, 1))

    def put_back_interrupted(self):
        """A task this worker was running when the connection dropped could not record its
        end: it stays "running" for ever unless it is queued again (search updates may run
        twice)."""
        for result in DBTaskResult.objects.running():
            if result.worker_ids[-1:] == [self.worker_id]:
                result.status = TaskResultStatus.READY
                result.save(update_fields=["status"])


class Command(upstream.Command):
    """The same options as upstream's; only the worker differs."""

    def handle(self, *, verbosity, queue_name, reload, batch, **options):
        self.configure_logging(verbosity)
        worker = Worker(
            queue_names=queue_name.split(","),
            batch=batch,
            **{key: options[key] for key in WORKER_OPTIONS},
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only in the child process
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
