from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query

from search.models import UnansweredQuery

PERMISSION = "search.view_search_statistics"
POPULAR_DAYS, UNANSWERED_DAYS, ROWS = 30, 90, 50


def search_terms(request):
    """The editors' view of public search: the most asked queries of the last 30 days, and
    the queries of the last 90 days that found nothing (content to write, or synonyms to
    promote)."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    today = timezone.localdate()
    return TemplateResponse(
        request,
        "search/admin/search_terms.html",
        {
            "popular": Query.get_most_popular(date_since=today - timedelta(days=POPULAR_DAYS))[
                :ROWS
            ],
            "unanswered": UnansweredQuery.objects.filter(
                date__gte=today - timedelta(days=UNANSWERED_DAYS)
            )
            .values("query_string")
            .annotate(hits=Sum("hits"), last_asked=Max("date"))
            .order_by("-hits", "query_string")[:ROWS],
            "popular_days": POPULAR_DAYS,
            "unanswered_days": UNANSWERED_DAYS,
        },
    )
