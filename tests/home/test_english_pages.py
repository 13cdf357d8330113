"""The English pages at /en/ (issue #25): Wagtail's own translation of the introduction,
functions and organisation; each through the board's workflow; the Vietnamese addresses and
interface unchanged; the language switch; a translation flagged when its Vietnamese original
changes; all of it hidden when PORTAL_ENGLISH_PAGES is off."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.forms.models import apply_limit_choices_to_to_formfield
from django.test import override_settings
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from consultations.models import DraftingStaff, DraftPage
from home import english
from home.models import (
    ArticleIndexPage,
    HomePage,
    OrganisationPage,
    Person,
    SectionPage,
    StandardPage,
    Unit,
)
from portal.core import roles
from tests import builders as build
from tests.admin_forms import decide, edit_url

ORGANISATION = "/en/introduction/organisation/"


def english_site(portal):
    """The English home page, introduction and organisation page, published."""
    build.organisation_page()
    intro = build.section("gioi-thieu")
    translations = [
        (portal, {"title": "Quang Tri Department of Justice", "intro": "In English."}),
        (intro, {"title": "Introduction", "slug": "introduction"}),
        (
            OrganisationPage.objects.get(slug="co-cau-to-chuc"),
            {
                "title": "Organisation, leaders and contacts",
                "slug": "organisation",
                "functions": "<p>The Department advises the Provincial People's Committee.</p>",
            },
        ),
    ]
    pages = [build.publish(english.translate(page, **fields)) for page, fields in translations]
    return [Page.objects.get(pk=page.pk).specific for page in pages]


def test_english_pages_are_served_under_en_and_the_vietnamese_ones_stay(client, portal):
    home, intro, organisation = english_site(portal)
    assert (home.url, organisation.url) == ("/en/", ORGANISATION)
    assert OrganisationPage.objects.get(slug="co-cau-to-chuc", locale=portal.locale).url == (
        "/gioi-thieu/co-cau-to-chuc/"
    )

    page = client.get(ORGANISATION).content.decode()
    # The body is English and marked so; the page around it stays Vietnamese.
    assert '<html lang="vi">' in page
    assert re.search(r'<main id="main"[^>]* lang="en"', page)
    assert "The Department advises" in page and "Functions, tasks and powers" in page
    assert "Tìm kiếm" in page  # the header's search, in Vietnamese
    # The switch leads back to the Vietnamese original, in Vietnamese.
    assert '<a href="/gioi-thieu/co-cau-to-chuc/" hreflang="vi" lang="vi">Tiếng Việt</a>' in page

    vietnamese = client.get("/gioi-thieu/co-cau-to-chuc/").content.decode()
    assert re.search(r'<main id="main" class="container" tabindex="-1">', vietnamese)
    assert '<a href="/en/" hreflang="en" lang="en">English</a>' in vietnamese
    assert "Cơ cấu tổ chức" in vietnamese and "The Department advises" not in vietnamese

    home_page = client.get("/en/").content.decode()
    assert "Quang Tri Department of Justice" in home_page and "/en/introduction/" in home_page
    assert client.get("/en/van-ban/").status_code == 404  # only what was translated
    assert client.get("/van-ban/").status_code == 200


def test_the_switch_appears_on_vietnamese_pages_once_the_english_home_is_published(
    client, portal, settings
):
    # Its HTML is kept per content generation (templates/base.html): a publish shows it.
    settings.PAGE_CACHE_SECONDS = 0
    switch = '<a href="/en/" hreflang="en" lang="en">English</a>'
    assert switch not in client.get("/").content.decode()
    english_site(portal)
    assert switch in client.get("/").content.decode()


def test_only_the_introduction_pages_may_be_translated(portal):
    english_site(portal)
    news = build.news_index()
    with pytest.raises(ValidationError):
        english.translate(news)
    assert HomePage.translatable_to_english and SectionPage.translatable_to_english
    assert StandardPage.translatable_to_english and OrganisationPage.translatable_to_english


@override_settings(PORTAL_ENGLISH_PAGES=False)
def test_the_setting_off_hides_the_english_pages_and_the_switch(client, portal, team):
    english_site(portal)
    assert client.get("/en/").status_code == 404
    assert client.get(ORGANISATION).status_code == 404
    assert "hreflang" not in client.get("/gioi-thieu/").content.decode()
    assert "hreflang" not in client.get("/gioi-thieu/co-cau-to-chuc/").content.decode()
    # Nor does the admin offer to translate a page.
    client.force_login(team["operator"])
    functions = build.standard_page()
    url = reverse("simple_translation:submit_page_translation", args=(functions.pk,))
    assert url not in client.get(edit_url(functions)).content.decode()
    assert 'name="locales"' not in client.get(url, follow=True).content.decode()


def test_changing_the_vietnamese_organisation_page_flags_its_translation(client, portal, team):
    *_, translation = english_site(portal)
    assert list(english.out_of_date()) == []
    client.force_login(team["board_a"])
    assert "changed since" not in client.get(edit_url(translation)).content.decode()

    original = OrganisationPage.objects.get(slug="co-cau-to-chuc", locale=portal.locale)
    original.history = "<p>Thành lập năm 1989.</p>"
    build.publish(original)

    assert [page.pk for page in english.out_of_date()] == [translation.pk]
    editor = client.get(edit_url(translation)).content.decode()
    assert "Trang tiếng Việt đã thay đổi" in editor
    assert "Thành lập" not in editor  # the notice, not the Vietnamese text, is shown
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Trang tiếng Anh cần cập nhật" in dashboard and "Organisation, leaders" in dashboard

    # The English version brought into line and published: the flag goes.
    build.publish(translation)
    assert list(english.out_of_date()) == []


def organisation_form(page, **overrides):
    fields = {
        "title": page.title,
        "slug": page.slug,
        "functions": rich_text("<p>The Department advises and assists.</p>"),
        "history": rich_text(""),
        "comments": inline_formset([]),
    }
    fields.update(overrides)
    return nested_form_data(fields)


def test_english_pages_pass_the_board_workflow_like_the_rest(client, portal, team):
    english_site(portal)
    original = OrganisationPage.objects.get(slug="co-cau-to-chuc", locale=portal.locale)
    # The English tree has the rights of the Vietnamese one it was translated from.
    home = HomePage.objects.exclude(locale=portal.locale).get()
    board = roles.group(roles.BOARD)
    assert GroupPagePermission.objects.filter(group=board, page=home).exists()

    translation = original.get_translation(home.locale).specific
    client.force_login(team["board_a"])
    data = organisation_form(translation, functions=rich_text("<p>Revised in English.</p>"))
    data["action-submit"] = "1"
    assert client.post(edit_url(translation), data).status_code == 302
    translation = OrganisationPage.objects.get(pk=translation.pk)
    assert translation.workflow_in_progress
    assert "Revised" not in client.get(ORGANISATION).content.decode()  # not live before review

    # Whoever submitted cannot approve; another member of the board can.
    decide(client, team["board_a"], translation, "approve")
    assert Page.objects.get(pk=translation.pk).workflow_in_progress
    response = decide(client, team["board_b"], translation, "approve")
    assert response.status_code == 200
    translation = OrganisationPage.objects.get(pk=translation.pk)
    assert not translation.workflow_in_progress
    client.logout()
    assert "Revised in English" in client.get(ORGANISATION).content.decode()


def test_the_translate_action_of_the_admin_makes_a_draft_for_the_board(client, portal, team):
    english_site(portal)
    functions = build.standard_page()
    client.force_login(team["operator"])
    url = reverse("simple_translation:submit_page_translation", args=(functions.pk,))
    locale = HomePage.objects.exclude(locale=portal.locale).get().locale
    assert client.post(url, {"locales": [locale.pk]}).status_code == 302
    translation = functions.get_translation(locale)
    assert not translation.live  # it goes live only through the board's workflow


def test_the_admin_refuses_to_translate_other_pages_with_a_message(client, portal, team):
    english_site(portal)
    client.force_login(team["operator"])
    locale = HomePage.objects.exclude(locale=portal.locale).get().locale
    news = build.news_index()
    url = reverse("simple_translation:submit_page_translation", args=(news.pk,))
    response = client.post(url, {"locales": [locale.pk]}, follow=True)
    assert response.status_code == 200
    assert "Chỉ trang chủ, mục Giới thiệu" in response.content.decode()
    assert news.get_translation_or_none(locale) is None
    # A subtree holding such a page is refused whole; the section alone may be translated.
    intro = build.section("gioi-thieu")
    section = build.add_live_child(intro, SectionPage(title="Thông tin khác", slug="khac"))
    build.add_live_child(section, ArticleIndexPage(title="Tin của Sở", slug="tin-cua-so"))
    url = reverse("simple_translation:submit_page_translation", args=(section.pk,))
    client.post(url, {"locales": [locale.pk], "include_subtree": "on"})
    assert section.get_translation_or_none(locale) is None
    assert client.post(url, {"locales": [locale.pk]}).status_code == 302
    assert section.get_translation_or_none(locale) is not None


def test_the_english_organisation_page_shows_the_units_and_people_in_english(client, portal):
    """Each unit and person in its English translation where there is one, in Vietnamese
    where not; the Vietnamese page keeps its Vietnamese words."""
    top = build.unit("Lãnh đạo Sở", kind="leadership", functions="Chỉ đạo, điều hành.")
    office = build.unit("Văn phòng Sở", top, functions="Tổng hợp, hành chính.")
    build.unit("Phòng Hành chính tư pháp", top)
    director = build.person("Hoàng Kỳ", "Giám đốc Sở", top, is_leader=True)
    build.person("Lê Văn Minh", "Phó Giám đốc Sở", top, is_leader=True)
    chief = build.person("Trần Thị Hương", "Chánh Văn phòng Sở", office, is_contact=True)
    english.translate_snippet(top, name="Department leadership", functions="Directs the work.")
    english.translate_snippet(office, name="Department Office")
    english.translate_snippet(director, position="Director")
    english.translate_snippet(chief, position="Chief of the Office")
    english_site(portal)

    page = client.get(ORGANISATION).content.decode()
    assert "Department leadership" in page and "Directs the work." in page
    assert "<h3>Hoàng Kỳ</h3>" in page  # a name stays as it is
    assert re.search(r"<h3>Hoàng Kỳ</h3>\s*<p class=\"meta\">Director</p>", page)
    assert ">Giám đốc Sở<" not in page and "Lãnh đạo Sở" not in page
    # A person's unit, in the chart and the contacts, is the unit's English translation.
    assert '>Chief of the Office</td><td data-label="Unit">Department Office</td>' in page
    # Not translated: shown in Vietnamese, in its place.
    assert "Phó Giám đốc Sở" in page and "Phòng Hành chính tư pháp" in page
    assert page.index("Department leadership") < page.index("Phòng Hành chính tư pháp")

    vietnamese = client.get("/gioi-thieu/co-cau-to-chuc/").content.decode()
    assert ">Giám đốc Sở<" in vietnamese and "Lãnh đạo Sở" in vietnamese
    assert "Director" not in vietnamese and "Department" not in vietnamese


def test_the_board_translates_a_unit_with_the_admin_s_translate_action(client, portal, team):
    unit = build.unit("Văn phòng Sở")
    locale = english.english_locale()
    client.force_login(team["board_a"])
    listing = client.get(reverse("wagtailsnippets_home_unit:list")).content.decode()
    url = reverse("simple_translation:submit_snippet_translation", args=("home", "unit", unit.pk))
    assert url in listing
    assert client.post(url, {"locales": [locale.pk]}).status_code == 302
    translation = unit.get_translation(locale)
    assert translation.name == "Văn phòng Sở"  # a copy, for the board to put into English


def alternates(client, url):
    page = client.get(url).content.decode()
    head = page.split("</head>", 1)[0]
    return re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head)


def test_a_translated_page_names_its_translation_for_search_engines(client, portal):
    """hreflang alternates, with absolute addresses and Vietnamese as the default, in the
    head of the pages that have a live translation, and of no other."""
    home, _intro, organisation = english_site(portal)
    root = portal.get_site().root_url  # the canonical addresses' (the agency's domain)
    expected = [
        ("vi", f"{root}/gioi-thieu/co-cau-to-chuc/"),
        ("en", f"{root}{ORGANISATION}"),
        ("x-default", f"{root}/gioi-thieu/co-cau-to-chuc/"),
    ]
    assert alternates(client, "/gioi-thieu/co-cau-to-chuc/") == expected
    assert alternates(client, ORGANISATION) == expected
    assert alternates(client, "/")[1] == ("en", f"{root}/en/")
    news = build.news_index()
    assert alternates(client, news.url) == []
    assert alternates(client, "/van-ban/") == []
    # A translation taken offline is no longer named, on either side.
    organisation.unpublish()
    assert alternates(client, "/gioi-thieu/co-cau-to-chuc/") == []


def test_the_translate_action_is_offered_on_the_pages_that_have_an_english_version(
    client, portal, team
):
    english_site(portal)
    functions = build.standard_page()
    news = build.news_index()
    client.force_login(team["operator"])

    def translate(page):
        return reverse("simple_translation:submit_page_translation", args=(page.pk,))

    # In the listing of the introduction's and the home page's children, and in the header
    # of each page's editor.
    listing = client.get(reverse("wagtailadmin_explore", args=(functions.get_parent().pk,)))
    assert translate(functions) in listing.content.decode()
    home_listing = client.get(reverse("wagtailadmin_explore", args=(portal.pk,))).content.decode()
    assert translate(news) not in home_listing
    assert translate(functions) in client.get(edit_url(functions)).content.decode()
    editor = client.get(edit_url(news)).content.decode()
    assert (
        translate(news) not in editor and "Dịch" in client.get(edit_url(functions)).content.decode()
    )

    # Refused on the server as well, asked for directly.
    response = client.get(translate(news), follow=True)
    assert "Chỉ trang chủ, mục Giới thiệu" in response.content.decode()
    assert 'name="locales"' not in response.content.decode()
    assert 'name="locales"' in client.get(translate(functions)).content.decode()


def test_a_unit_s_translation_is_not_offered_where_a_unit_is_chosen(portal):
    """The structure (a unit's parent, a person's unit, a draft's drafting unit and its
    staff) is the Vietnamese units': their English translations only carry words."""
    unit = build.unit("Văn phòng Sở")
    translation = english.translate_snippet(unit, name="Department Office")
    for model, field in (
        (Unit, "parent"),
        (Person, "unit"),
        (DraftPage, "drafting_unit"),
        (DraftingStaff, "unit"),
    ):
        formfield = model._meta.get_field(field).formfield()
        apply_limit_choices_to_to_formfield(formfield)  # as every model form does
        offered = formfield.queryset
        assert unit in offered and translation not in offered, (model, field)
