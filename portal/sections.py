"""The information categories of Art. 5 of the regulation, as the top level of the page tree.
`setup_portal` creates each one that is missing (ensure_sections); the slugs are the public URLs of docs/features.md."""

from home.models import (
    ArticleIndexPage,
    DisclosureCatalogPage,
    FeedbackPage,
    SectionPage,
)
from home.setup import ensure_child
from legal_docs.models import LegalDocumentIndexPage, ProcedureIndexPage

BASIS = "Điều 4 Nghị định số 42/2022/NĐ-CP; {point} Điều 5 Quy chế hoạt động Trang TTĐT"

SECTIONS = [
    {
        "slug": "gioi-thieu",
        "title": "Giới thiệu",
        "model": SectionPage,
        "intro": "Chức năng, nhiệm vụ, quyền hạn, cơ cấu tổ chức của Sở Tư pháp và các đơn vị trực thuộc; địa chỉ, điện thoại, thư điện tử liên hệ.",
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
        "intro": "Văn bản quy phạm pháp luật và văn bản quản lý hành chính do Sở Tư pháp ban hành hoặc chủ trì soạn thảo, cùng các văn bản liên quan đến ngành tư pháp.",
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
        "intro": "Thủ tục hành chính, dịch vụ công trực tuyến và quy trình giải quyết công việc thuộc thẩm quyền của Sở Tư pháp, thống nhất với Cổng Dịch vụ công quốc gia.",
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
        "intro": "Thông tin phổ biến, hướng dẫn thực hiện pháp luật, chế độ, chính sách; hỏi đáp pháp luật.",
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
        "intro": "Tin hoạt động của Sở Tư pháp và ngành tư pháp tỉnh Quảng Trị.",
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
        "intro": "Chiến lược, chương trình, đề án, kế hoạch, quy hoạch ngành, lĩnh vực và kết quả thực hiện; chương trình, kế hoạch công tác hằng năm.",
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
        "intro": "Danh mục dự án, chương trình và kết quả thực hiện đầu tư công, mua sắm công; quản lý, sử dụng vốn đầu tư công.",
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
        "intro": "Báo cáo tài chính năm, công khai ngân sách; thông tin thống kê ngành tư pháp; chương trình, đề tài khoa học.",
        "disclosure": {
            "disclosure_legal_basis": BASIS.format(point="điểm e khoản 1"),
            "disclosure_timing": "Theo thời hạn công khai của Luật Kế toán, Luật Thống kê và Luật Ngân sách nhà nước",
            "disclosure_duration": "Tối thiểu một năm kể từ ngày công khai",
            "review_interval_days": 180,
        },
    },
    {
        "slug": "danh-muc-thong-tin-cong-khai",
        "title": "Danh mục thông tin công khai",
        "model": DisclosureCatalogPage,
        "intro": "Danh mục thông tin phải được công khai trên Trang thông tin điện tử, với địa chỉ, hình thức, thời điểm và thời hạn công khai của từng loại thông tin (điểm g khoản 1 Điều 5 Quy chế). Danh mục được lập tự động từ các chuyên mục của Trang.",
    },
    {
        "slug": "phan-anh-kien-nghi",
        "title": "Phản ánh, kiến nghị",
        "model": FeedbackPage,
        "intro": "Tổ chức, cá nhân phát hiện nội dung vướng mắc, chưa phù hợp hoặc thông tin chưa chính xác trên Trang xin phản ánh về Văn phòng Sở Tư pháp (Điều 12 Quy chế) qua mẫu dưới đây, hoặc qua địa chỉ, điện thoại và thư điện tử ở chân trang.",
    },
]


def ensure_sections(home):
    sections = []
    for spec in SECTIONS:
        fields = {"title": spec["title"], "show_in_menus": True, **spec.get("disclosure", {})}
        if spec.get("intro"):
            fields["intro"] = spec["intro"]
        page, _ = ensure_child(home, spec["model"], spec["slug"], **fields)
        sections.append(page)
    return sections
