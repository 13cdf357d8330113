"""The legal-document registry (Art. 5.1a): validation, validity, relations, listing, JSON-LD."""

import io
import json
import re
import unicodedata
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from docx import Document as WordDocument
from wagtail.documents.models import Document

from legal_docs.models import (
    DocumentType,
    IssuingAuthority,
    LegalDocumentFile,
    LegalDocumentPage,
    LegalDocumentRelation,
    Validity,
    annotate_validity,
)
from portal.core import roles
from tests.admin_forms import legal_document_form
from tests.builders import legal_document, new_document, publish, small_registry
from tests.helpers import html, validity_of


@pytest.fixture
def documents(registry):
    """{number: page} of a small registry, with the 2024 law on organising the people's
    courts replacing the 2014 one, and a decree naming the one it replaced, which is not in
    the registry."""
    old = legal_document(
        "53/2014/QH13",
        "Luật",
        "Quốc hội",
        date(2014, 11, 25),
        date(2015, 7, 1),
        summary="Luật Tổ chức Tòa án nhân dân",
    )
    built = [
        *small_registry(),
        old,
        legal_document(
            "46/2024/QH15",
            "Luật",
            "Quốc hội",
            date(2024, 11, 26),
            date(2025, 7, 1),
            summary="Luật Tổ chức Tòa án nhân dân",
            relations=[("replaces", old)],
        ),
        legal_document(
            "42/2022/NĐ-CP",
            "Nghị định",
            "Chính phủ",
            date(2022, 6, 24),
            date(2022, 6, 24),
            summary="Cung cấp thông tin và dịch vụ công trực tuyến",
            relations=[("replaces", "43/2011/NĐ-CP")],
        ),
    ]
    return {page.number_symbol: page for page in built}


def errors_of(page):
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    return caught.value.message_dict


# Validation


def test_effective_date_before_issue_date_is_refused(registry):
    page = LegalDocumentPage(
        title="Quyết định thử",
        number_symbol="15/QĐ-STP",
        summary="Thử",
        slug="x",
        document_type=DocumentType.objects.first(),
        issuing_authority=IssuingAuthority.objects.first(),
        issue_date=date(2024, 5, 2),
        effective_date=date(2024, 5, 1),
    )
    page.path, page.depth = registry.path + "9999", registry.depth + 1
    assert errors_of(page)["effective_date"] == ["Ngày có hiệu lực không được trước ngày ban hành."]


@pytest.mark.parametrize("number", ["abc", "QĐ-UBND/2975", "2975-QĐ-UBND", "12/2024"])
def test_badly_written_number_is_refused(registry, number):
    page = LegalDocumentPage(number_symbol=number)
    message = errors_of(page)["number_symbol"][0]
    assert "Hãy ghi số ký hiệu như trên văn bản" in message


@pytest.mark.parametrize(
    "typed", ["12/qđ-stp", "12/QD-STP", unicodedata.normalize("NFD", "12/QĐ-STP")]
)
def test_duplicate_number_of_the_same_authority_and_year_is_refused(registry, typed):
    new_document(registry, "12/QĐ-STP")
    page = LegalDocumentPage(
        title="Bản trùng",
        number_symbol=typed,
        summary="Trùng",
        slug="trung",
        document_type=DocumentType.objects.get(name="Quyết định"),
        issuing_authority=IssuingAuthority.objects.get(abbreviation="STP"),
        issue_date=date(2024, 8, 1),
    )
    message = errors_of(page)["number_symbol"][0]
    assert "Sở Tư pháp Quảng Trị đã có văn bản số 12/QĐ-STP năm 2024" in message


def test_same_number_in_another_year_is_fine(registry):
    new_document(registry, "12/QĐ-STP")
    other = new_document(registry, "12/QĐ-STP", issued=date(2025, 1, 5), effective=date(2025, 1, 5))
    assert other.url.endswith("/van-ban/12-qd-stp-2025/")


def test_number_is_stored_as_written_and_slug_follows_it(registry):
    page = new_document(registry, " 31/qđ-stp ")
    assert page.number_symbol == "31/QĐ-STP"
    assert page.number_key == "31/QD-STP"
    assert page.url == "/van-ban/31-qd-stp-2024/"


def upload(name, content):
    document = Document(title=name)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("quyet-dinh.pdf", b"MZ\x90\x00 not a pdf", "không phải là tệp PDF thật"),
        ("quyet-dinh.exe", b"MZ\x90\x00", "không được chấp nhận"),
        ("quyet-dinh.docx", b"%PDF-1.7", "không phải là tệp DOCX thật"),
    ],
)
def test_wrong_file_type_is_refused(registry, name, content, message):
    attachment = LegalDocumentFile(document=upload(name, content))
    with pytest.raises(ValidationError) as caught:
        attachment.clean()
    assert message in caught.value.messages[0]


def test_text_of_a_word_file_is_extracted_for_search(registry):
    buffer = io.BytesIO()
    word = WordDocument()
    word.add_paragraph("Điều 1. Phê duyệt danh sách trợ giúp viên pháp lý.")
    word.save(buffer)
    page = new_document(registry, "40/QĐ-STP")
    attachment = LegalDocumentFile(document=upload("qd-40.docx", buffer.getvalue()))
    attachment.clean()
    page.files.add(attachment)
    publish(page)
    stored = LegalDocumentFile.objects.get(page=page)
    assert "trợ giúp viên pháp lý" in stored.extracted_text


def test_editor_sees_the_vietnamese_message_in_the_admin(client, registry, login):
    login(roles.BOARD)
    data = legal_document_form(
        document_type=DocumentType.objects.get(name="Quyết định").pk,
        issuing_authority=IssuingAuthority.objects.get(abbreviation="STP").pk,
        effective_date="01/05/2024",
    )
    data["action-submit"] = "1"
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("legal_docs", "legaldocumentpage", registry.pk)),
        data,
    )
    assert response.status_code == 200
    assert "Ngày có hiệu lực không được trước ngày ban hành." in response.content.decode()
    assert not LegalDocumentPage.objects.filter(number_symbol="55/QĐ-STP").exists()


# Validity


def test_validity_follows_the_dates(registry):
    page = new_document(
        registry, "20/QĐ-STP", effective=date(2024, 3, 15), expiry_date=date(2024, 12, 31)
    )
    assert validity_of(page, on=date(2024, 3, 14)) == Validity.NOT_YET_IN_FORCE
    assert validity_of(page, on=date(2024, 3, 15)) == Validity.IN_FORCE  # the day it takes effect
    assert validity_of(page, on=date(2024, 12, 31)) == Validity.EXPIRED


def test_validity_in_python_gives_the_databases_answer(registry):
    """The document page computes validity from the row it routes to (validity_on), the
    listing in SQL (annotate_validity): every case, on days around each date."""
    from legal_docs.models.validity import validity_on
    from legal_docs.synthetic import generate

    generate(registry, 300, seed=5)
    cases = LegalDocumentPage.objects.all()
    pks = list(cases.order_by("pk").values_list("pk", flat=True))
    cases.filter(pk__in=pks[:10]).update(validity_override=Validity.SUSPENDED)
    cases.filter(pk__in=pks[10:20]).update(effective_date=None)
    cases.filter(pk__in=pks[20:30]).update(terminated_on=date(2025, 1, 1))
    cases.filter(pk__in=pks[30:40]).update(expiry_date=date(2024, 3, 15))
    days = [date(2024, 3, 14), date(2024, 3, 15), date(2025, 1, 1), date(2030, 1, 1)]
    for day in days:
        annotated = dict(annotate_validity(cases, on=day).values_list("pk", "validity"))
        kinds = set()
        for page in cases:
            assert validity_on(page, day) == annotated[page.pk], (page.number_symbol, day)
            kinds.add(annotated[page.pk])
    assert len(kinds) >= 3


def test_unknown_effective_date_means_not_yet_in_force(registry):
    page = new_document(registry, "21/QĐ-STP", effective=None)
    assert validity_of(page) == Validity.NOT_YET_IN_FORCE


def test_replacement_ends_validity_when_it_takes_effect(registry):
    old = new_document(registry, "22/QĐ-STP")
    new = new_document(registry, "23/QĐ-STP", issued=date(2025, 6, 1), effective=date(2025, 7, 1))
    new.relations.add(LegalDocumentRelation(relation_type="replaces", target=old))
    publish(new)
    assert validity_of(old, on=date(2025, 6, 30)) == Validity.IN_FORCE
    assert validity_of(old, on=date(2025, 7, 1)) == Validity.EXPIRED
    new.unpublish()  # an unpublished replacement does not count
    assert validity_of(old, on=date(2025, 7, 1)) == Validity.IN_FORCE


def test_override_wins_and_needs_a_reason(registry):
    page = new_document(registry, "24/QĐ-STP")
    page.validity_override = Validity.SUSPENDED
    assert "validity_override_reason" in errors_of(page)
    page.validity_override_reason = "Tạm đình chỉ theo Quyết định 5/QĐ-UBND"
    page.validity_override_date = date(2025, 2, 1)
    publish(page)
    assert validity_of(page) == Validity.SUSPENDED
    assert any("Tạm đình chỉ" in what for _when, what in page.validity_history())


# Public pages


def test_relations_are_shown_both_ways(client, documents):
    old = html(client, documents["53/2014/QH13"].url)
    assert "Hết hiệu lực toàn bộ" in old
    assert "Được thay thế bởi" in old and "46/2024/QH15" in old
    assert "01/07/2025" in old  # the day it ceased to be in force, in its history
    new = html(client, documents["46/2024/QH15"].url)
    assert "Thay thế" in new and "53/2014/QH13" in new
    assert "Còn hiệu lực" in new


def test_external_relation_is_listed(client, documents):
    page = html(client, documents["42/2022/NĐ-CP"].url)
    assert "43/2011/NĐ-CP" in page


def listed_numbers(page):
    return set(re.findall(r'<th scope="row"[^>]*><a [^>]*href="[^"]+">([^<]+)</a></th>', page))


def test_filters_and_counts_are_exact(client, documents):
    laws = {n for n, page in documents.items() if page.document_type.name == "Luật"}
    assert len(laws) == 5
    luat = DocumentType.objects.get(name="Luật")
    page = html(client, f"/van-ban/?loai={luat.pk}")
    assert f"{len(laws)} văn bản" in page
    assert f"Luật ({len(laws)})" in page
    # Expired laws: those replaced by a later law that is already in force.
    page = html(client, f"/van-ban/?loai={luat.pk}&hieu_luc=expired")
    assert listed_numbers(page) == {"53/2014/QH13", "69/2006/QH11"}
    in_2024 = {"46/2024/QH15", "2975/QĐ-UBND", "97/QĐ-STP"}
    page = html(client, "/van-ban/?nam=2024")
    assert listed_numbers(page) == in_2024
    assert f"2024 ({len(in_2024)})" in page


def test_date_range_filter_and_bad_range(client, documents):
    page = html(client, "/van-ban/?tu_ngay=01/12/2024&den_ngay=31/12/2024")
    assert listed_numbers(page) == {"2975/QĐ-UBND", "97/QĐ-STP"}
    page = html(client, "/van-ban/?tu_ngay=31/12/2024&den_ngay=01/12/2024")
    assert "Ngày bắt đầu không được sau ngày kết thúc." in page


@pytest.mark.parametrize(
    "typed", ["2975/qd-ubnd", "2975/QĐ-UBND", unicodedata.normalize("NFD", "2975/qđ-ubnd"), "2975"]
)
def test_number_finds_its_document_however_typed(client, documents, typed):
    page = html(client, f"/van-ban/?so={typed}")
    assert listed_numbers(page) == {"2975/QĐ-UBND"}


def test_json_ld_parses_and_carries_the_right_values(client, documents):
    page = html(client, documents["46/2024/QH15"].url)
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    )
    assert data["@type"] == "Legislation"
    assert data["legislationIdentifier"] == "46/2024/QH15"
    assert data["legislationType"] == "Luật"
    assert data["legislationDate"] == "2024-11-26"
    assert data["legislationLegalForce"] == "InForce"
    assert data["legislationPassedBy"]["name"] == "Quốc hội"
    assert [c["legislationIdentifier"] for c in data["legislationChanges"]] == ["53/2014/QH13"]
    old = json.loads(
        re.search(
            r'ld\+json">(.*?)</script>', html(client, documents["53/2014/QH13"].url), re.S
        ).group(1)
    )
    assert old["legislationLegalForce"] == "NotInForce"


def test_citation_names_type_number_date_and_authority(client, documents):
    page = html(client, documents["2975/QĐ-UBND"].url)
    assert "Quyết định số 2975/QĐ-UBND ngày 06/12/2024 của Ủy ban nhân dân tỉnh Quảng Trị" in page


def test_catalogue_lists_the_registry(client, registry):
    assert "Điểm a khoản 1" in html(client, "/danh-muc-thong-tin-cong-khai/").replace(
        "điểm a", "Điểm a"
    )


def test_document_is_not_public_before_it_is_published(client, registry):
    draft = LegalDocumentPage(
        title="Dự thảo",
        number_symbol="77/QĐ-STP",
        summary="Dự thảo",
        slug="77-qd-stp-2024",
        document_type=DocumentType.objects.get(name="Quyết định"),
        issuing_authority=IssuingAuthority.objects.get(abbreviation="STP"),
        issue_date=date(2024, 1, 1),
        live=False,
    )
    registry.add_child(instance=draft)
    assert client.get("/van-ban/77-qd-stp-2024/").status_code == 404
    assert "77/QĐ-STP" not in html(client, "/van-ban/?so=77")


def test_contributor_submits_a_document_and_can_choose_its_type(client, registry, login):
    login(roles.CONTRIBUTORS)
    chooser = client.get(reverse("wagtailsnippetchoosers_legal_docs_documenttype:choose"))
    assert chooser.status_code == 200 and "Quyết định" in chooser.json()["html"]
    data = legal_document_form(
        title="Kế hoạch phổ biến pháp luật 2026",
        slug="ke-hoach",
        document_type=DocumentType.objects.get(name="Kế hoạch").pk,
        number_symbol="12/KH-STP",
        issuing_authority=IssuingAuthority.objects.get(abbreviation="STP").pk,
        issue_date="05/01/2026",
        effective_date="05/01/2026",
        summary="Kế hoạch phổ biến, giáo dục pháp luật năm 2026",
    )
    data["action-submit"] = "action-submit"
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("legal_docs", "legaldocumentpage", registry.pk)),
        data,
    )
    assert response.status_code == 302
    document = LegalDocumentPage.objects.get(number_key="12/KH-STP")
    assert not document.live
    assert document.url_path.endswith("/12-kh-stp-2026/")
    assert document.current_workflow_state.status == "in_progress"
