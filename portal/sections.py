"""The information categories of Art. 5 of the regulation, as the top level of the page tree.
`setup_portal` creates each one that is missing (ensure_sections); the slugs are the public URLs of docs/features.md.
Each section's introduction is the agency's own: its profile's [section_intros]."""

from consultations.models import ConsultationIndexPage
from home.models import (
    ArticleIndexPage,
    DisclosureCatalogPage,
    FeedbackPage,
    SectionPage,
)
from home.setup import ensure_child
from information_requests.models import InformationRequestPage
from legal_docs.models import LegalDocumentIndexPage, ProcedureIndexPage
from portal.core import profile

BASIS = "Điều 4 Nghị định số 42/2022/NĐ-CP; {point} Điều 5 Quy chế hoạt động Trang TTĐT"

REQUEST_INTRO = (
    "<p>Công dân có quyền yêu cầu Sở cung cấp thông tin theo Luật Tiếp cận thông tin năm 2016 "
    "và Nghị định số 13/2018/NĐ-CP. Điền phiếu yêu cầu dưới đây; Sở trả lời trong thời hạn "
    "luật định, tính theo ngày làm việc. Giữ mã tra cứu để theo dõi yêu cầu.</p>"
)

SECTIONS = [
    {
        "slug": "gioi-thieu",
        "title": "Giới thiệu",
        "model": SectionPage,
        "disclosure": {
            "disclosure_legal_basis": BASIS.format(point="điểm đ khoản 1"),
            "disclosure_timing": "Ngay sau khi có quyết định về tổ chức, nhân sự hoặc thay đổi thông tin liên hệ",
            "disclosure_duration": "Thường xuyên, cho đến khi có thông tin thay thế",
            "review_interval_days": 180,
        },
    },
    {
        "slug": "van-ban",
        "title": "Văn bản",
        "model": LegalDocumentIndexPage,
        "disclosure": {
            "disclosure_legal_basis": BASIS.format(point="điểm a khoản 1"),
            "disclosure_timing": "Kịp thời sau khi văn bản được ký ban hành; đồng bộ với Cơ sở dữ liệu quốc gia về văn bản pháp luật",
            "disclosure_duration": "Trong thời gian văn bản còn hiệu lực và được lưu trữ sau khi hết hiệu lực",
            "review_interval_days": 30,
        },
    },
    {
        "slug": "thu-tuc-hanh-chinh",
        "title": "Thủ tục hành chính",
        "model": ProcedureIndexPage,
        "disclosure": {
            "disclosure_legal_basis": BASIS.format(point="điểm b khoản 1"),
            "disclosure_timing": "Ngay sau khi thủ tục hành chính được công bố",
            "disclosure_duration": "Trong thời gian thủ tục còn hiệu lực",
            "review_interval_days": 30,
        },
    },
    {
        "slug": "pho-bien-giao-duc-phap-luat",
        "title": "Phổ biến, giáo dục pháp luật",
        "model": ArticleIndexPage,
        "disclosure": {
            "disclosure_legal_basis": BASIS.format(point="điểm c khoản 1"),
            "disclosure_timing": "Thường xuyên, khi có văn bản mới hoặc chính sách mới",
            "disclosure_duration": "Lâu dài",
            "review_interval_days": 30,
        },
    },
    {
        "slug": "tin-tuc",
        "title": "Tin tức",
        "model": ArticleIndexPage,
        "disclosure": {
            "disclosure_legal_basis": BASIS.format(point="khoản 2"),
            "disclosure_timing": "Kịp thời sau khi sự kiện diễn ra",
            "disclosure_duration": "Lâu dài",
            "review_interval_days": 14,
        },
    },
    {
        "slug": "chien-luoc-quy-hoach-ke-hoach",
        "title": "Chiến lược, quy hoạch, kế hoạch",
        "model": SectionPage,
        "disclosure": {
            "disclosure_legal_basis": BASIS.format(point="điểm d khoản 1"),
            "disclosure_timing": "Sau khi được cấp có thẩm quyền phê duyệt",
            "disclosure_duration": "Trong thời gian thực hiện và lưu trữ sau khi kết thúc",
            "review_interval_days": 90,
        },
    },
    {
        "slug": "du-an-dau-tu-mua-sam-cong",
        "title": "Dự án đầu tư, mua sắm công",
        "model": SectionPage,
        "disclosure": {
            "disclosure_legal_basis": BASIS.format(point="điểm d khoản 1"),
            "disclosure_timing": "Sau khi danh mục, kết quả được phê duyệt",
            "disclosure_duration": "Trong thời gian thực hiện dự án, gói thầu và lưu trữ sau đó",
            "review_interval_days": 90,
        },
    },
    {
        "slug": "tai-chinh-thong-ke",
        "title": "Tài chính, thống kê",
        "model": SectionPage,
        "disclosure": {
            "disclosure_legal_basis": BASIS.format(point="điểm e khoản 1"),
            "disclosure_timing": "Theo thời hạn công khai của Luật Kế toán, Luật Thống kê và Luật Ngân sách nhà nước",
            "disclosure_duration": "Tối thiểu một năm kể từ ngày công khai",
            "review_interval_days": 180,
        },
    },
    {
        "slug": "gop-y-du-thao",
        "title": "Góp ý dự thảo",
        "model": ConsultationIndexPage,
        "disclosure": {
            "disclosure_legal_basis": "Luật Ban hành văn bản quy phạm pháp luật; "
            + BASIS.format(point="điểm a và điểm h khoản 1"),
            "disclosure_timing": "Khi bắt đầu lấy ý kiến; báo cáo tổng hợp, tiếp thu, giải trình sau khi hết thời gian góp ý",
            "disclosure_duration": "Trong thời gian lấy ý kiến và lưu trữ sau khi văn bản được ban hành",
            "review_interval_days": 30,
        },
    },
    {
        "slug": "danh-muc-thong-tin-cong-khai",
        "title": "Danh mục thông tin công khai",
        "model": DisclosureCatalogPage,
    },
    {
        "slug": "phan-anh-kien-nghi",
        "title": "Phản ánh, kiến nghị",
        "model": FeedbackPage,
    },
]


def ensure_sections(home):
    intros = profile.current().section_intros
    sections = []
    for spec in SECTIONS:
        fields = {"title": spec["title"], "show_in_menus": True, **spec.get("disclosure", {})}
        if intros.get(spec["slug"]):
            fields["intro"] = intros[spec["slug"]]
        page, _ = ensure_child(home, spec["model"], spec["slug"], **fields)
        sections.append(page)
        if spec["model"] is DisclosureCatalogPage:
            ensure_child(
                page,
                InformationRequestPage,
                "yeu-cau-cung-cap-thong-tin",
                title="Yêu cầu cung cấp thông tin",
                intro=REQUEST_INTRO,
            )
    return sections
