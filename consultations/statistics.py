"""Drafts for comment in the activity report (portal/reports.py assembles it): the drafts
whose comment period overlapped the days start..end, by their status on the last day, the
comments received in the period, and the drafts with a published synthesis."""

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from consultations.models import Comment, DraftPage, Status, annotate_status
from portal.core.figures import Table, bounds


def consultations(start, end):
    lo, hi = bounds(start, end)
    drafts = DraftPage.objects.live().filter(comment_start__lte=end, comment_end__gte=start)
    by_status = dict(
        annotate_status(drafts, day=end)
        .values_list("current_status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    comments = Comment.objects.filter(received_at__gte=lo, received_at__lt=hi)
    synthesised = drafts.filter(comment_end__lt=end).exclude(synthesis="").count()
    return [
        Table(
            _("Drafts for comment"),
            [_("Figure"), pgettext("report", "Number")],
            [
                [_("Drafts open for comment at some time in the period"), drafts.count()],
                [_("Comments received"), comments.count()],
                [_("Drafts whose synthesis is published"), synthesised],
            ],
        ),
        Table(
            _("Drafts by status on the last day"),
            [_("Status"), pgettext("report", "Drafts")],
            [[label, by_status.get(value, 0)] for value, label in Status.choices],
            chart=1,
        ),
    ]
