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
import re
import zoneinfo
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from bs4.element import PreformattedString
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site, Task, Workflow, WorkflowState

from home.models import ArticleIndexPage, ArticlePage
from portal.core import roles
from tests.admin_forms import article_form, decide, edit_url, refresh, submit_new
from tests.builders import genre
from workflow.board import WAGTAIL_SAMPLE_WORKFLOW

# Still reads the demo content: each role's walk needs content in every admin screen, and
# the demo people's own work; to be given builders of its own (or move to tests/demo/).
pytestmark = pytest.mark.usefixtures("demo_content")

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


# --- English left on the admin screens ------------------------------------------------------

# Common English words of an admin interface. None of them is a Vietnamese syllable written
# without its marks (so no "to", "in", "do", "no", "an", "ban", "tin", "can", ...).
ENGLISH_WORDS = set(
    """
    the and or of for with from this that these those your you are is was were has have
    been will would not yes all any more other another new add added edit edited editing
    delete deleted save saved saving cancel search searches filter filters sort sorted
    page pages image images document documents report reports setting settings help type
    types user users group groups status action actions live draft drafts publish published
    unpublish unpublished workflow workflows task tasks comment comments reply title titles
    date time name owner locked unlocked lock unlock select selected choose upload uploaded
    collection collections snippet snippets site sites history view views preview account
    profile password login logout log sign back next previous close show hide toggle sidebar
    menu dashboard summary created updated ago just now minute minutes hour hours day days
    item items match matches there results result found sorry please field fields required
    optional letters digits only keyboard shortcut shortcuts error errors warning warnings
    usage used referenced times privacy visible private public explore exploring moderation
    approve approved reject rejected submit submitted changes change revision revisions
    version compare copy move alias child children parent subpage subpages tag tags file
    files size format width height focal point redirect redirects promoted promotions guide
    editor what whats first last latest oldest newest order ascending descending clear apply
    notifications theme language zone current default remember forgotten reset email emails
    here why yet none never always every could should must can't don't isn't you've
    port external link text author amount approval
    """.split()
)

# Proper names and technical terms Vietnamese uses as they are.
ALLOWED = {"Wagtail", "Google", "OpenSearch", "Elasticsearch", "Embedly", "JavaScript"}

URLS_AND_ADDRESSES = re.compile(
    r"\S+@\S+|https?://\S+|/\S*/|\S+\.(?:png|jpe?g|gif|webp|pdf|docx?|odt)"
)
WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
TIME_ZONES = zoneinfo.available_timezones()


def user_content():
    """What people typed: titles, names, addresses. Never interface text, so never flagged."""
    strings = set()
    strings |= set(Page.objects.values_list("title", flat=True))
    for model in (get_image_model(), get_document_model()):
        for title, file in model.objects.values_list("title", "file"):
            strings |= {title, file, Path(file).name}
    for user in get_user_model().objects.all():
        strings |= {user.get_username(), user.get_full_name(), user.email}
    strings |= set(Group.objects.values_list("name", flat=True))
    strings |= set(Collection.objects.values_list("name", flat=True))
    # Not Wagtail's sample workflow and task, "Moderators approval": setup removes them.
    for model in (Workflow, Task):
        strings |= set(
            model.objects.exclude(name=WAGTAIL_SAMPLE_WORKFLOW).values_list("name", flat=True)
        )
    for site in Site.objects.all():
        strings |= {site.hostname, site.site_name, str(site)}
    # Django stores permission names in English in auth_permission; the group screen shows
    # them as they are, to screen readers.
    strings |= set(Permission.objects.values_list("name", flat=True))
    return sorted((s for s in strings if s), key=len, reverse=True)


def interface_texts(html):
    """Visible text nodes and the title, aria-label and placeholder attributes, plus the
    labels of the sidebar (rendered by React from a JSON script)."""
    soup = BeautifulSoup(html, "lxml")
    found = []
    sidebar = soup.find("script", id="wagtail-sidebar-props")
    if sidebar:

        def labels(node):
            if isinstance(node, dict):
                for key, value in node.items():
                    if key == "label" and isinstance(value, str):
                        found.append(("sidebar", value))
                    else:
                        labels(value)
            elif isinstance(node, list):
                for value in node:
                    labels(value)

        labels(json.loads(sidebar.string))
    for tag in soup(["script", "style"]):
        tag.decompose()
    for node in soup.find_all(string=True):
        if not isinstance(node, PreformattedString) and node.strip():
            found.append((node.parent.name, " ".join(node.split())))
    for tag in soup.find_all(True):
        for attribute in ("title", "aria-label", "placeholder"):
            if tag.get(attribute, "").strip():
                found.append((f"{tag.name}[{attribute}]", " ".join(tag[attribute].split())))
    return found


def english_in(html, content):
    """The interface texts of the page that are made of English words."""
    english = []
    for where, text in interface_texts(html):
        # Time zone names are proper names; None, True and False are Python values a template
        # printed (the words themselves are translated in the catalogue).
        if text in TIME_ZONES or text in ("None", "True", "False"):
            continue
        rest = URLS_AND_ADDRESSES.sub(" ", text)
        for typed in content:
            if typed in rest:
                rest = rest.replace(typed, " ")
        words = [w for w in WORD.findall(rest) if w not in ALLOWED]
        if any(w.lower() in ENGLISH_WORDS for w in words):
            english.append(f"{where}: {text}")
    return english


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


def english_on(client, urls, content):
    english = []
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        html = response.content.decode()
        if response["Content-Type"].startswith("application/json"):
            html = json.loads(html)["html"]  # a modal: chooser, workflow action
        english += [f"{url} {text}" for text in english_in(html, content)]
    return english


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


@pytest.mark.parametrize("username", ["ctv.lethithu", "bbt.nguyenvanhai"])
def test_the_demo_people_see_their_work_in_vietnamese(client, portal, username):
    """The demo's contributor and board member have items in the workflow: the dashboard
    panels, the editor of an item waiting for review and the workflow reports show them."""
    person = get_user_model().objects.get(username=username)
    client.force_login(person)
    waiting = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).first()
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[waiting.object_id]),
        reverse("wagtailadmin_pages:workflow_history", args=[waiting.object_id]),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
    ]
    english = english_on(client, urls, user_content())
    assert english == [], "English left in the admin:\n" + "\n".join(dict.fromkeys(english))


def english_in_mail(message, content):
    """English in an email's subject, text and HTML alternatives."""
    parts = [f"<p>{message.subject}</p>", "<pre>" + message.body + "</pre>"]
    parts += [body for body, kind in getattr(message, "alternatives", []) if kind == "text/html"]
    return [f"{message.subject}: {text}" for part in parts for text in english_in(part, content)]


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
