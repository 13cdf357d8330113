"""The one place project code uses Wagtail's and modelsearch's internals: private methods,
attributes Wagtail keeps on a request or a page, and undocumented module-level names. Written
for the versions in WRITTEN_FOR; tests/test_wagtail_adapter.py pins them and exercises each
function here, so an upgrade fails there first, naming what changed.

Subclasses that override a private method (search/backends: the results' `_get_es_body`, the
PostgreSQL backend's `_build_rank_expression`) cannot call through here; the test checks that
those methods still exist with the arguments the overrides take."""

from wagtail.models import Page, Site
from wagtail.rich_text.rewriters import FIND_A_TAG, FIND_EMBED_TAG, extract_attrs

WRITTEN_FOR = {"wagtail": "8.0", "modelsearch": "1.3"}

# Rich text as stored: the <a linktype=...> and <embed embedtype=...> tags and their attributes,
# read the way Wagtail's own rewriters read them (portal/core/rich_text.py).
RICH_TEXT_LINK_TAG = FIND_A_TAG
RICH_TEXT_EMBED_TAG = FIND_EMBED_TAG
rich_text_attributes = extract_attrs


# --- Sites and routing ------------------------------------------------------------------------


def raw_host(request):
    """The Host header as sent (Django's, before its ALLOWED_HOSTS check), as Wagtail reads it
    to find the site."""
    return request._get_raw_host()


def find_site_for_request(request):
    """Site.find_for_request() without its per-request memo: the lookup itself, which the
    site cache (portal/core/sites.py) keeps per host instead."""
    return Site._find_for_request(request)


def set_request_site(request, site, root_paths):
    """Hands Wagtail the request's site and the sites' root paths where it looks for them
    (Site.find_for_request and page URLs), so it does not query for them again."""
    request._wagtail_site = site
    request._wagtail_cached_site_root_paths = root_paths


def set_parent(page, parent):
    """Routing from a cached child: its get_parent() is `parent`, without a query."""
    page._cached_parent_obj = parent


def tree_path(parent_path, depth, position):
    """The materialised path of the `position`-th child (1-based) at `depth` (bulk inserts)."""
    return Page._get_path(parent_path, depth, position)


# --- The search engine (modelsearch's Elasticsearch/OpenSearch results) -------------------------


def engine_query_body(results):
    """The request body modelsearch would send for these search results, to extend."""
    return results._get_es_body()


def engine_search_pks(results, body, index, **params):
    """Sends `body` to the engine through the results' backend, asking for the pk field of
    each hit only (params: from_, size)."""
    return results._backend_do_search(
        body, index=index, **{results.fields_param_name: "pk"}, **params
    )


# --- Admin exports ------------------------------------------------------------------------------


def wrap_spreadsheet_cells(transform):
    """Every CSV and XLSX cell Wagtail's admin writes passes through transform(value):
    SpreadsheetExportMixin.preprocess_field_value is wrapped once, class-wide."""
    # Here, not at the top: Wagtail's admin views need the app registry ready.
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "wrapped_by_portal", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        return transform(original(self, field, value, export_format))

    preprocess_field_value.wrapped_by_portal = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value


def replace_listing_xlsx_writer(write):
    """Every XLSX a Wagtail listing exports is written by write(view, queryset, output)
    instead of SpreadsheetExportMixin.write_xlsx (which names its sheet "Sheet1")."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin.write_xlsx, "wrapped_by_portal", False):
        return

    def write_xlsx(self, queryset, output):
        write(self, queryset, output)

    write_xlsx.wrapped_by_portal = True
    SpreadsheetExportMixin.write_xlsx = write_xlsx


def excel_date_format():
    """The date format Wagtail's listing exports give their date cells."""
    from wagtail.admin.views.mixins import ExcelDateFormatter

    return ExcelDateFormatter().get()


# --- Admin hooks ------------------------------------------------------------------------------


def replace_hook(name, original, replacement):
    """`replacement` where `original` is registered for the hook `name`, in its place and
    order: Wagtail can add a hook function but not take one out (home/wagtail_hooks.py
    filters simple_translation's Translate buttons this way)."""
    from wagtail import hooks

    hooks._hooks[name] = [
        (replacement if fn is original else fn, order) for fn, order in hooks._hooks.get(name, [])
    ]
