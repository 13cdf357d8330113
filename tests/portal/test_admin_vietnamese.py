"""The admin speaks Vietnamese end to end (issue #9).

Wagtail's own Vietnamese catalogue covers a small part of the admin; locale/wagtail/vi
translates every Wagtail message the five roles meet (and the few of Django's that its own
Vietnamese catalogue lacks). The catalogue tests keep it complete, free of fuzzy entries,
placeholder-safe and compiled. The screen tests sign in as each role, open the screens that
role uses, and look for English left in the interface: visible text, title, aria-label and
placeholder attributes and the sidebar's labels, with what people typed (titles, names) set
aside. The emails of a moderation round trip, the sign-in and password reset pages, the
JavaScript catalogue and the date, time and number formats are checked the same way."""

import datetime
import json
import os
import re
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import WorkflowState

from home.models import ArticleIndexPage, ArticlePage
from portal.core import roles
from tests import builders
from tests.admin_forms import article_form, decide, edit_url, refresh, submit_new
from tests.admin_language import english_in, english_in_mail, english_on, user_content
from tests.builders import genre


@pytest.fixture(scope="module")
def admin_content(django_db_setup, django_db_blocker):
    """What each role's admin screens list, built once for the module and rolled back when it
    ends: a published article, an image, a document, and an article a contributor submitted
    that waits for the board (the workflow screens open it)."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            builders.article()
            builders.image()
            builders.document()
            writer = get_user_model().objects.create_user(
                username="ctv.thu", email="ctv.thu@example.vn", password="x"
            )
            writer.groups.add(roles.group(roles.CONTRIBUTORS))
            waiting = submit_new(
                Client(), writer, builders.news_index(), title="Bài chờ duyệt", slug="bai-cho-duyet"
            )
            assert waiting.current_workflow_task_state is not None
            yield
            transaction.set_rollback(True)
        # The engine back to the site the rollback left, as the next module expects it.
        with open(os.devnull, "w") as devnull:
            call_command("update_index", stdout=devnull)


CATALOGUE = Path(settings.BASE_DIR) / "locale" / "wagtail" / "vi" / "LC_MESSAGES"
DOMAINS = ["django", "djangojs"]

PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sd]|\{\w+\}")

# The page listing header names its items "trang" outright: Wagtail gives it no verbose name
# on the page search results, where %(model_name)s would read "None".
DROPPED_PLACEHOLDERS = {
    "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s": {"%(model_name)s"},
    "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s across entire site.": {
        "%(model_name)s"
    },
    "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s in "
    "'<span class=\"w-title-ellipsis\">%(title)s</span>'.": {"%(model_name)s"},
}


# --- The catalogue -------------------------------------------------------------------------


def wagtail_msgids(domain):
    """(context, msgid) of every message in the catalogues of the Wagtail apps installed."""
    ids = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("wagtail"):
            continue
        po = Path(config.path) / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        if po.exists():
            ids |= {(e.msgctxt, e.msgid) for e in polib.pofile(str(po)) if not e.obsolete}
    return ids


@pytest.mark.parametrize("domain", DOMAINS)
def test_admin_catalogue_is_complete_translated_and_compiled(domain):
    po = polib.pofile(str(CATALOGUE / f"{domain}.po"))
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    live = [entry for entry in po if not entry.obsolete]

    untranslated = [e.msgid for e in po.untranslated_entries() + po.fuzzy_entries()]
    untranslated += [e.msgid for e in live if e.msgid_plural and not e.msgstr_plural.get(0)]
    assert untranslated == [], f"Untranslated in locale/wagtail/vi ({domain}): {untranslated}"

    # A Wagtail upgrade brings new messages: they must be added and translated here.
    missing = wagtail_msgids(domain) - {(e.msgctxt, e.msgid) for e in live}
    assert missing == set(), f"Wagtail messages missing from locale/wagtail/vi: {missing}"

    for entry in live:
        translation = entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr
        source = set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        used = set(PLACEHOLDER.findall(translation))
        needed = set(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        needed -= DROPPED_PLACEHOLDERS.get(entry.msgid, set())
        assert used <= source and needed <= used, f"Placeholders changed: {entry.msgid!r}"

    def key(entry):
        return (entry.msgctxt, entry.msgid, entry.msgid_plural or "")

    def value(entry):
        return entry.msgstr_plural[0] if entry.msgid_plural else entry.msgstr

    mo = polib.mofile(str(CATALOGUE / f"{domain}.mo"))
    compiled = {key(e): value(e) for e in mo if e.msgid}
    written = {key(e): value(e) for e in live}
    assert compiled == written, (
        "locale/wagtail/vi is not compiled: run `make messages` and commit the .mo"
    )


# Words the project uses in a sense of its own: a legal document's "Trích yếu", its "Lĩnh vực",
# a date range's "Từ ngày", the form of disclosure, what an import created. locale/vi comes
# first, so it keeps them under a context; bare, they would give that sense to Wagtail's
# screens (the redirects import's "Summary", the forms app's "Form", the listings' "Created",
# a person's "Họ và tên" on every "Name", the site's "Chuyên mục" on the settings' "Section").
PROJECT_SENSES = ["Summary", "Field", "Fields", "From", "Form", "Created", "created"]
PROJECT_SENSES += ["Name", "Section", "item", "subject", "Never", "In progress", "None", "Show"]


def test_wagtail_screens_keep_wagtails_sense_of_the_project_words():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    wagtail = {e.msgid: e.msgstr for e in po if not e.msgctxt and e.msgid in PROJECT_SENSES}
    with translation.override("vi"):
        assert {word: gettext(word) for word in PROJECT_SENSES} == wagtail


EDITORS = [roles.OPERATORS, roles.CONTRIBUTORS, roles.BOARD]


def menu_urls(html):
    """The admin URLs of every sidebar entry the user is shown, submenus included."""
    soup = BeautifulSoup(html, "lxml")
    urls = []

    def walk(node):
        if isinstance(node, dict):
            url = node.get("url")
            if isinstance(url, str) and url.startswith("/admin/"):
                urls.append(url)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(soup.find("script", id="wagtail-sidebar-props").string))
    return urls


def screens(client, group, user, portal):
    news = ArticleIndexPage.objects.get(slug="tin-tuc")
    article = ArticlePage.objects.child_of(news).live().first()
    dashboard = reverse("wagtailadmin_home")
    urls = [dashboard, *menu_urls(client.get(dashboard).content.decode())]
    urls += [
        reverse("wagtailadmin_explore", args=[news.pk]),
        reverse("wagtailadmin_pages:search") + "?q=ph%C3%A1p+lu%E1%BA%ADt",
        reverse("wagtailadmin_pages:search") + "?q=khongcotrangnao",
        reverse("wagtailadmin_pages:history", args=[article.pk]),
        reverse("wagtailadmin_pages:workflow_history", args=[article.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:index") + "?q=khongcoanhnao",
        reverse("wagtaildocs:index"),
        reverse("wagtailsnippets:index"),
        reverse("wagtailadmin_account"),
    ]
    if group in EDITORS:
        urls += [
            reverse("wagtailadmin_pages:edit", args=[article.pk]),
            reverse("wagtailadmin_pages:add_subpage", args=[news.pk]),
            reverse("wagtailadmin_pages:add", args=("home", "articlepage", news.pk)),
            reverse("wagtailimages:add"),
            reverse("wagtaildocs:add"),
            reverse("wagtailimages:add_multiple"),
            reverse("wagtaildocs:add_multiple"),
            reverse("wagtailimages_chooser:choose"),
            reverse("wagtaildocs_chooser:choose"),
            reverse("wagtailadmin_choose_page"),
        ]
    if group in (roles.OPERATORS, roles.BOARD):
        image = get_image_model().objects.first()
        document = get_document_model().objects.first()
        waiting = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).first()
        task_state = waiting.current_task_state
        urls += [
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[waiting.object_id, action, task_state.pk],
            )
            for action in ("approve", "reject")
        ]
        urls += [
            reverse("wagtailimages:edit", args=[image.pk]),
            reverse("wagtaildocs:edit", args=[document.pk]),
            reverse("wagtailadmin_pages:set_privacy", args=[article.pk]),
            reverse("wagtailsearchpromotions:add"),
            reverse("wagtailsnippets_legal_docs_documenttype:add"),
            reverse(
                "wagtailadmin_pages:revisions_compare",
                kwargs={"pk": article.pk, "revision_id_a": "earliest", "revision_id_b": "latest"},
            ),
        ]
    if group == roles.OPERATORS:
        urls += [
            reverse("wagtailusers_users:add"),
            reverse("wagtailusers_users:edit", args=[user.pk]),
            reverse("wagtailusers_groups:edit", args=[roles.group(group).pk]),
            reverse("wagtailusers_groups:add"),
            reverse("wagtailredirects:add"),
            reverse("wagtailsites:add"),
            reverse("wagtailadmin_collections:add"),
            reverse("wagtailadmin_workflows:add"),
            reverse("wagtailadmin_pages:unpublish", args=[article.pk]),
            reverse("wagtailadmin_pages:delete", args=[article.pk]),
            reverse("wagtailadmin_pages:move", args=[article.pk]),
            reverse("wagtailadmin_pages:copy", args=[article.pk]),
        ]
    if group in (roles.DIRECTORS, roles.OFFICE):
        urls.append("/admin/audit-log/")
    return list(dict.fromkeys(urls))


@pytest.mark.usefixtures("admin_content")
@pytest.mark.parametrize("group", roles.ALL_GROUPS)
def test_each_role_meets_no_english_in_the_admin(client, portal, login, group):
    user = login(group)
    if group in EDITORS:
        # A page of their own locked, so the dashboard and the report list one.
        locked = ArticlePage.objects.live().last()
        locked.locked, locked.locked_by, locked.locked_at = True, user, timezone.now()
        locked.save(update_fields=["locked", "locked_by", "locked_at"])
    english = english_on(client, screens(client, group, user, portal), user_content())
    assert english == [], "English left in the admin:\n" + "\n".join(dict.fromkeys(english))


def test_sign_in_and_password_reset_are_in_vietnamese(client, portal, make_user):
    user = make_user(roles.CONTRIBUTORS)
    content = user_content()
    english = []
    pages = [
        client.get(reverse("wagtailadmin_login")),
        client.post(reverse("wagtailadmin_login"), {"username": "khongco", "password": "sai"}),
        client.get(reverse("wagtailadmin_password_reset")),
        client.post(reverse("wagtailadmin_password_reset"), {"email": user.email}, follow=True),
    ]
    for response in pages:
        assert response.status_code == 200, response.request["PATH_INFO"]
        url = response.request["PATH_INFO"]
        english += [f"{url} {text}" for text in english_in(response.content.decode(), content)]
    assert len(mail.outbox) == 1
    english += english_in_mail(mail.outbox[0], content)
    assert english == [], "English left in the admin:\n" + "\n".join(english)


def test_moderation_emails_are_in_vietnamese(client, team, news):
    """Wagtail's notification templates (the board's on a submission, the author's on a
    rejection and on an approval) with the project's own parts."""
    mail.outbox.clear()
    page = submit_new(client, team["contributor"], news)
    decide(client, team["board_a"], page, "reject", ground="unclear_origin", comment="Ghi rõ.")
    data = article_form(source="Phòng Hành chính tư pháp")
    data["action-submit"] = "1"
    client.post(edit_url(page), data)
    page = refresh(page)
    decide(client, team["board_b"], page, "approve", genre_1=str(genre().pk), points_1="5")
    assert refresh(page).live
    kinds = {address for message in mail.outbox for address in message.to}
    assert {"board_a@sotp.example.vn", "contributor@sotp.example.vn"} <= kinds
    content = user_content()
    english = [text for message in mail.outbox for text in english_in_mail(message, content)]
    assert english == [], "English left in the emails:\n" + "\n".join(english)


def test_the_admin_javascript_gets_the_catalogue(client, login):
    """The sidebar, the comments, StreamField and the rich text editor take their strings from
    /admin/jsi18n/, which merges locale/wagtail/vi/LC_MESSAGES/djangojs.mo over Wagtail's."""
    login(roles.CONTRIBUTORS)
    script = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    served = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    assert "const v = 0;" in script  # one plural form, as the catalogue says
    for entry in polib.pofile(str(CATALOGUE / "djangojs.po")):
        expected = [entry.msgstr_plural[0]] if entry.msgid_plural else entry.msgstr
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        assert served.get(key) == expected, entry.msgid


def test_admin_dates_times_and_counts_read_the_vietnamese_way():
    from django.contrib.humanize.templatetags.humanize import intcomma
    from django.template import Context, Template
    from django.utils import translation
    from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple
    from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput, AdminTimeInput

    moment = timezone.make_aware(datetime.datetime(2024, 12, 13, 14, 30))
    with translation.override("vi"), timezone.override("Asia/Ho_Chi_Minh"):
        # The date pickers and the fields they fill: dd/mm/yyyy and a 24-hour clock.
        assert AdminDateInput().format_value(moment.date()) == "13/12/2024"
        assert AdminDateTimeInput().format_value(moment) == "13/12/2024 14:30"
        assert AdminTimeInput().format_value(moment.time()) == "14:30"
        # The tooltip of every "x ago" in the listings and side panels.
        html = Template("{% load wagtailadmin_tags %}{% human_readable_date moment %}").render(
            Context({"moment": moment})
        )
        assert "14:30 13/12/2024" in html
        assert timesince_simple(timezone.now()) == "vừa xong"
        days_ago = timesince_simple(timezone.now() - datetime.timedelta(days=6, hours=3))
        assert days_ago == "6\xa0ngày trước"
        # Counts shown through intcomma group thousands with "."; plain numbers (years) do
        # not, because USE_THOUSAND_SEPARATOR stays off.
        assert intcomma(12345) == "12.345"
        assert Template("{{ year }}").render(Context({"year": 2024})) == "2024"
        assert not settings.USE_THOUSAND_SEPARATOR
