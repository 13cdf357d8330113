"""English left on an admin screen or in an email: the interface texts of a page (visible
text, title, aria-label and placeholder attributes, the sidebar's labels) made of English
words, with what people typed (titles, names, addresses) set aside. Used by
tests/portal/test_admin_vietnamese.py and the demo's own walk (tests/demo/test_demo.py)."""

import json
import re
import zoneinfo
from pathlib import Path

from bs4 import BeautifulSoup
from bs4.element import PreformattedString
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site, Task, Workflow

from workflow.board import WAGTAIL_SAMPLE_WORKFLOW

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


def english_in_mail(message, content):
    """English in an email's subject, text and HTML alternatives."""
    parts = [f"<p>{message.subject}</p>", "<pre>" + message.body + "</pre>"]
    parts += [body for body, kind in getattr(message, "alternatives", []) if kind == "text/html"]
    return [f"{message.subject}: {text}" for part in parts for text in english_in(part, content)]
