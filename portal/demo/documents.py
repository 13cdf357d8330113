"""A file and a full text for each demo legal document, so "download the text" and full-text
search can be tried (issue #23). The articles are short samples the team wrote for each
field, not the documents' real text: every file and every full text says so."""

import io
from html import escape

from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from legal_docs import extraction
from legal_docs.models import LegalDocumentFile
from portal.core import profile
from portal.demo.pdf import SAMPLE, sample_pdf

NOTE = (
    "Ghi chú: Đây là bản mẫu do Trang thông tin điện tử tạo ra để trình diễn việc tải văn bản "
    "và tìm kiếm toàn văn; các điều dưới đây không phải là nội dung của văn bản gốc. Toàn văn "
    "chính thức được đăng trên Cơ sở dữ liệu quốc gia về văn bản pháp luật."
)

# One sample article per field of the registry: (heading, text).
FIELD_ARTICLES = {
    "Hộ tịch": (
        "Đăng ký hộ tịch",
        "Cá nhân yêu cầu đăng ký khai sinh, kết hôn, khai tử nộp hồ sơ tại Ủy ban nhân dân cấp "
        "xã nơi cư trú hoặc trực tuyến; cơ quan đăng ký hộ tịch cấp bản chính trích lục cho "
        "người yêu cầu và cập nhật Cơ sở dữ liệu hộ tịch điện tử.",
    ),
    "Công chứng": (
        "Công chứng hợp đồng, giao dịch",
        "Công chứng viên kiểm tra giấy tờ, đọc lại dự thảo hợp đồng cho người yêu cầu nghe và "
        "ký vào từng trang; văn bản công chứng có từ hai trang trở lên được đánh số trang và "
        "đóng dấu giáp lai.",
    ),
    "Chứng thực": (
        "Chứng thực bản sao từ bản chính",
        "Người thực hiện chứng thực đối chiếu bản sao với bản chính, ghi lời chứng, ký, ghi rõ "
        "họ tên và đóng dấu; bản sao được chứng thực có giá trị sử dụng thay cho bản chính.",
    ),
    "Trợ giúp pháp lý": (
        "Người được trợ giúp pháp lý",
        "Người thuộc hộ nghèo, người có công với cách mạng, trẻ em và người dân tộc thiểu số "
        "cư trú ở vùng khó khăn được tư vấn, tham gia tố tụng và đại diện ngoài tố tụng miễn phí.",
    ),
    "Lý lịch tư pháp": (
        "Cấp Phiếu lý lịch tư pháp",
        "Phiếu lý lịch tư pháp được cấp trong thời hạn mười ngày kể từ ngày nhận yêu cầu hợp "
        "lệ; người yêu cầu có thể nhận phiếu qua dịch vụ bưu chính.",
    ),
    "Phổ biến, giáo dục pháp luật": (
        "Hình thức phổ biến pháp luật",
        "Cơ quan, đơn vị tổ chức phổ biến pháp luật qua hội nghị, tủ sách pháp luật, thi tìm "
        "hiểu pháp luật, sân khấu hóa và trên Trang thông tin điện tử; hòa giải viên ở cơ sở "
        "được bồi dưỡng kỹ năng hằng năm.",
    ),
    "Tiếp cận thông tin": (
        "Công khai thông tin",
        "Cơ quan nhà nước đăng tải thông tin phải được công khai trên cổng, trang thông tin "
        "điện tử của mình, kèm danh mục thông tin và thời điểm cập nhật; người yêu cầu cung "
        "cấp thông tin điền phiếu yêu cầu theo mẫu.",
    ),
    "Công nghệ thông tin, an toàn thông tin": (
        "Bảo đảm an toàn hệ thống thông tin",
        "Chủ quản hệ thống thông tin phân loại cấp độ, sao lưu dữ liệu định kỳ, giám sát và "
        "ứng cứu sự cố; mật khẩu quản trị được thay đổi và xác thực hai lớp.",
    ),
    "Xây dựng và kiểm tra văn bản": (
        "Thẩm định dự thảo văn bản",
        "Cơ quan tư pháp thẩm định sự cần thiết, tính hợp hiến, hợp pháp và tính thống nhất "
        "của dự thảo với hệ thống pháp luật; báo cáo thẩm định được gửi kèm hồ sơ trình.",
    ),
    "Bổ trợ tư pháp": (
        "Hành nghề bổ trợ tư pháp",
        "Luật sư, đấu giá viên, giám định viên tư pháp hành nghề theo chứng chỉ được cấp, tuân "
        "thủ quy tắc đạo đức nghề nghiệp và mua bảo hiểm trách nhiệm nghề nghiệp.",
    ),
    "Tổ chức bộ máy": (
        "Trách nhiệm của người đứng đầu",
        "Người đứng đầu cơ quan chịu trách nhiệm tổ chức thực hiện, kiểm tra và xử lý vi phạm; "
        "kết quả được báo cáo định kỳ sáu tháng và hằng năm.",
    ),
}
GENERAL_ARTICLE = (
    "Tổ chức thực hiện",
    "Cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành văn bản này.",
)


def articles(page, field_names):
    heading, text = next(
        (FIELD_ARTICLES[name] for name in field_names if name in FIELD_ARTICLES), GENERAL_ARTICLE
    )
    effective = page.effective_date or page.issue_date
    return [
        # Not the summary again: search would rank a document higher for saying it twice.
        ("Điều 1. Phạm vi điều chỉnh", "Văn bản này quy định các nội dung nêu tại trích yếu."),
        (f"Điều 2. {heading}", text),
        (
            "Điều 3. Hiệu lực thi hành",
            f"Văn bản này có hiệu lực kể từ ngày {effective:%d/%m/%Y}.",
        ),
    ]


def attach_sample_file(page, field_names):
    """Gives `page` (not yet published) a sample PDF and the same text as its full text. The
    PDF passes the checks of every upload (portal/core/uploads.py), antivirus included."""
    heading = (
        str(page.issuing_authority).upper(),
        f"Số: {page.number_symbol}",
        str(page.document_type).upper(),
        page.summary,
    )
    sections = articles(page, field_names)
    paragraphs = tuple(part for section in sections for part in section) + (NOTE,)
    data = sample_pdf(page.title, heading, paragraphs, profile.current().common_name)
    name = f"{page.slug}.pdf"
    extraction.check_file(name, io.BytesIO(data), len(data))
    document = Document(title=f"{page.title} (bản mẫu)")
    document.file.save(name, ContentFile(data), save=False)
    document.save()
    page.files.add(LegalDocumentFile(document=document, label="Bản mẫu (PDF)"))
    body = [f"<p><b>{escape(SAMPLE)}</b></p>"]
    for title, text in sections:
        body.append(f"<h3>{escape(title)}</h3><p>{escape(text)}</p>")
    body.append(f"<p><i>{escape(NOTE)}</i></p>")
    page.full_text = "".join(body)
