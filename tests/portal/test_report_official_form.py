"""The printable activity report in the form of an administrative report (Nghị định
30/2020/NĐ-CP, Phụ lục I): national heading and motto, the managing agency and the agency,
the number, place and date, the title, "Nơi nhận" and the signature block, and a print
button; the place, number symbol and signer come from the site settings."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Site

from portal.core import roles
from portal.core.models import PortalSettings
from portal.reports import official_date

pytestmark = pytest.mark.django_db


def printable(client, query=""):
    response = client.get(reverse("portal_report_print") + query)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(soup, selector):
    return " ".join(soup.select_one(selector).get_text(" ").split())


def test_the_report_has_the_heading_number_date_and_signature(client, login):
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.report_signer_name = "Nguyễn Văn Bình"
    settings.save()
    login(roles.DIRECTORS)
    soup = printable(client, "?so=15")
    assert text_of(soup, ".national") == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert text_of(soup, ".motto") == "Độc lập - Tự do - Hạnh phúc"
    assert text_of(soup, ".managing-agency") == "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ"
    assert text_of(soup, ".issuing-agency") == "SỞ TƯ PHÁP TỈNH QUẢNG TRỊ"
    assert text_of(soup, ".number") == "Số: 15/BC-STP"
    assert text_of(soup, ".place-date").startswith("Quảng Trị, ngày ")
    assert text_of(soup, ".document-title") == "BÁO CÁO"
    assert "Nơi nhận:" in text_of(soup, ".recipients")
    assert "Lưu: VT" in text_of(soup, ".recipients")
    signature = text_of(soup, ".signature")
    assert signature.startswith("GIÁM ĐỐC") and signature.endswith("Nguyễn Văn Bình")
    button = soup.select_one("button.print-button")
    assert button is not None and "In báo cáo" in button.get_text()


def test_an_unnumbered_report_leaves_the_number_to_the_clerk(client, login):
    login(roles.OFFICE)
    soup = printable(client)
    number = text_of(soup, ".number")
    assert number.startswith("Số:") and number.endswith("/BC-STP") and "None" not in number


def test_the_place_and_symbol_come_from_the_settings(client, login):
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.report_place = "Đông Hà"
    settings.report_symbol = "BC-VP"
    settings.save()
    login(roles.DIRECTORS)
    soup = printable(client, "?so=7")
    assert text_of(soup, ".number") == "Số: 7/BC-VP"
    assert text_of(soup, ".place-date").startswith("Đông Hà, ngày ")


@pytest.mark.parametrize(
    "day, written",
    [
        (date(2026, 2, 5), "ngày 05 tháng 02 năm 2026"),  # days 1-9 and months 1-2 take a 0
        (date(2026, 12, 16), "ngày 16 tháng 12 năm 2026"),
        (date(2026, 3, 1), "ngày 01 tháng 3 năm 2026"),
    ],
)
def test_dates_are_written_as_the_decree_says(day, written):
    assert official_date(day) == written
