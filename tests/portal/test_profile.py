"""The agency profile (profiles/, portal/core/profile.py): a second agency's profile builds a
site of its own, and nothing of the first agency shows in it or is written in the code."""

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.cache import caches
from wagtail.models import Page, Site

from home.models import FeedbackPage, HomePage
from legal_docs import exchange
from legal_docs.models import DocumentType, IssuingAuthority, LegalField
from portal import backup
from portal.core import profile, roles
from portal.core.models import PortalSettings, Role
from portal.sections import SECTIONS
from tests.helpers import html, setup_portal

FIRST = profile.load(profile.DEFAULT)
SECOND = profile.load("sonv-mau")
# What would give the first agency away on the second agency's site.
FIRST_AGENCY = [FIRST.name, FIRST.short_name, FIRST.domain, FIRST.place, "Sở Tư pháp", "sotp"]


@pytest.fixture
def second_agency(db, settings):
    """A fresh install with PORTAL_PROFILE=sonv-mau: the settings as base.py derives them
    from that profile (test_settings_follow_the_profile), then `setup_portal`."""
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
    setup_portal()
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


def test_the_second_agency_pages_never_name_the_first(second_agency, client):
    pages = [html(client, "/"), html(client, "/gioi-thieu/"), html(client, "/phan-anh-kien-nghi/")]
    for page in pages:
        assert SECOND.name in page  # the footer
        for text in FIRST_AGENCY:
            assert text not in page


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


# The code of the apps and their exchange schemas, outside the profiles, the demo content,
# the worked examples (the first agency's sample data) and the migrations (whose historical
# defaults stay), must not name an agency.
CODE = ["portal", "home", "legal_docs", "workflow", "search", "templates"]
EXEMPT = ("demo", "migrations")


def test_no_code_names_the_first_agency():
    base = Path(django_settings.BASE_DIR)
    words = [FIRST.name, FIRST.short_name, FIRST.domain, FIRST.place, "Sở Tư pháp", "sotp"]
    found = []
    for folder in CODE:
        for path in (base / folder).rglob("*"):
            if path.suffix not in (".py", ".html", ".txt", ".js", ".css", ".json") or any(
                part in EXEMPT or part.startswith("demo.") or "example" in part
                for part in path.parts
            ):
                continue
            # The one name the code may hold: the default profile's, in profile.py.
            text = path.read_text(encoding="utf-8").lower().replace(profile.DEFAULT, "")
            found += [f"{path.relative_to(base)}: {w}" for w in words if w.lower() in text]
    assert found == []


def test_role_codes_are_the_profile_keys():
    assert set(roles.ALL_GROUPS) == set(FIRST.roles) == set(SECOND.roles)
    assert Role._meta.get_field("code").unique
