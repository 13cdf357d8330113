"""portal/core/wagtail_adapter.py uses Wagtail's and modelsearch's internals for the versions it
names. Each use is exercised here, and the versions are pinned, so an upgrade fails in this
file first: check each function against the new version, then change WRITTEN_FOR."""

import inspect
from importlib.metadata import version

import pytest
from django.test import RequestFactory
from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.elasticsearchbase import ElasticsearchBaseSearchResults
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend

from home.models import SectionPage
from portal.core import wagtail_adapter


def test_written_for_the_installed_wagtail_and_modelsearch():
    for package, written_for in wagtail_adapter.WRITTEN_FOR.items():
        installed = version(package)
        assert installed.startswith(f"{written_for}."), (
            f"{package} {installed} is installed; portal/core/wagtail_adapter.py was written "
            f"for {written_for}: check each of its uses, then update WRITTEN_FOR"
        )


def test_the_site_lookup_and_the_request_attributes(portal, django_assert_num_queries):
    site = Site.objects.get(is_default_site=True)
    request = RequestFactory().get("/", HTTP_HOST=f"{site.hostname}:{site.port}")
    assert wagtail_adapter.raw_host(request) == f"{site.hostname}:{site.port}"
    assert wagtail_adapter.find_site_for_request(request) == site

    request = RequestFactory().get("/", HTTP_HOST="elsewhere.example")
    paths = Site.get_site_root_paths()
    wagtail_adapter.set_request_site(request, site, paths)
    section = SectionPage.objects.live().first()
    with django_assert_num_queries(0):
        # Wagtail takes both from the request: no query for the site or its root paths.
        assert Site.find_for_request(request) == site
        assert section.get_url(request) == section.get_url()


def test_a_parent_set_on_a_page_is_its_parent_without_a_query(portal, django_assert_num_queries):
    section = Page.objects.get(pk=SectionPage.objects.live().first().pk)
    home = section.get_parent()
    fresh = Page.objects.get(pk=section.pk)
    wagtail_adapter.set_parent(fresh, home)
    with django_assert_num_queries(0):
        assert fresh.get_parent() is home


def test_tree_path_is_the_path_treebeard_gives_a_child(portal):
    home = Site.objects.get(is_default_site=True).root_page
    first = home.get_children().order_by("path").first()
    assert wagtail_adapter.tree_path(home.path, home.depth + 1, 1) == first.path


def test_rich_text_tags_and_attributes_are_read_as_wagtail_stores_them():
    html = '<p><a linktype="page" id="3">x</a><embed embedtype="image" id="7" format="left"/></p>'
    links = [m.group(1) for m in wagtail_adapter.RICH_TEXT_LINK_TAG.finditer(html)]
    embeds = [m.group(1) for m in wagtail_adapter.RICH_TEXT_EMBED_TAG.finditer(html)]
    assert [wagtail_adapter.rich_text_attributes(a) for a in links] == [
        {"linktype": "page", "id": "3"}
    ]
    assert [wagtail_adapter.rich_text_attributes(a) for a in embeds] == [
        {"embedtype": "image", "id": "7", "format": "left"}
    ]


def test_every_admin_export_cell_passes_through_the_wrapper():
    # Wrapped at start-up (portal/apps.py); a second wrap changes nothing.
    wrapped = SpreadsheetExportMixin.preprocess_field_value
    assert wrapped.wrapped_by_portal
    wagtail_adapter.wrap_spreadsheet_cells(str.upper)
    assert SpreadsheetExportMixin.preprocess_field_value is wrapped
    assert wrapped(SpreadsheetExportMixin(), "title", "=1+1", "csv") == "'=1+1"


def test_the_private_methods_the_search_backends_override_still_exist():
    # search/backends/__init__.py and postgres.py override them with these arguments.
    assert list(inspect.signature(ElasticsearchBaseSearchResults._get_es_body).parameters) == [
        "self",
        "for_count",
    ]
    for compiler in (PostgresSearchQueryCompiler, PostgresAutocompleteQueryCompiler):
        method = compiler._build_rank_expression
        assert list(inspect.signature(method).parameters) == ["self", "vectors", "config"]


@pytest.mark.search
def test_the_engine_body_and_a_search_for_pks_only(portal):
    backend = get_search_backend()
    assert hasattr(backend, "es"), "SEARCH_URL: these internals are the engine's"
    section = SectionPage.objects.live().get(slug="tai-chinh-thong-ke")
    results = backend.search(section.title, SectionPage.objects.live(), operator="and")
    body = wagtail_adapter.engine_query_body(results)
    assert "query" in body
    index = backend.get_index_for_model(SectionPage).name
    hits = wagtail_adapter.engine_search_pks(results, body, index, from_=0, size=10)
    assert [int(hit["fields"]["pk"][0]) for hit in hits["hits"]["hits"]][:1] == [section.pk]


def test_every_listing_xlsx_is_written_by_the_portal_with_a_named_sheet():
    # Replaced at start-up (portal/apps.py); a second replacement changes nothing. The body
    # replaced is Wagtail's write_xlsx: ExcelDateFormatter must still exist for it.
    written = SpreadsheetExportMixin.write_xlsx
    assert written.wrapped_by_portal
    wagtail_adapter.replace_listing_xlsx_writer(print)
    assert SpreadsheetExportMixin.write_xlsx is written
    assert wagtail_adapter.excel_date_format()


def test_routing_asks_the_root_page_for_its_localized_version_at_no_query(
    portal, django_assert_num_queries
):
    # With WAGTAIL_I18N_ENABLED, Wagtail routes every request from
    # site.root_page.localized, whose lookup of the active locale is a query; PortalPage
    # answers it from the cached locales (home/models/pages.py, localized_draft), which keeps
    # the query bounds of tests/portal/test_query_bounds.py. An upgrade that routes another
    # way fails here first.
    assert ".localized" in inspect.getsource(Page.route_for_request)
    assert portal.language == "vi"  # the locales, cached as on a running site
    with django_assert_num_queries(0):
        assert portal.localized is portal


def test_a_registered_hook_is_replaced_in_its_place():
    from wagtail import hooks

    def first():
        pass

    def original():
        pass

    def replacement():
        pass

    hooks.register("test_adapter_hook", first)
    hooks.register("test_adapter_hook", original, order=5)
    try:
        wagtail_adapter.replace_hook("test_adapter_hook", original, replacement)
        assert hooks.get_hooks("test_adapter_hook") == [first, replacement]
    finally:
        hooks._hooks.pop("test_adapter_hook", None)
