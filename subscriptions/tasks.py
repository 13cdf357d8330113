"""The mail queue (TASKS["mail"], `manage.py db_worker --backend mail --queue-name mail`):
a publication matched against the subscriptions, and each subscriber's mail sent through
the send log (models.Delivery).

A subscription's mail takes every PENDING row of its log: one publication for an
immediate subscription, the day's for a daily one. The rows are marked SENDING and
committed before the SMTP call, SENT after the server accepts it: a task run twice, or a
worker restarted mid-send, never sends an accepted mail again (a mail the server may have
taken when the worker died stays SENDING, not resent, and shows in the report). A refusal
(SMTPException: a recipient refused, a 4xx, the server away) puts the rows back to PENDING
and the task is queued again after a growing delay; after MAX_ATTEMPTS the rows are FAILED
with the server's answer kept."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task
from wagtail.models import Page, Revision

from portal.core.topics import topic_kind
from subscriptions import mail
from subscriptions.events import kinds_for
from subscriptions.models import Delivery, Frequency, Publication, Subscription

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 6
MAX_DELAY = timedelta(hours=6)


@task(backend="mail", queue_name="mail")
def record_publication(page_pk, revision_pk, is_new):
    """The send log's rows for every confirmed subscription the publication concerns; the
    immediate ones' mails queued."""
    page = Page.objects.filter(pk=page_pk).first()
    revision = Revision.objects.filter(pk=revision_pk).first()
    if page is None or revision is None:
        return "page gone"
    page = page.specific
    if not page.live or page.get_view_restrictions():
        return "not public"
    kinds = kinds_for(page, is_new)
    subscriptions = []
    for kind in kinds:
        confirmed = Subscription.objects.filter(kind=kind.key, confirmed_at__isnull=False)
        values = set(confirmed.values_list("value", flat=True))
        matched = kind.matching(page, values)
        if matched:
            subscriptions += confirmed.filter(value__in=matched)
    if not subscriptions:
        return "nobody follows it"
    try:
        with transaction.atomic():
            publication = Publication.objects.create(
                page=page,
                revision_id=revision.pk,
                is_new=is_new,
                title=page.title[:255],
                summary=getattr(page, "summary", "") or getattr(page, "lead", "") or "",
                path=page.url or "",
                published_at=page.last_published_at or timezone.now(),
            )
    except IntegrityError:
        return "already recorded"
    # One row per subscription, even when two of its topics match (ignore_conflicts).
    Delivery.objects.bulk_create(
        [Delivery(subscription=s, publication=publication) for s in subscriptions],
        ignore_conflicts=True,
    )
    for subscription_pk in {s.pk for s in subscriptions if s.frequency == Frequency.IMMEDIATE}:
        send_subscription_mail.enqueue(subscription_pk)
    return f"{len(subscriptions)} subscriptions"


def retry(subscription_pk, attempt):
    delay = timedelta(seconds=settings.SUBSCRIPTION_RETRY_SECONDS * 2 ** (attempt - 1))
    delay = min(delay, MAX_DELAY)
    if send_subscription_mail.get_backend().supports_defer:
        send_subscription_mail.using(run_after=timezone.now() + delay).enqueue(subscription_pk)
    # Without a deferring queue (make run) the next daily run takes the rows up again.


@task(backend="mail", queue_name="mail")
def send_subscription_mail(subscription_pk):
    with transaction.atomic():
        rows = list(
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                subscription_id=subscription_pk,
                subscription__confirmed_at__isnull=False,
                status=Delivery.Status.PENDING,
            )
            .select_related("publication", "subscription__subscriber")
            .order_by("publication__published_at")
        )
        if not rows:
            return "nothing to send"
        ids = [row.pk for row in rows]
        Delivery.objects.filter(pk__in=ids).update(
            status=Delivery.Status.SENDING, attempts=F("attempts") + 1
        )
    subscription = rows[0].subscription
    message = mail.publications_message(subscription, [row.publication for row in rows])
    try:
        message.send(fail_silently=False)
    except (smtplib.SMTPException, OSError) as error:
        reason = f"{type(error).__name__}: {error}"[:2000]
        logged = Delivery.objects.filter(pk__in=ids)
        logged.filter(attempts__gte=MAX_ATTEMPTS).update(
            status=Delivery.Status.FAILED, last_error=reason
        )
        logged.filter(attempts__lt=MAX_ATTEMPTS).update(
            status=Delivery.Status.PENDING, last_error=reason
        )
        attempt = max(row.attempts for row in rows) + 1
        logger.warning("Subscription mail refused (attempt %s): %s", attempt, error)
        if not logged.filter(status=Delivery.Status.PENDING).exists():
            return "given up"
        retry(subscription_pk, attempt)
        return "refused: retry scheduled"
    Delivery.objects.filter(pk__in=ids).update(
        status=Delivery.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return f"sent {len(rows)}"


@task(backend="mail", queue_name="mail")
def send_confirmation(subscription_pk):
    """The double opt-in mail; no retry log: the citizen asks again if it never comes."""
    subscription = Subscription.objects.filter(pk=subscription_pk).first()
    if subscription is None or subscription.is_active or topic_kind(subscription.kind) is None:
        return "nothing to confirm"
    mail.confirmation_message(subscription).send(fail_silently=False)
    return "sent"


@task(backend="mail", queue_name="mail")
def send_manage_link(subscriber_pk):
    from subscriptions.models import Subscriber

    subscriber = Subscriber.objects.filter(pk=subscriber_pk).first()
    if subscriber is not None:
        mail.manage_message(subscriber).send(fail_silently=False)
