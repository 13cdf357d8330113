"""Pages cost a fixed number of SQL queries, whatever the size of the registry."""

from home.models import SectionPage
from legal_docs.models import DocumentType, LegalDocumentIndexPage
from legal_docs.synthetic import generate
from tests.helpers import add_live_child, publish


def test_registry_pages_need_at_most_12_queries_at_any_size(
    client, portal, django_assert_max_num_queries
):
    registry = LegalDocumentIndexPage.objects.get()
    decision = DocumentType.objects.get(name="Quyết định")
    for added in (0, 400):
        generate(registry, added)
        # Menu, settings and the list of private pages are cached after the first pages.
        client.get("/van-ban/")
        client.get("/van-ban/46-2024-qh15/")
        with django_assert_max_num_queries(12):
            listing = client.get(f"/van-ban/?loai={decision.pk}&nam=2024")
        assert listing.status_code == 200
        with django_assert_max_num_queries(12):
            detail = client.get("/van-ban/2975-qd-ubnd-2024/")
        assert detail.status_code == 200
        with django_assert_max_num_queries(12):
            assert client.get("/van-ban/53-2014-qh13/").status_code == 200  # relations both ways


def test_cached_menu_follows_a_new_section(client, portal):
    client.get("/")
    section = SectionPage(title="Hỏi đáp pháp luật", slug="hoi-dap", show_in_menus=True)
    add_live_child(portal, section)
    publish(section)
    assert 'href="/hoi-dap/"' in client.get("/").content.decode()
    section.unpublish()
    assert 'href="/hoi-dap/"' not in client.get("/").content.decode()
