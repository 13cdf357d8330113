"""Shared test helpers: running setup_portal quietly, fetching public pages, the form data
the Wagtail page editor posts (for tests that drive the admin as a person would), and
building legal documents and exchange records."""

import os
import unicodedata
from datetime import date

from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home import setup
from home.models import ArticlePage
from legal_docs.models import (
    DocumentType,
    IssuingAuthority,
    LegalDocumentPage,
    annotate_validity,
)
from search.engine import is_engine
from workflow.guard import authorised
from workflow.models import RoyaltyGenre

# What citizens (and robots) type into a search box: engine syntax, SQL, FTS5 syntax, odd
# quotes and backslashes, quotes inside words, control codes, 10,000 characters.
HOSTILE_QUERIES = [
    '"',
    '"quyết định',
    '"hộ tịch',
    'a"b"c"',
    '\\"',
    '""',
    'quy"ết định',
    "hộ\\tịch",
    "luật\\",
    "((luật",
    "luật)",
    "*",
    "*:*",
    "luật*",
    "-luật",
    "^luật",
    "OR",
    "AND",
    "NOT",
    "luật OR",
    "NOT luật",
    "NEAR(luật hộ)",
    "title:luật",
    "{title body}: luật",
    '{"query": {"match_all": {}}}',
    "\\",
    "/",
    "~ ^ !",
    "a" * 10_000,
    "\x00\x1f luật\x7f",
    "😀 luật hộ tịch 🇻🇳",
    unicodedata.normalize("NFD", "Luật Hộ tịch"),
    "  ",
    "'; DROP TABLE wagtailcore_page; --",
]


def article_form(**overrides):
    fields = {
        "title": "Hướng dẫn đăng ký kết hôn có yếu tố nước ngoài",
        "slug": "huong-dan-dang-ky-ket-hon",
        "lead": "Các bước đăng ký kết hôn có yếu tố nước ngoài tại Ủy ban nhân dân cấp xã.",
        "image": "",
        "body": streamfield(
            [("paragraph", rich_text("<p>Hồ sơ gồm tờ khai đăng ký kết hôn.</p>"))]
        ),
        "author": "Nguyễn Văn An",
        "source": "Phòng Hành chính tư pháp",
        "posted_at": "",
        "comments": inline_formset([]),
    }
    fields.update(overrides)
    return nested_form_data(fields)


def setup_portal(**options):
    with open(os.devnull, "w") as devnull:
        call_command("setup_portal", stdout=devnull, **options)


def html(client, url):
    """The page as a citizen gets it; fails unless it answers 200."""
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def legal_document_form(**overrides):
    fields = {
        "title": "Quyết định thử",
        "slug": "quyet-dinh-thu",
        "document_type": "",
        "number_symbol": "55/QĐ-STP",
        "issuing_authority": "",
        "issue_date": "10/05/2024",
        "effective_date": "10/05/2024",
        "expiry_date": "",
        "summary": "Về việc thử",
        "source": "department",
        "files": inline_formset([]),
        "relations": inline_formset([]),
        "comments": inline_formset([]),
    }
    fields.update(overrides)
    return nested_form_data(fields)


def new_document(registry, number, issued=date(2024, 3, 1), effective=date(2024, 3, 15), **fields):
    page = LegalDocumentPage(
        title=f"Quyết định {number}",
        number_symbol=number,
        summary="Về việc thử nghiệm",
        document_type=DocumentType.objects.get(name="Quyết định"),
        issuing_authority=IssuingAuthority.objects.get(abbreviation="STP"),
        issue_date=issued,
        effective_date=effective,
        slug=f"tam-{abs(hash(number))}",
        **fields,
    )
    with authorised("test"):
        registry.add_child(instance=page)  # saving a live page runs full_clean()
        return setup.publish(page)


def publish(page):
    """Publish fixture content outside the board's workflow, as setup_portal does."""
    with authorised("test"):
        return setup.publish(page)


def run_search_worker(max_tasks=None):
    """The search queue's worker, as `manage.py db_worker --backend search --batch` runs it
    (its Worker class directly: call_command trips over the option's default)."""
    Worker(
        queue_names=["search"],
        interval=0,
        batch=True,
        backend_name="search",
        startup_delay=False,
        max_tasks=max_tasks,
        worker_id="tests",
    ).run()


def refresh_engine(*pages):
    """Index `pages` in the engine now (the queue's worker would, see test_search_resilience)
    and make everything indexed searchable (the engine itself refreshes every second)."""
    backend = get_search_backend("default")
    if is_engine(backend):
        for page in pages:
            backend.add(page)
        backend.es.indices.refresh(index=f"{backend.index_prefix}*")


def empty_engine():
    """Fresh, empty engine indexes (swapped in by alias, as update_index does; this engine
    has no delete-by-query). The database's own index is emptied with the database."""
    backend = get_search_backend("default")
    if not is_engine(backend):
        return
    indexes = {}
    for model in get_indexed_models():
        indexes.setdefault(backend.get_index_for_model(model).name, []).append(model)
    for models in indexes.values():
        rebuilder = backend.rebuilder_class(backend.get_index_for_model(models[0]))
        fresh = rebuilder.start()
        for model in models:
            fresh.add_model(model)
        rebuilder.finish()


def add_live_child(parent, page):
    with authorised("test"):
        return parent.add_child(instance=page)


def validity_of(page, on=None):
    return annotate_validity(LegalDocumentPage.objects.filter(pk=page.pk), on=on).get().validity


def record(**overrides):
    base = {
        "number_symbol": "150/QĐ-UBND",
        "document_type": "Quyết định",
        "issuing_authority": "Ủy ban nhân dân tỉnh Quảng Trị",
        "issue_date": "2025-03-10",
        "effective_date": "2025-03-10",
        "title": "Quyết định 150/QĐ-UBND",
        "summary": "Công bố danh mục thủ tục hành chính lĩnh vực hộ tịch",
        "fields": ["Hộ tịch"],
        "source": "national_database",
        "relations": [
            {
                "type": "guides",
                "number_symbol": "60/2014/QH13",
                "issuing_authority": "Quốc hội",
                "year": 2014,
            }
        ],
    }
    base.update(overrides)
    return base


# Driving the board's workflow through the admin, as its people do.
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("home", "articlepage", parent.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def submit_new(client, user, parent, **fields):
    client.force_login(user)
    data = article_form(**fields)
    data["action-submit"] = "1"
    assert client.post(add_url(parent), data).status_code == 302
    return ArticlePage.objects.filter(slug=data["slug"]).first()


def decide(client, user, page, action, **data):
    client.force_login(user)
    state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.pk))
    return client.post(url, data, **XHR)


def genre(name="Tin"):
    return RoyaltyGenre.objects.get(name=name)


def refresh(page):
    return ArticlePage.objects.filter(pk=page.pk).first()


def csp_directives(policy):
    """{directive: [sources]} of a Content-Security-Policy header, in any order."""
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


def run_command(name, path, capsys, *args):
    """(exit code, output) of an import command run on `path` as the system account."""
    from legal_docs.importer import system_account

    code = 0
    try:
        call_command(name, str(path), "--user", system_account().username, *args)
    except SystemExit as exit:
        code = exit.code
    return code, capsys.readouterr().out
