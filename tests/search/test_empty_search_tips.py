"""A search that finds nothing, on /tim-kiem/ and /van-ban/, says what to try next: check
the spelling, fewer words, words without marks, a number such as 60/2014/QH13, and links
to the registry by document type and by field."""

from datetime import date

import pytest

from tests import builders
from tests.helpers import html
from tests.search_engine import refresh_engine

pytestmark = [pytest.mark.search, pytest.mark.django_db]
TIPS = [
    "Gợi ý tìm kiếm",
    "Kiểm tra lại chính tả",
    "Dùng ít từ hơn",
    "Gõ không dấu cũng tìm được",
    "60/2014/QH13",
]


@pytest.fixture
def law(portal):
    page = builders.legal_document(
        "60/2014/QH13",
        type_name="Luật",
        authority_name="Quốc hội",
        issued=date(2014, 11, 20),
        summary="Luật Hộ tịch",
        fields=["Hộ tịch"],
    )
    refresh_engine(page)
    return page


@pytest.mark.parametrize("url", ["/tim-kiem/?q=khongcogi", "/van-ban/?q=khongcogi"])
def test_nothing_found_gives_tips_and_ways_to_browse(client, law, url):
    page = html(client, url)
    for tip in TIPS:
        assert tip in page, tip
    # Browse the registry by type and by field, the options that hold documents.
    assert f'href="/van-ban/?loai={law.document_type_id}"' in page
    assert f'href="/van-ban/?linh_vuc={law.fields.get().pk}"' in page
    assert ">Luật (1)<" in page and ">Hộ tịch (1)<" in page


def test_filters_that_find_nothing_give_tips_too(client, law):
    assert "Gợi ý tìm kiếm" in html(client, "/van-ban/?so=999%2FXX")


@pytest.mark.parametrize("url", ["/tim-kiem/?q=ho+tich", "/van-ban/?q=ho+tich", "/van-ban/"])
def test_no_tips_when_something_is_found(client, law, url):
    assert "Gợi ý tìm kiếm" not in html(client, url)
