"""The daily run of subscriptions (a systemd timer, docs/operations.md): each daily
subscriber's summary of the day's publications queued on the mail queue, the mails still
waiting for any subscription queued again, and requests never confirmed within
UNCONFIRMED_DAYS deleted with their address."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from subscriptions.models import Delivery, Subscriber, Subscription
from subscriptions.tasks import send_subscription_mail

UNCONFIRMED_DAYS = 7


class Command(BaseCommand):
    help = "Queue the daily subscription mails and delete unconfirmed requests."

    def handle(self, *args, **options):
        waiting = (
            Delivery.objects.filter(
                status=Delivery.Status.PENDING, subscription__confirmed_at__isnull=False
            )
            .values_list("subscription", flat=True)
            .distinct()
        )
        queued = 0
        for subscription_pk in waiting:
            send_subscription_mail.enqueue(subscription_pk)
            queued += 1
        cutoff = timezone.now() - timedelta(days=UNCONFIRMED_DAYS)
        stale = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff)
        deleted = stale.delete()[1].get(Subscription._meta.label, 0)
        Subscriber.objects.filter(subscriptions__isnull=True).delete()
        self.stdout.write(f"{queued} subscription mails queued, {deleted} unconfirmed deleted")
