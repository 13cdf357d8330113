"""Subscriptions for the activity report (portal/reports.py): how many follow each kind of
topic, and the mail sent; counts only, never an address."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from portal.core.figures import Table, bounds
from portal.core.topics import topic_kind
from subscriptions.models import Delivery, Subscription


def subscriptions(start, end):
    lo, hi = bounds(start, end)
    # Standing on the last day of the period (an unsubscribe deletes, so only today's are
    # known exactly; earlier periods count those still subscribed).
    standing = Subscription.objects.filter(confirmed_at__lt=hi)
    per_kind = (
        standing.values("kind")
        .annotate(
            subscriptions=Count("pk"),
            subscribers=Count("subscriber", distinct=True),
            new=Count("pk", filter=Q(confirmed_at__gte=lo)),
        )
        .order_by("-subscriptions", "kind")
    )
    rows = []
    for row in per_kind:
        kind = topic_kind(row["kind"])
        label = str(kind.label) if kind else row["kind"]
        rows.append([label, row["subscribers"], row["subscriptions"], row["new"]])
    log = Delivery.objects.filter(created_at__gte=lo, created_at__lt=hi)
    statuses = dict(log.values_list("status").annotate(n=Count("pk")).order_by())
    return [
        Table(
            _("Subscribers by topic"),
            [
                _("Kind of topic"),
                pgettext("report", "Subscribers"),
                pgettext("report", "Subscriptions"),
                _("New in the period"),
            ],
            rows,
            chart=1,
            note=_("Confirmed subscriptions only; addresses are not shown."),
        ),
        Table(
            _("Subscription mail"),
            [_("Figure"), pgettext("report", "Number")],
            [
                [_("Subscribers in all"), standing.values("subscriber").distinct().count()],
                [
                    _("Publications mailed, accepted by the mail server"),
                    statuses.get(Delivery.Status.SENT, 0),
                ],
                [
                    _("Waiting or being retried"),
                    statuses.get(Delivery.Status.PENDING, 0)
                    + statuses.get(Delivery.Status.SENDING, 0),
                ],
                [_("Given up after repeated refusals"), statuses.get(Delivery.Status.FAILED, 0)],
            ],
        ),
    ]
