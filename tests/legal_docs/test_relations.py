"""Relations of vbpl.vn's vocabulary on the document page: each shown both ways with its
inverse label, in the lược đồ's groups, with its dates and the provisions concerned; the
consolidated text linked beside the national database."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from legal_docs.models import LegalDocumentRelation, RelationType
from legal_docs.models.validity import GROUPS, INVERSE_LABELS
from tests.builders import legal_document
from tests.helpers import html


def pair(relation_type, **relation):
    """A law and a decision acting on it (`relation_type`), both published."""
    law = legal_document(
        "11/2017/QH14", type_name="Luật", authority_name="Quốc hội", issued=date(2017, 6, 20)
    )
    decision = legal_document(
        "30/2025/QĐ-UBND", issued=date(2025, 5, 1), effective=date(2025, 6, 1)
    )
    LegalDocumentRelation.objects.create(
        page=decision, target=law, relation_type=relation_type, **relation
    )
    return decision, law


@pytest.mark.parametrize("relation_type", RelationType.values)
def test_each_relation_is_shown_both_ways_in_its_group(client, registry, relation_type):
    provisions = "Điều 9" if "part" in relation_type else ""
    decision, law = pair(relation_type, provisions=provisions)
    with translation.override("vi"):
        label = str(RelationType(relation_type).label)
        inverse = str(INVERSE_LABELS[RelationType(relation_type)])
        mine, theirs = (str(heading) for heading in GROUPS[RelationType(relation_type)])
    source = html(client, decision.url)
    assert f'<span class="relation-type">{label}</span>' in source
    assert f"{mine} <span" in source and law.url in source
    target = html(client, law.url)
    assert f'<span class="relation-type">{inverse}</span>' in target
    assert f"{theirs} <span" in target and decision.url in target
    if provisions:
        assert "điều, khoản liên quan: Điều 9" in source and "Điều 9" in target


def test_the_inverse_labels_read_as_vbpl_writes_them(client, registry):
    decision, law = pair("guides")
    LegalDocumentRelation.objects.create(
        page=decision, target=law, relation_type="repeals_in_part", provisions="Điều 3"
    )
    target = html(client, law.url)
    assert "Được hướng dẫn bởi" in target and "Bị bãi bỏ một phần bởi" in target
    assert "Văn bản hướng dẫn" in target and "Văn bản bãi bỏ một phần" in target
    source = html(client, decision.url)
    assert "Văn bản được hướng dẫn" in source and "Văn bản bị bãi bỏ một phần" in source


def test_a_suspension_shows_its_state_provisions_and_end(client, registry):
    decision, law = pair(
        "suspends_in_part",
        provisions="khoản 2 Điều 5",
        effective_date=date(2025, 6, 10),
        end_date=date(2099, 12, 31),
    )
    target = html(client, law.url)
    assert "Ngưng hiệu lực một phần" in target  # the computed badge
    notes = target.split('class="validity-notes"')[1].split("</ul>")[0]
    assert "Bị đình chỉ một phần bởi" in notes and "30/2025/QĐ-UBND" in notes
    assert "từ 10/06/2025" in notes and "đến hết ngày 31/12/2099" in notes
    assert "điều, khoản liên quan: khoản 2 Điều 5" in notes


def test_a_suspension_until_decided_says_so(client, registry):
    _decision, law = pair("suspends")
    target = html(client, law.url)
    assert "Ngưng hiệu lực" in target and "cho đến khi có quyết định xử lý" in target


def test_outside_documents_are_named_and_linked_only_when_given_an_address(client, registry):
    decision = legal_document("31/2025/QĐ-UBND", issued=date(2025, 5, 1), effective=None)
    LegalDocumentRelation.objects.create(
        page=decision,
        relation_type="refers_to",
        external_number="22/2023/TT-BTTTT",
        external_title="Thông tư quy định cấu trúc cổng thông tin điện tử",
    )
    LegalDocumentRelation.objects.create(
        page=decision,
        relation_type="legal_basis",
        external_number="43/2011/NĐ-CP",
        external_url="https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=1",
    )
    page = html(client, decision.url)
    assert "22/2023/TT-BTTTT – Thông tư quy định cấu trúc" in page
    assert '<a href="https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=1"' in page
    assert page.count("không có trong cơ sở dữ liệu này") == 2


def test_the_consolidated_text_is_linked_beside_the_national_database(client, registry):
    law = legal_document(
        "12/2024/QĐ-UBND",
        national_database_url="https://vbpl.vn/quangtri/Pages/vbpq-toanvan.aspx?ItemID=2",
        consolidated_url="https://vbpl.vn/quangtri/Pages/vbpq-van-ban-hop-nhat.aspx?ItemID=3",
    )
    page = html(client, law.url)
    assert ">Cơ sở dữ liệu quốc gia về văn bản pháp luật</a>" in page
    assert (
        '<a href="https://vbpl.vn/quangtri/Pages/vbpq-van-ban-hop-nhat.aspx?ItemID=3" '
        'rel="noopener">Văn bản hợp nhất</a>'
    ) in page


@pytest.mark.parametrize(
    "relation,field",
    [
        ({"relation_type": "repeals_in_part"}, "provisions"),
        ({"relation_type": "ends_in_part", "provisions": "  "}, "provisions"),
        ({"relation_type": "amends", "end_date": date(2025, 1, 1)}, "end_date"),
        (
            {
                "relation_type": "suspends",
                "effective_date": date(2025, 2, 1),
                "end_date": date(2025, 1, 1),
            },
            "end_date",
        ),
    ],
)
def test_the_editor_is_told_what_a_relation_lacks(registry, relation, field):
    target = legal_document("13/2024/QĐ-UBND")
    with pytest.raises(ValidationError) as raised:
        LegalDocumentRelation(target=target, **relation).clean()
    assert field in raised.value.message_dict
