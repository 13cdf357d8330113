from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from subscriptions.models import Frequency, Subscriber, Subscription


def run_mail_worker():
    """The mail queue's worker, as `manage.py db_worker --backend mail --batch` runs it, in
    the test's transaction: its check of old connections between tasks would close the
    test's own (it sees a connection not in autocommit), so it is left out here. A task
    that failed fails the test with its error."""
    check = db_worker.close_old_connections
    db_worker.close_old_connections = lambda: None
    try:
        db_worker.Worker(
            queue_names=["mail"],
            interval=0,
            batch=True,
            backend_name="mail",
            startup_delay=False,
            max_tasks=None,
            worker_id="tests",
        ).run()
    finally:
        db_worker.close_old_connections = check
    failed = DBTaskResult.objects.filter(queue_name="mail", status=TaskResultStatus.FAILED)
    assert not failed.exists(), [result.traceback for result in failed]


def subscribed(email, kind, value, confirmed=True, frequency=Frequency.IMMEDIATE):
    subscriber = Subscriber.objects.get_or_create(email=email)[0]
    return Subscription.objects.create(
        subscriber=subscriber,
        kind=kind,
        value=str(value),
        frequency=frequency,
        confirmed_at=timezone.now() if confirmed else None,
    )
