import os

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import sync_playwright
from pytest_django.plugin import blocking_manager_key
from wagtail.models import Site

from home.models import ArticleIndexPage
from legal_docs.models import LegalDocumentIndexPage
from portal.core import roles
from search.backends import search_server
from tests import search_engine
from tests.helpers import portal_as_set_up, served, setup_portal
from tests.search_engine import empty_engine, left_behind, refresh_engine, run_search_worker

PASSWORD = "mat-khau-thu-nghiem-2024"
CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
# The build machines have no outside network: keep Chromium from trying to reach it.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# The server each SEARCH_ENGINE client is for: `make test` runs the search tests once per
# engine, and a run must not pass on the other engine because a URL or port was mixed up.
ENGINE_SERVERS = {
    "elasticsearch8": ("Elasticsearch", "8."),
    "elasticsearch9": ("Elasticsearch", "9."),
    "opensearch2": ("OpenSearch", "2."),
    "opensearch3": ("OpenSearch", "3."),
}


def pytest_report_header(config):
    url = os.environ.get("SEARCH_URL")
    if url:
        product, version = search_server(url)
        return f"search engine: {product} {version} at {url}"


@pytest.fixture(scope="session", autouse=True)
def search_engine_is_the_one_expected():
    """SEARCH_ENGINE's product and major version, and SEARCH_SERVER ("Elasticsearch
    8.19.21", set by `make test`) exactly when given, are the server at SEARCH_URL."""
    if not settings.SEARCH_URL:
        return
    product, version = search_server(settings.SEARCH_URL)
    expected_product, major = ENGINE_SERVERS[settings.SEARCH_ENGINE]
    assert (product, version[: len(major)]) == (expected_product, major), (
        f"SEARCH_ENGINE={settings.SEARCH_ENGINE} but {settings.SEARCH_URL} is {product} {version}"
    )
    expected = os.environ.get("SEARCH_SERVER")
    assert expected in (None, f"{product} {version}"), (
        f"expected {expected}, found {product} {version}"
    )


def pytest_collection_modifyitems(config, items):
    # SQLite-only tests run where the database is SQLite: make test-fast, or the child run
    # that tests/search/test_sqlite.py starts from make test.
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        return
    kept = [item for item in items if not item.get_closest_marker("sqlite")]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[i for i in items if i.get_closest_marker("sqlite")])
        items[:] = kept


@pytest.fixture(scope="session", autouse=True)
def empty_media():
    """The session's media folder starts empty: files of earlier runs would pile up in it
    (the backup test archives the whole folder)."""
    import shutil

    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Build the tree, groups, workflow and taxonomies once, without the demo: each test
    # builds what it asserts on (tests/builders.py), so a change to the demo breaks only
    # tests/demo/. Each test then runs in a transaction that is rolled back.
    with django_db_blocker.unblock():
        portal_as_set_up()


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    """The demo content for a whole module, rolled back when the module ends, and known
    to the engine meanwhile: for the demo's own tests (tests/demo/); every other test builds
    its own (tests/builders.py). Not for transactional tests, whose flush would take it
    with it."""
    from django.db import transaction

    with django_db_blocker.unblock():
        with transaction.atomic():
            setup_portal(demo=True)
            with open(os.devnull, "w") as devnull:
                call_command("update_index", stdout=devnull)
            DBTaskResult.objects.all().delete()
            yield
            transaction.set_rollback(True)
        # The engine back to the site without the demo, as the next module expects it.
        with open(os.devnull, "w") as devnull:
            call_command("update_index", stdout=devnull)


@pytest.fixture
def portal(db):
    """The home page of the site as `setup_portal` (without --demo) leaves it."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def registry(portal):
    """/van-ban/, the legal-document registry."""
    return LegalDocumentIndexPage.objects.get(slug="van-ban")


@pytest.fixture
def make_user(db):
    def make(group_name, username=None):
        user = get_user_model().objects.create_user(
            username=username or f"user-{roles.ALL_GROUPS.index(group_name)}",
            email="nguoidung@example.vn",
            password=PASSWORD,
        )
        user.groups.add(roles.group(group_name))
        return user

    return make


@pytest.fixture
def login(client, make_user):
    def as_member_of(group_name):
        user = make_user(group_name)
        client.force_login(user)
        return user

    return as_member_of


@pytest.fixture(autouse=True)
def engine_matches_database(request):
    # A transactional test builds its pages anew in a flushed database (new pks): the
    # engine must not keep the last test's copies, whose equal scores would fill the first
    # page of results ahead of the live ones.
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        empty_engine()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """What a test put in the engine for content its transaction then rolled back comes out
    of the engine after the test, once every fixture (the rollback included) is torn down."""
    result = yield
    # After the session's last test its database is gone, and the next session's indexes
    # are built afresh (django_db_setup).
    if search_engine.touched and nextitem is not None:
        with item.config.stash[blocking_manager_key].unblock():
            search_engine.take_back_left_behind()
    return result


@pytest.fixture(scope="module", autouse=True)
def engine_left_as_found(request, django_db_blocker):
    """After each module that uses the engine: nothing it indexed outlives its rolled-back
    data. Such a leftover passed its own module and failed a later one, depending on order."""
    yield
    items = [item for item in request.session.items if item.module is request.module]
    if not settings.SEARCH_URL or not any(item.get_closest_marker("search") for item in items):
        return
    transactional = any(
        (marker := item.get_closest_marker("django_db")) and marker.kwargs.get("transaction")
        for item in items
    )
    with django_db_blocker.unblock():
        # The module's last test, whose own teardown comes later; or a transactional test,
        # whose data went with pytest-django's flush, which the engine knows nothing of.
        if search_engine.touched or transactional:
            search_engine.take_back_left_behind()
        stale = left_behind()
    if stale:
        empty_engine()  # so the next module starts as expected, then say which module
        with django_db_blocker.unblock(), open(os.devnull, "w") as devnull:
            call_command("update_index", stdout=devnull)
        pytest.fail(f"{request.node.nodeid} left in the engine what the database lost: {stale}")


@pytest.fixture(autouse=True)
def fresh_cache():
    # The layout cache (portal/core/cache.py) outlives each test's rolled-back transaction.
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def team(make_user):
    """One person per role of the moderation round trip, each with an email address."""
    people = {
        "contributor": make_user(roles.CONTRIBUTORS, "bientap"),
        "board_a": make_user(roles.BOARD, "banbientap-a"),
        "board_b": make_user(roles.BOARD, "banbientap-b"),
        "operator": make_user(roles.OPERATORS, "quantri-thu"),
    }
    for name, user in people.items():
        user.email = f"{name}@sotp.example.vn"
        user.first_name = name
        user.save()
    return people


@pytest.fixture
def news(portal):
    return ArticleIndexPage.objects.get(slug="tin-tuc")


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, for the browser tests (test_browser, test_accessibility)."""
    # Playwright's sync API runs an event loop in this thread; the ORM calls these tests make
    # happen between page loads, never concurrently with them. Only for this module.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def site_url(live_server):
    setup_portal(demo=True)
    run_search_worker()  # the engine learns the fresh pages, as the queue's worker would
    refresh_engine()
    return live_server.url


@pytest.fixture(scope="module")
def demo_site(browser, django_db_setup, django_db_blocker):
    """The demo served to the browser tests of one module (tests/helpers.py served). It asks
    for `browser` so that it is torn down first, while the browser fixture still lets Django
    run beside Playwright's loop."""
    yield from served(django_db_blocker, lambda: setup_portal(demo=True))
