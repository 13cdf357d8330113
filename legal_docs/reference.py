"""The lists every Vietnamese legal registry starts from. `setup_portal` adds the missing
ones; operators and the board extend them in the admin."""

from legal_docs.models import DocumentType, IssuingAuthority, LegalField

# (name, abbreviation, normative)
DOCUMENT_TYPES = [
    ("Hiến pháp", "HP", True),
    ("Bộ luật", "BL", True),
    ("Luật", "L", True),
    ("Pháp lệnh", "PL", True),
    ("Nghị quyết", "NQ", True),
    ("Nghị định", "NĐ", True),
    ("Quyết định", "QĐ", False),
    ("Thông tư", "TT", True),
    ("Thông tư liên tịch", "TTLT", True),
    ("Chỉ thị", "CT", False),
    ("Kế hoạch", "KH", False),
    ("Công văn", "CV", False),
    ("Hướng dẫn", "HD", False),
    ("Thông báo", "TB", False),
    ("Báo cáo", "BC", False),
]

AUTHORITIES = [
    ("Quốc hội", "QH"),
    ("Ủy ban Thường vụ Quốc hội", "UBTVQH"),
    ("Chính phủ", "CP"),
    ("Thủ tướng Chính phủ", "TTg"),
    ("Bộ Tư pháp", "BTP"),
    ("Bộ Thông tin và Truyền thông", "BTTTT"),
    ("Hội đồng nhân dân tỉnh Quảng Trị", "HĐND"),
    ("Ủy ban nhân dân tỉnh Quảng Trị", "UBND"),
    ("Sở Tư pháp Quảng Trị", "STP"),
]

FIELDS = [
    "Hộ tịch",
    "Chứng thực",
    "Công chứng",
    "Trợ giúp pháp lý",
    "Lý lịch tư pháp",
    "Phổ biến, giáo dục pháp luật",
    "Xây dựng và kiểm tra văn bản",
    "Tiếp cận thông tin",
    "Công nghệ thông tin, an toàn thông tin",
    "Bổ trợ tư pháp",
    "Tổ chức bộ máy",
]


def ensure_taxonomies():
    for order, (name, abbreviation, normative) in enumerate(DOCUMENT_TYPES):
        DocumentType.objects.get_or_create(
            name=name,
            defaults={"abbreviation": abbreviation, "is_normative": normative, "sort_order": order},
        )
    for order, (name, abbreviation) in enumerate(AUTHORITIES):
        IssuingAuthority.objects.get_or_create(
            name=name, defaults={"abbreviation": abbreviation, "sort_order": order}
        )
    for order, name in enumerate(FIELDS):
        LegalField.objects.get_or_create(name=name, defaults={"sort_order": order})
