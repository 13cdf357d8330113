"""The public registry listing: filters, counts per filter value, sorting, pagination.

Every facet counts what the visitor would get by choosing that value with the other
filters kept, so a number next to an option is never a dead end."""

import hashlib

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import PageViewRestriction

from legal_docs import registry_search, usage
from legal_docs.models import (
    DocumentType,
    IssuingAuthority,
    LegalDocumentPage,
    LegalField,
    Validity,
    annotate_validity,
)
from legal_docs.models.validity import today
from legal_docs.numbering import number_key
from portal.core import cache as portal_cache
from portal.core.cache import TIMEOUT
from portal.core.pages import PAGE_SIZE
from search.engine import (
    clean_query,
    is_engine,
    page_number,
    ranked_pks,
    remembered,
    with_fallback,
)

SORTS = {
    "-issue_date": ("-issue_date", _("Newest issue date first")),
    "issue_date": ("issue_date", _("Oldest issue date first")),
    "-effective_date": ("-effective_date", _("Newest effective date first")),
    "effective_date": ("effective_date", _("Oldest effective date first")),
}


MAX_ID = 2**31 - 1


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Words in the document"), required=False, max_length=10_000)
    so = forms.CharField(label=_("Number/symbol"), required=False, max_length=100)
    # Ids within the database's integer range: a larger one is a bad link, not a search for
    # the engine or PostgreSQL to refuse.
    loai = forms.IntegerField(
        label=_("Document type"), required=False, min_value=1, max_value=MAX_ID
    )
    co_quan = forms.IntegerField(
        label=_("Issuing authority"), required=False, min_value=1, max_value=MAX_ID
    )
    nguoi_ky = forms.CharField(label=_("Signer"), required=False, max_length=255)
    linh_vuc = forms.IntegerField(
        label=pgettext_lazy("subject area", "Field"), required=False, min_value=1, max_value=MAX_ID
    )
    nam = forms.IntegerField(
        label=_("Year of issue"), required=False, min_value=1945, max_value=2100
    )
    tu_ngay = forms.DateField(label=_("Issued from"), required=False)
    den_ngay = forms.DateField(label=_("Issued until"), required=False)
    hieu_luc = forms.ChoiceField(
        label=_("Validity"), required=False, choices=[("", "")] + Validity.choices
    )
    sap_xep = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(key, label) for key, (_o, label) in SORTS.items()],
    )

    # The fields keep the URL's names, which citizens' links and bookmarks hold; the code
    # behind the form knows each filter by its English name.
    NAMES = {
        "q": "words",
        "so": "number",
        "loai": "doc_type",
        "co_quan": "authority",
        "nguoi_ky": "signer",
        "linh_vuc": "field",
        "nam": "year",
        "tu_ngay": "issued_from",
        "den_ngay": "issued_until",
        "hieu_luc": "validity",
        "sap_xep": "sort",
    }
    URL_NAMES = {name: url_name for url_name, name in NAMES.items()}

    def clean(self):
        data = super().clean()
        start, end = data.get("tu_ngay"), data.get("den_ngay")
        if start and end and start > end:
            raise forms.ValidationError(_("The start date must not be after the end date."))
        return data

    def filters(self):
        """The accepted values by their English names ({} when nothing was asked)."""
        data = self.cleaned_data if self.is_bound else {}
        return {self.NAMES[name]: value for name, value in data.items()}


# What a row of the listing shows: its link, number, date, summary, type and authority (the
# validity is computed in the query), not the full text.
LISTED = ["title", "slug", "path", "depth", "url_path", "live", "number_symbol", "summary"]
LISTED += ["issue_date", "document_type__name", "issuing_authority__name"]

# filter name -> (field to group by, field giving the option's label)
FACETS = {
    "doc_type": ("document_type", "document_type__name"),
    "authority": ("issuing_authority", "issuing_authority__name"),
    "signer": ("signer", None),
    "field": ("fields", "fields__name"),
    "year": ("issue_year", None),
    "validity": ("validity", None),
}


def apply_filters(queryset, data, skip=None):
    lookups = {
        "doc_type": lambda qs, v: qs.filter(document_type_id=v),
        "authority": lambda qs, v: qs.filter(issuing_authority_id=v),
        "signer": lambda qs, v: qs.filter(signer=v),
        "field": lambda qs, v: qs.filter(fields__id=v),
        "year": lambda qs, v: qs.filter(issue_date__year=v),
        "issued_from": lambda qs, v: qs.filter(issue_date__gte=v),
        "issued_until": lambda qs, v: qs.filter(issue_date__lte=v),
        "validity": lambda qs, v: qs.filter(validity=v),
        "number": lambda qs, v: qs.filter(number_key__contains=number_key(v)),
    }
    for name, apply in lookups.items():
        value = data.get(name)
        if name != skip and value not in (None, ""):
            queryset = apply(queryset, value)
    return queryset


def facets(base, data):
    """One grouped query per facet; options come from the rows, so a value with no document
    under the other filters is not offered."""
    result = {}
    for name, (field, label) in FACETS.items():
        queryset = apply_filters(base, data, skip=name)
        if field == "issue_year":
            queryset = queryset.annotate(issue_year=ExtractYear("issue_date"))
        columns = [field, label] if label else [field]
        # Only the many-to-many join can count a document twice.
        count = Count("pk", distinct=field == "fields")
        rows = queryset.order_by().values(*columns).annotate(n=count)
        result[name] = [
            (row[field], row[label] if label else row[field], row["n"])
            for row in rows
            if row[field] is not None
        ]
    return in_order(result)


def in_order(result):
    """The options of each facet as the listing shows them: signers by their label with their
    title (a document without one is not an option), years newest first, validity in its
    order, the rest by name."""
    result["signer"] = registry_search.signer_options(
        {value: n for value, _label, n in result["signer"]}
    )
    result["year"].sort(reverse=True)
    labels = dict(Validity.choices)
    result["validity"] = sorted(
        ((value, labels[value], n) for value, _label, n in result["validity"]),
        key=lambda option: Validity.values.index(option[0]),
    )
    result["doc_type"].sort(key=lambda option: option[1])
    result["authority"].sort(key=lambda option: option[1])
    result["field"].sort(key=lambda option: option[1])
    return result


# The filters the counts table answers, in the order of its columns (the field last, in the
# second table only), and the largest table kept: a registry more varied counts in SQL.
TABLE = ["doc_type", "authority", "signer", "year", "validity", "field"]
TABLE_LIMIT = 100_000


class CountsTable:
    """The registry's documents counted by type, authority, signer, year and validity, and
    again with each of their fields: every filter-only listing's counts add up from these rows
    in this process, so a combination of filters nobody asked before costs no query.

    `rows` are (type, authority, signer, year, validity, n), `by_field` the same with the field
    before n (a document once per field it has). Each table is also indexed by the value of
    each column, so a combination adds up only the rows that miss at most one of its filters."""

    def __init__(self, rows, by_field, labels):
        self.labels = labels
        self.tables = []
        for table, width in ((rows, 5), (by_field, 6)):
            index = [{} for _column in range(width)]
            for row in table:
                for column in range(width):
                    index[column].setdefault(row[column], []).append(row)
            totals = tally(table, {}, width)
            self.tables.append((table, index, totals))

    def facets(self, data):
        chosen = {TABLE.index(name): value for name, value in data.items() if name in TABLE}
        chosen = {column: value for column, value in chosen.items() if value not in (None, "")}
        # With a field chosen every count comes from the table by field (its rows of that
        # field count each document once); else only the field's own counts do.
        counts = self.count(1, chosen)
        if 5 not in chosen:
            counts[:5] = self.count(0, chosen)
        result = {}
        for column, name in enumerate(TABLE):
            labels = self.labels.get(name)
            result[name] = [
                (value, labels[value] if labels else value, n)
                for value, n in counts[column].items()
                if value is not None and (labels is None or value in labels)
            ]
        return in_order(result)

    def count(self, which, chosen):
        table, index, totals = self.tables[which]
        if not chosen:
            return [dict(column) for column in totals]
        # The two most selective filters: a row missing at most one of the chosen filters
        # holds the value of the first or, if not, of the second.
        (first, value), *rest = sorted(chosen.items(), key=lambda c: len(index[c[0]].get(c[1], ())))
        rows = index[first].get(value, [])
        if rest:
            second, other = rest[0]
            rows = rows + [row for row in index[second].get(other, ()) if row[first] != value]
        counts = tally(rows, chosen, len(index))
        if not rest:  # the only filter's own counts are the whole registry's
            counts[first] = dict(totals[first])
        return counts


def tally(rows, chosen, width):
    """[{value: documents}] per column of `rows`, each column counted under every chosen
    filter but its own ({column: value})."""
    counts = [{} for _column in range(width)]
    wanted = list(chosen.items())
    for row in rows:
        missed = None
        for column, value in wanted:
            if row[column] != value:
                if missed is not None:
                    break
                missed = column
        else:
            n = row[-1]
            for column in range(width) if missed is None else (missed,):
                bucket = counts[column]
                bucket[row[column]] = bucket.get(row[column], 0) + n
    return counts


def counts_table(base):
    """(rows, by_field, labels) for a CountsTable of `base`, or None past TABLE_LIMIT rows."""
    columns = ["document_type", "issuing_authority", "signer", "issue_year", "validity"]
    dated = base.annotate(issue_year=ExtractYear("issue_date")).order_by()
    by_field = dated.filter(fields__isnull=False).values_list(*columns, "fields")
    by_field = list(by_field.annotate(n=Count("pk"))[: TABLE_LIMIT + 1])
    if len(by_field) > TABLE_LIMIT:
        return None
    rows = list(dated.values_list(*columns).annotate(n=Count("pk"))[: TABLE_LIMIT + 1])
    if len(rows) > TABLE_LIMIT:
        return None
    labels = {
        "doc_type": dict(DocumentType.objects.values_list("pk", "name")),
        "authority": dict(IssuingAuthority.objects.values_list("pk", "name")),
        "field": dict(LegalField.objects.values_list("pk", "name")),
    }
    return rows, by_field, labels


def cached_facets(index_page, data, base=None):
    """Counts over the whole registry cost a scan; they are kept until the next publish (a
    new cache generation) or the next day (validity depends on the date). Filters the counts
    table answers add up from it; any other (dates, number, words) count in SQL, a search's
    keyed by its words too, so a popular query costs its counts once."""

    def documents():  # the query built only for counts that are not kept yet
        return listed_documents(index_page) if base is None else base

    day = f"{portal_cache.generation()}:{today().isoformat()}:{index_page.pk}"
    if all(name in TABLE or value in (None, "") for name, value in data.items() if name != "sort"):
        key = f"legal_docs:counts-table:{day}"
        table = portal_cache.get_or_build_object(
            f"legal_docs:counts-table:{index_page.pk}", key, lambda: counts_table_of(key, documents)
        )
        if table is not None:
            return table.facets(data)
    # Not "legal_docs:facets:", under which a shared cache may still hold counts by the
    # URL's names from before the English ones.
    key = f"legal_docs:filter-counts:{day}:{hashlib.sha1(repr(sorted(data.items())).encode()).hexdigest()}"
    return portal_cache.get_or_build(key, lambda: facets(documents(), data))


def counts_table_of(key, documents):
    # The rows shared by every process (one scan per publish), the index built in each.
    built = portal_cache.cache.get_or_set(key, lambda: counts_table(documents()) or False, TIMEOUT)
    return CountsTable(*built) if built else None


def total_from(options, data):
    # The validity facet ignores only the validity filter, so its counts add up to the total.
    chosen = data.get("validity")
    return sum(n for value, _label, n in options if not chosen or value == chosen)


SEARCH_LIMIT = 200


def database_search(index_page, base, data, query, number, backend):
    """The registry's search on the database backend, while the engine is away or where
    there is none: the best 200 matches, then the filters and counts among them in SQL.
    Answers as registry_search.ask() does, and whether the 200 were reached."""
    ranked = ranked_pks(query, LegalDocumentPage.objects.live(), backend, SEARCH_LIMIT)
    base = base.filter(pk__in=ranked)
    documents = apply_filters(base, data)
    sort = data.get("sort")
    if sort:
        pks = list(documents.order_by(SORTS[sort][0], "-pk").values_list("pk", flat=True))
    else:
        position = {pk: index for index, pk in enumerate(ranked)}
        pks = sorted(documents.values_list("pk", flat=True), key=position.__getitem__)
    number = min(number, max((len(pks) + PAGE_SIZE - 1) // PAGE_SIZE, 1))
    shown = pks[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    return shown, len(pks), facets(base, data), number, len(ranked) >= SEARCH_LIMIT


def search_context(index_page, base, data, query, number):
    """(page, facets, capped, degraded) of a search in the registry: on the engine exactly
    (legal_docs/registry_search.py), on the database among the best 200. Remembered until
    content or the index changes."""

    def run(backend):
        if is_engine(backend):
            found = registry_search.ask(index_page, query, data, number, backend, today())
            answer = (found.pks, found.total, found.facets, found.number, False)
        else:
            answer = database_search(index_page, base, data, query, number, backend)
        pks, total, options, shown, capped = answer
        approximate = []
        # Every word together found less than a page: the best partial matches follow.
        if shown == 1 and total < PAGE_SIZE and not data.get("sort"):
            limit = PAGE_SIZE - len(pks)
            chosen = apply_filters(base, data)
            approximate = registry_search.partial(chosen, query, pks, limit, backend)
        return pks + approximate, total + len(approximate), options, shown, capped, approximate

    key = repr((index_page.pk, sorted(data.items()), number))
    # Not "registry:", under which a shared cache may still hold counts by the URL's names.
    (pks, total, options, number, capped, approximate), degraded = remembered(
        f"registry-search:{key}", query, lambda: with_fallback(run)
    )
    page = registry_search.page_of(pks, total, number, set(approximate))
    return page, options, capped, degraded


def choices(options, query):
    """{filter: [(value, label, count, chosen)]}: each option knows whether the visitor chose
    it (in the URL's `query`), so the template does not ask the form for every option."""
    return {
        name: [
            (value, label, n, str(value) == query.get(FilterForm.URL_NAMES[name]))
            for value, label, n in values
        ]
        for name, values in options.items()
    }


def listed_documents(index_page):
    """The registry's published documents citizens may open, with their validity."""
    # Documents have no subpages, so "public" means no restriction of their own (the index's
    # restrictions are enforced before this runs): a subquery instead of Wagtail's extra query.
    restricted = PageViewRestriction.objects.filter(page=OuterRef("pk"))
    return annotate_validity(
        LegalDocumentPage.objects.live().child_of(index_page).exclude(Exists(restricted))
    )


def browse_options(index_page, size=8):
    """The document types and fields holding the most documents, each with its count, for
    the tips of a search that found nothing: (types, fields), each [(id, name, count)]."""
    options = cached_facets(index_page, {})

    def largest(values):
        return sorted(values, key=lambda option: (-option[2], option[1]))[:size]

    return largest(options["doc_type"]), largest(options["field"])


def chosen_filters(data):
    """How many filters besides the words are set: the folded filters say so on a phone."""
    return sum(
        1
        for name, value in data.items()
        if name not in ("words", "sort") and value not in (None, "")
    )


def listing_context(index_page, request):
    form = FilterForm(request.GET or None)
    # A value the form refuses is left out (its message shows) and the rest still applies.
    form.is_valid()
    data = form.filters()
    query = clean_query(data.get("words") or "")
    base = listed_documents(index_page)
    degraded = capped = False
    if query:
        page, options, capped, degraded = search_context(
            index_page, base, data, query, page_number(request.GET.get("page"), PAGE_SIZE)
        )
    else:
        documents = apply_filters(base, data).select_related("document_type", "issuing_authority")
        documents = documents.only(*LISTED)
        documents = documents.order_by(SORTS.get(data.get("sort") or "-issue_date")[0], "-pk")
        options = cached_facets(index_page, data, base)
        paginator = Paginator(documents, PAGE_SIZE)
        paginator.count = total_from(options["validity"], data)  # saves the COUNT(*) query
        page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return {
        # Each row's link: the documents are the registry's children (no URL lookup a row).
        "registry_url": index_page.get_url(request),
        "filter_form": form,
        "documents": page,
        "facets": options,
        "choices": choices(options, request.GET),
        "filter_query": params.urlencode(),
        "chosen_filters": chosen_filters(data),
        "search_query": query,
        "degraded": degraded,
        "capped": capped,
        "most_read": usage.most_read(base, index_page.pk),
    }


def latest_documents(section):
    """The registry's feed items (home/feeds.py), newest first."""
    items = LegalDocumentPage.objects.select_related("issuing_authority")
    return items.order_by("-issue_date", "-pk")
