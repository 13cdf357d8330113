"""Subscriptions by email: who follows what (a topic kind of portal/core/topics.py and its
value), confirmed by a link in a mail (double opt-in), and the send log: one row per
subscription and publication, so a mail the SMTP server accepted is never sent again.

Personal data: an email address, and nothing else; no account. Unconfirmed subscriptions
are deleted after UNCONFIRMED_DAYS (send_subscription_digests), an unsubscribe deletes the
subscription and its log, the manage page deletes everything of an address."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.topics import topic_kind


def new_token():
    return secrets.token_urlsafe(24)  # 192 bits: not to be guessed


class Subscriber(models.Model):
    email = models.EmailField(_("email address"), unique=True)
    # The manage page's link: whoever holds it (it is only ever mailed) manages the address.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self):
        return self.email


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("At once, one mail per publication")
    DAILY = "daily", _("Once a day, a summary")


class Subscription(models.Model):
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    kind = models.CharField(_("kind"), max_length=40)
    value = models.CharField(_("value"), max_length=2000, blank=True)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    # The confirm and unsubscribe links of this subscription.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "kind", "value"], name="one_subscription_per_topic"
            )
        ]
        indexes = [models.Index(fields=["kind", "value"])]

    def __str__(self):
        return self.describe()

    @property
    def is_active(self):
        return self.confirmed_at is not None

    def describe(self):
        kind = topic_kind(self.kind)
        return kind.describe(self.value) if kind else self.kind


class Publication(models.Model):
    """A page published that concerns at least one subscription: what the mails say of it."""

    page = models.ForeignKey("wagtailcore.Page", null=True, on_delete=models.SET_NULL)
    revision_id = models.PositiveIntegerField()
    is_new = models.BooleanField()
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    path = models.CharField(max_length=2000)
    published_at = models.DateTimeField()

    class Meta:
        constraints = [
            # The task recording a publication may run twice (a worker restarted).
            models.UniqueConstraint(fields=["page", "revision_id"], name="one_publication")
        ]


class Delivery(models.Model):
    """The send log: one row per (subscription, publication). SENDING is written before the
    SMTP call and SENT after it accepts; a row in either state is never sent again. A
    refusal puts the row back to PENDING for a retry, or FAILED after MAX_ATTEMPTS."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("accepted by the mail server")
        FAILED = "failed", _("given up")

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "publication"], name="one_delivery_per_publication"
            )
        ]
        indexes = [models.Index(fields=["status", "subscription"])]
