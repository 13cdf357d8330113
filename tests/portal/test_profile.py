"""The agency profile (profiles/, portal/core/profile.py): a second agency's profile builds a
site of its own, and nothing of the first agency shows in it or is written in the code."""

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.cache import caches
from pypdf import PdfReader
from wagtail.models import Page, Site

from home.models import FeedbackPage, HomePage
from legal_docs import exchange
from legal_docs.models import DocumentType, IssuingAuthority, LegalDocumentPage, LegalField
from portal import backup
from portal.core import profile, roles
from portal.core.models import PortalSettings, Role
from portal.sections import SECTIONS
from tests.helpers import html, setup_portal

FIRST = profile.load(profile.DEFAULT)
SECOND = profile.load("sonv-mau")


def fold(text):
    """Lower case without diacritics: "Sở Tư pháp" and "So Tu phap" read alike."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(char for char in text if not unicodedata.combining(char))


# The first agency's names, folded, and its symbol in document numbers ("97/QĐ-STP").
FIRST_WORDS = sorted(
    {fold(w) for w in (FIRST.name, FIRST.short_name, FIRST.domain, FIRST.place)}
    | {"so tu phap", "quang tri", "quangtri", "sotp"}
)
SYMBOL = re.compile(r"\bstp\b")


@pytest.fixture(params=[False])
def second_agency(request, db, settings):
    """A fresh install with PORTAL_PROFILE=sonv-mau: the settings as base.py derives them
    from that profile (test_settings_follow_the_profile), then `setup_portal` (with --demo
    when the test asks for it: @pytest.mark.parametrize("second_agency", [True]))."""
    settings.PORTAL_PROFILE = "sonv-mau"
    settings.PORTAL_DOMAIN = SECOND.domain
    settings.WAGTAIL_SITE_NAME = SECOND.short_name
    # The test database holds the first agency's site: empty it as a new database is.
    Site.objects.all().delete()
    for page in Page.get_first_root_node().get_children():
        page.delete()
    Group.objects.all().delete()
    for model in (DocumentType, IssuingAuthority, LegalField):
        model.objects.all().delete()
    setup_portal(demo=request.param)
    yield Site.objects.get(is_default_site=True)
    # The layout cache would keep this site, rolled back with the test, for the next module's
    # fixtures, which run before the next test empties it (conftest.py, fresh_cache).
    for cache in caches.all():
        cache.clear()


def test_the_default_profile_is_the_first_agency():
    assert django_settings.PORTAL_PROFILE == profile.DEFAULT
    assert profile.current() == FIRST


def test_setup_portal_builds_the_second_agency_site(second_agency):
    assert (second_agency.hostname, second_agency.site_name) == (SECOND.domain, SECOND.short_name)
    agency = PortalSettings.for_site(second_agency)
    assert (agency.agency_name, agency.managing_agency, agency.domain) == (
        SECOND.name,
        SECOND.managing_agency,
        SECOND.domain,
    )
    assert agency.responsible_position == SECOND.responsible_position
    assert (agency.address, agency.email) == (SECOND.contacts["address"], SECOND.contacts["email"])
    home = HomePage.objects.get()
    assert home.intro == SECOND.home_intro
    intros = {page.slug: page.specific.intro for page in home.get_children()}
    assert set(intros) == {spec["slug"] for spec in SECTIONS}
    for slug, intro in intros.items():
        assert SECOND.section_intros[slug] in intro, slug
    assert FeedbackPage.objects.get().thank_you == SECOND.feedback_thank_you


def test_groups_and_lists_are_the_second_agency(second_agency):
    assert dict(Group.objects.values_list("role__code", "name")) == SECOND.roles
    assert roles.group(roles.BOARD).name == SECOND.roles["board"]
    assert set(IssuingAuthority.objects.values_list("name", "abbreviation")) == set(
        SECOND.authorities
    )
    assert list(LegalField.objects.order_by("sort_order").values_list("name", flat=True)) == (
        SECOND.fields
    )
    assert DocumentType.objects.count() == len(SECOND.document_types)


def test_prefixes_are_the_second_agency(second_agency, tmp_path):
    assert exchange.format_id() == "sonv-legal-documents"
    exported = json.loads("".join(exchange.stream_json([])))
    assert exported["format"] == "sonv-legal-documents"
    schema = (
        Path(django_settings.BASE_DIR) / "legal_docs" / "schema" / "legal-documents.schema.json"
    )
    jsonschema.validate(exported, json.loads(schema.read_text()))
    # Backups keep and prune the archives of their own prefix only.
    for name in ("sonv-20260101-010000.tar.gz", "sonv-20260102-010000.tar.gz"):
        (tmp_path / name).touch()
    other = tmp_path / "sotp-20260101-010000.tar.gz"
    other.touch()
    assert [path.name for path in backup.prune(tmp_path, 1, 0)] == ["sonv-20260101-010000.tar.gz"]
    assert other.exists()


@pytest.mark.parametrize("second_agency", [True], indirect=True)
def test_the_second_agency_demo_never_names_the_first(second_agency, client):
    """Every public page of its demo, the registry's search and the demo documents' files."""
    pages = Page.objects.live().public().filter(depth__gte=2).specific()
    documents = LegalDocumentPage.objects.live()
    assert documents.exists() and pages.filter(slug="co-cau-to-chuc").exists()
    urls = [page.url for page in pages] + ["/van-ban/?q=luật", "/tim-kiem/?q=thông tin"]
    for url in urls:
        page = html(client, url)
        assert SECOND.name in page, url  # the footer
        found = [word for word in FIRST_WORDS if word in fold(page)]
        assert found == [] and not SYMBOL.search(fold(page)), (url, found)
    files = [item.document for page in documents for item in page.files.all()]
    assert files
    for document in files:
        with document.file.open("rb") as file:
            pdf = PdfReader(file)
            text = fold(" ".join([pdf.metadata.creator, *(p.extract_text() for p in pdf.pages)]))
        assert fold(SECOND.common_name) in text and "luat" in text, document.title
        assert not [word for word in FIRST_WORDS if word in text], document.title
    for page in documents.specific():
        assert not [word for word in FIRST_WORDS if word in fold(page.full_text)], page.title


def test_settings_follow_the_profile():
    """PORTAL_PROFILE picks the domain, the site name, the index and cache prefixes."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("PORTAL_DOMAIN", "SEARCH_INDEX_PREFIX", "ALLOWED_HOSTS")
    }
    environment.update(
        PORTAL_PROFILE="sonv-mau",
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="profile-test",
        SEARCH_URL="http://127.0.0.1:9200",
    )
    code = (
        "import json; from django.conf import settings as s; print(json.dumps(["
        "s.PORTAL_DOMAIN, s.WAGTAIL_SITE_NAME, s.OTP_TOTP_ISSUER, s.ALLOWED_HOSTS,"
        "s.WAGTAILSEARCH_BACKENDS['default']['INDEX_PREFIX'], s.CACHES['default']['KEY_PREFIX'],"
        "s.TWO_FACTOR_GROUPS]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == [
        SECOND.domain,
        SECOND.short_name,
        SECOND.short_name,
        [SECOND.domain],
        "sonv_",
        "sonv",
        ["operators", "board", "directors"],
    ]


def test_a_profile_without_a_role_is_refused(tmp_path):
    text = (profile.PROFILES / "sonv-mau.toml").read_text()
    broken = tmp_path / "broken.toml"
    broken.write_text(text.replace('office = "Văn phòng Sở Nội vụ"\n', ""))
    with pytest.raises(ValueError, match="office"):
        profile.load(str(broken))


# What may name the first agency: its profile (and its demo data next to it), the docs and
# README (the first user), migrations already applied (their historical defaults stay: a new
# migration changes them) and the tests, whose fixtures are the default profile's site.
EXEMPT = re.compile(r"^(profiles/|docs/|tests/|[^/]+\.md$|.*/migrations/\d{4}_)")


def test_no_tracked_file_names_the_first_agency():
    """Code, templates, static files, schemas, scripts, Makefile, settings, translations:
    every file git tracks outside EXEMPT, with and without diacritics."""
    base = Path(django_settings.BASE_DIR)
    names = subprocess.run(
        ["git", "ls-files", "-z"], cwd=base, capture_output=True, check=True
    ).stdout.decode()
    found = []
    for name in filter(None, names.split("\0")):
        path = base / name
        if EXEMPT.match(name) or not path.is_file():
            continue
        data = path.read_bytes()
        if b"\0" in data:  # binary: compiled catalogues, images, fonts
            continue
        # The one name the code may hold: the default profile's file name.
        text = fold(data.decode("utf-8", errors="replace")).replace(profile.DEFAULT, "")
        found += [f"{name}: {word}" for word in FIRST_WORDS if word in text]
        found += [f"{name}: STP" for _ in SYMBOL.findall(text)[:1]]
    assert found == []


def test_role_codes_are_the_profile_keys():
    assert set(roles.ALL_GROUPS) == set(FIRST.roles) == set(SECOND.roles)
    assert Role._meta.get_field("code").unique
