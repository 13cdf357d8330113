"""Demo organisation (Art. 5.1đ): the units a provincial Department of Justice has under
Circular 07/2020/TT-BTP; names of people and contact figures are demo samples."""

from home.models import OrganisationPage, Person, Unit
from home.setup import ensure_child

ADDRESS = "Số 01 Hùng Vương, phường Đông Hà, tỉnh Quảng Trị"
UNITS = [
    # name, kind, parent, phone, email, functions
    (
        "Lãnh đạo Sở",
        "leadership",
        None,
        "0233 3852 520",
        "sotp@quangtri.gov.vn",
        "Giám đốc và các Phó Giám đốc Sở chỉ đạo, điều hành toàn bộ hoạt động của Sở.",
    ),
    (
        "Văn phòng Sở",
        "division",
        "Lãnh đạo Sở",
        "0233 3852 520",
        "vanphong.stp@quangtri.gov.vn",
        "Tổng hợp, hành chính, tổ chức cán bộ, tài chính; tiếp nhận phản ánh, kiến nghị.",
    ),
    (
        "Phòng Xây dựng và Kiểm tra văn bản quy phạm pháp luật",
        "division",
        "Lãnh đạo Sở",
        "0233 3852 522",
        "xdkt.stp@quangtri.gov.vn",
        "Thẩm định, kiểm tra, rà soát văn bản quy phạm pháp luật.",
    ),
    (
        "Phòng Phổ biến, giáo dục pháp luật và Theo dõi thi hành pháp luật",
        "division",
        "Lãnh đạo Sở",
        "0233 3852 523",
        "pbgdpl.stp@quangtri.gov.vn",
        "Phổ biến, giáo dục pháp luật; hòa giải ở cơ sở; theo dõi thi hành pháp luật; vận hành Trang thông tin điện tử.",
    ),
    (
        "Phòng Hành chính tư pháp",
        "division",
        "Lãnh đạo Sở",
        "0233 3852 524",
        "hctp.stp@quangtri.gov.vn",
        "Hộ tịch, quốc tịch, chứng thực, nuôi con nuôi, lý lịch tư pháp.",
    ),
    (
        "Phòng Bổ trợ tư pháp",
        "division",
        "Lãnh đạo Sở",
        "0233 3852 525",
        "bttp.stp@quangtri.gov.vn",
        "Luật sư, công chứng, giám định tư pháp, đấu giá tài sản, thừa phát lại.",
    ),
    (
        "Trung tâm Trợ giúp pháp lý nhà nước",
        "public_service",
        "Lãnh đạo Sở",
        "0233 3852 530",
        "trogiupphaply@quangtri.gov.vn",
        "Trợ giúp pháp lý miễn phí cho người được trợ giúp pháp lý.",
    ),
    (
        "Phòng Công chứng số 1",
        "public_service",
        "Lãnh đạo Sở",
        "0233 3852 531",
        "congchung1@quangtri.gov.vn",
        "Công chứng hợp đồng, giao dịch, bản dịch.",
    ),
]
PEOPLE = [
    # name, position, unit, leader, contact, biography
    (
        "Hoàng Kỳ",
        "Giám đốc Sở",
        "Lãnh đạo Sở",
        True,
        False,
        "Phụ trách chung; chịu trách nhiệm về nội dung Trang thông tin điện tử (người trong bản trình diễn).",
    ),
    (
        "Lê Văn Minh",
        "Phó Giám đốc Sở",
        "Lãnh đạo Sở",
        True,
        False,
        "Phụ trách công tác xây dựng, kiểm tra văn bản và phổ biến, giáo dục pháp luật (người trong bản trình diễn).",
    ),
    ("Trần Thị Hương", "Chánh Văn phòng Sở", "Văn phòng Sở", False, True, ""),
    (
        "Nguyễn Hữu Phước",
        "Trưởng phòng Phổ biến, giáo dục pháp luật và Theo dõi thi hành pháp luật",
        "Phòng Phổ biến, giáo dục pháp luật và Theo dõi thi hành pháp luật",
        False,
        True,
        "",
    ),
]
FUNCTIONS = (
    "<p>Sở Tư pháp là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh Quảng Trị, tham mưu, giúp "
    "Ủy ban nhân dân tỉnh quản lý nhà nước về công tác xây dựng, thi hành pháp luật, theo dõi thi "
    "hành pháp luật, kiểm tra, xử lý văn bản quy phạm pháp luật; phổ biến, giáo dục pháp luật; hòa "
    "giải ở cơ sở; hộ tịch; quốc tịch; chứng thực; nuôi con nuôi; lý lịch tư pháp; bồi thường nhà "
    "nước; trợ giúp pháp lý; luật sư; tư vấn pháp luật; công chứng; giám định tư pháp; đấu giá tài "
    "sản; trọng tài thương mại; hòa giải thương mại; thừa phát lại; quản lý công tác thi hành pháp "
    "luật về xử lý vi phạm hành chính và công tác tư pháp khác theo quy định của pháp luật.</p>"
)
HISTORY = (
    "<p>Sở Tư pháp tỉnh Quảng Trị được thành lập khi tỉnh Quảng Trị được tái lập năm 1989 và "
    "được kiện toàn theo các quy định về tổ chức các cơ quan chuyên môn thuộc Ủy ban nhân dân "
    "cấp tỉnh (nội dung minh họa của bản trình diễn).</p>"
)


def load_organisation(section):
    units = {}
    for order, (name, kind, parent, phone, email, functions) in enumerate(UNITS):
        units[name], _ = Unit.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "parent": units.get(parent),
                "phone": phone,
                "email": email,
                "address": ADDRESS,
                "functions": functions,
                "sort_order": order,
            },
        )
    for order, (name, position, unit, leader, contact, biography) in enumerate(PEOPLE):
        Person.objects.get_or_create(
            name=name,
            position=position,
            defaults={
                "unit": units[unit],
                "is_leader": leader,
                "is_contact": contact,
                "biography": biography,
                "phone": units[unit].phone,
                "sort_order": order,
            },
        )
    ensure_child(
        section,
        OrganisationPage,
        "co-cau-to-chuc",
        title="Cơ cấu tổ chức",
        functions=FUNCTIONS,
        history=HISTORY,
        show_in_menus=True,
    )
