"""Words on the procedures list (/thu-tuc-hanh-chinh/?q=): found with or without marks, by
code, together with the filters, whose counts are those of the search; tips when nothing is
found."""

import pytest

from tests import builders
from tests.helpers import html
from tests.search_engine import refresh_engine

pytestmark = [pytest.mark.search, pytest.mark.django_db]
LISTING = "/thu-tuc-hanh-chinh/"


@pytest.fixture
def procedures(portal):
    made = [
        builders.procedure("2.000815", "Chứng thực bản sao từ bản chính", "Chứng thực"),
        builders.procedure("1.000894", "Đăng ký khai tử có yếu tố nước ngoài", "Hộ tịch"),
        builders.procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch"),
    ]
    refresh_engine(*made)
    return made


def listed(page):
    """The procedures in the listing's table, in the order shown."""
    rows = page[page.index("<tbody>") : page.index("</tbody>")]
    titles = ("Chứng thực bản sao", "khai tử", "khai sinh")
    return sorted((title for title in titles if title in rows), key=rows.index)


@pytest.mark.parametrize("words", ["chứng thực", "chung thuc", "CHUNG THỰC", "bản sao"])
def test_words_with_or_without_marks_find_the_procedure(client, procedures, words):
    page = html(client, f"{LISTING}?q={words}")
    assert listed(page) == ["Chứng thực bản sao"]
    assert "1 thủ tục" in page
    assert f'value="{words}"' in page  # the box keeps what was typed


def test_a_code_finds_its_procedure(client, procedures):
    assert listed(html(client, f"{LISTING}?q=1.000894")) == ["khai tử"]


def test_words_and_filters_together_with_the_counts_of_the_search(client, procedures):
    field = procedures[1].field
    page = html(client, f"{LISTING}?q=dang+ky")
    assert sorted(listed(page)) == ["khai sinh", "khai tử"]
    assert "Hộ tịch (2)" in page and "Chứng thực (" not in page
    page = html(client, f"{LISTING}?q=dang+ky&linh_vuc={field.pk}&muc_do=full")
    assert sorted(listed(page)) == ["khai sinh", "khai tử"]
    page = html(client, f"{LISTING}?q=nuoc+ngoai&linh_vuc={field.pk}")
    assert listed(page) == ["khai tử"]


def test_nothing_found_gives_tips(client, procedures):
    page = html(client, f"{LISTING}?q=khongcogi")
    assert listed(page) == []
    assert "Gợi ý tìm kiếm" in page
    assert "Kiểm tra lại chính tả" in page
