"""How often each legal document is opened and its files downloaded, from the visitor
counter (portal/visits.py: counts per page or file and day, nothing about who): the counts
on a document's page, the registry's "most viewed" and "most downloaded" lists and the
activity report's (legal_docs/statistics.py)."""

from django.db.models import Sum
from django.db.models.expressions import RawSQL
from django.utils import timezone

from legal_docs.models import LegalDocumentFile, LegalDocumentPage, page_rows
from portal.core import cache
from portal.core.models import DailyDownloads, DailyVisits

TOP = 5


def with_usage(documents):
    """`documents` with `views` and `downloads` (all time) in the same query.

    Written as SQL: the same two sums as ORM subqueries (OuterRef inside OuterRef) took
    1.2 ms of the ORM's time to compile on every document page, more than the rest of the
    page's main query; this costs nothing to compile and plans the same."""
    page = page_rows.outer_column()
    views = (
        f'SELECT COALESCE(SUM(v."count"), 0) FROM "{DailyVisits._meta.db_table}" v '
        f"WHERE v.page_id = {page}"
    )
    downloads = (
        f'SELECT COALESCE(SUM(d."count"), 0) FROM "{DailyDownloads._meta.db_table}" d '
        f"WHERE d.document_id IN (SELECT f.document_id "
        f'FROM "{LegalDocumentFile._meta.db_table}" f WHERE f.page_id = {page})'
    )
    return documents.annotate(views=RawSQL(views, ()), downloads=RawSQL(downloads, ()))


def in_period(rows, start, end):
    if start:
        rows = rows.filter(date__gte=start)
    if end:
        rows = rows.filter(date__lte=end)
    return rows


def views_per_document(documents, start=None, end=None):
    """{document pk: page views} of `documents` (a queryset) over start..end (all time)."""
    rows = in_period(DailyVisits.objects.filter(page_id__in=documents.values("pk")), start, end)
    return dict(rows.values_list("page_id").annotate(n=Sum("count")).order_by())


def downloads_per_document(documents, start=None, end=None):
    """{document pk: downloads of its files} of `documents` over start..end (all time)."""
    files = LegalDocumentFile.objects.filter(page_id__in=documents.values("pk"))
    rows = DailyDownloads.objects.filter(document_id__in=files.values("document_id"))
    per_file = dict(
        in_period(rows, start, end).values_list("document_id").annotate(n=Sum("count")).order_by()
    )
    counts = {}
    for page_id, document_id in files.values_list("page_id", "document_id"):
        if document_id in per_file:
            counts[page_id] = counts.get(page_id, 0) + per_file[document_id]
    return counts


def most(counts, size=TOP):
    """The `size` largest of {pk: count}, largest first (the older page first on a tie)."""
    return sorted(((pk, n) for pk, n in counts.items() if n), key=lambda i: (-i[1], i[0]))[:size]


def rows_of(counts, size=TOP):
    """[(url, number/symbol, summary, count)] of the documents most counted."""
    top = most(counts, size)
    pages = LegalDocumentPage.objects.filter(pk__in=[pk for pk, _n in top])
    pages = pages.only("title", "slug", "path", "depth", "url_path", "number_symbol", "summary")
    by_pk = pages.in_bulk()
    return [
        (by_pk[pk].get_url(), by_pk[pk].number_symbol, by_pk[pk].summary, n)
        for pk, n in top
        if pk in by_pk
    ]


def most_read(documents, key):
    """The registry's side column: the documents of `documents` most viewed and most
    downloaded, all time. Kept until content changes or for an hour at most: the counts
    move with every visit, the lists seldom."""
    hour = timezone.localtime().strftime("%Y%m%d%H")

    def build():
        return {
            "viewed": rows_of(views_per_document(documents)),
            "downloaded": rows_of(downloads_per_document(documents)),
        }

    return cache.get_or_build(f"legal_docs:most-read:{cache.generation()}:{hour}:{key}", build)
