"""The figures of information requests for the activity report (portal/reports.py): how many
were received in the period, how they were settled, in time or late, and on which grounds
they were refused."""

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from information_requests.models import InformationRequest
from portal.core.figures import Table, bounds


def information_requests(start, end, today=None):
    lo, hi = bounds(start, end)
    received = InformationRequest.objects.filter(received_at__gte=lo, received_at__lt=hi)
    rows = list(received)
    status = InformationRequest.Status
    answered = [row for row in rows if row.status == status.ANSWERED]
    refused = [row for row in rows if row.status == status.REFUSED]
    today = today or timezone.localdate()

    def late(row):
        return timezone.localdate(row.decided_at) > row.deadline

    summary = Table(
        _("Information requests"),
        [_("Figure"), _("Requests")],
        [
            [_("Received"), len(rows)],
            [_("Information provided"), len(answered)],
            [_("Refused"), len(refused)],
            [_("Answered after the deadline"), sum(late(row) for row in answered + refused)],
            [_("Period extended"), sum(1 for row in rows if row.extension_days)],
            [_("Waiting for an answer"), sum(1 for row in rows if row.is_open)],
            [_("Waiting, past the deadline"), sum(1 for row in rows if row.is_overdue(today))],
        ],
    )
    grounds = dict(InformationRequest.Ground.choices)
    per_ground = (
        received.filter(status=status.REFUSED)
        .values_list("refusal_ground")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    refusals = Table(
        _("Refusals by legal ground"),
        [_("Legal ground"), _("Requests")],
        [[grounds.get(ground, ground), n] for ground, n in per_ground],
        chart=1,
    )
    return [summary, refusals]
