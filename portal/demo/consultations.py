"""Demo drafts for comment (issue #26): one open today, one whose period ended with its
synthesis and comments published. Dates are relative to the day `setup_portal` runs, so the
first is open and the second closed whenever the demo is loaded. The drafts and comments are
samples the team wrote, not real ones."""

from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document

from consultations.models import Comment, DraftPage
from home.models import Unit
from home.setup import ensure_child
from legal_docs.models import DocumentType, IssuingAuthority
from portal.demo.pdf import sample_pdf

PBGDPL = "Phòng Phổ biến, giáo dục pháp luật và Theo dõi thi hành pháp luật"
XDKT = "Phòng Xây dựng và Kiểm tra văn bản quy phạm pháp luật"
UBND = "Ủy ban nhân dân tỉnh Quảng Trị"
HDND = "Hội đồng nhân dân tỉnh Quảng Trị"

OPEN = {
    "slug": "du-thao-quy-dinh-hoa-giai-o-co-so",
    "title": "Dự thảo Quyết định ban hành Quy định về công tác hòa giải ở cơ sở trên địa bàn tỉnh Quảng Trị",
    "type": "Quyết định",
    "authority": UBND,
    "unit": PBGDPL,
    "summary": "Quy định trách nhiệm của các sở, ngành, Ủy ban nhân dân cấp xã trong công tác hòa "
    "giải ở cơ sở; tiêu chuẩn, bồi dưỡng hòa giải viên; khen thưởng và kinh phí bảo đảm.",
    "days": (-10, 20),
    "contact": "Phòng Phổ biến, giáo dục pháp luật, Sở Tư pháp; điện thoại 0233 3852 523; "
    "thư điện tử pbgdpl.stp@quangtri.gov.vn",
}
CLOSED = {
    "slug": "du-thao-nghi-quyet-muc-chi-tro-giup-phap-ly",
    "title": "Dự thảo Nghị quyết quy định mức chi hỗ trợ hoạt động trợ giúp pháp lý trên địa bàn tỉnh",
    "type": "Nghị quyết",
    "authority": HDND,
    "unit": XDKT,
    "summary": "Quy định mức chi thù lao, bồi dưỡng cho người thực hiện trợ giúp pháp lý và chi "
    "truyền thông về trợ giúp pháp lý từ ngân sách tỉnh.",
    "days": (-75, -45),
    "contact": "Phòng Xây dựng và Kiểm tra văn bản, Sở Tư pháp; điện thoại 0233 3852 522",
    "synthesis": (
        "<p>Trong thời gian lấy ý kiến, Sở Tư pháp nhận được 03 ý kiến góp ý của tổ chức, cá nhân "
        "(bản mẫu trình diễn).</p>"
        "<h3>Ý kiến được tiếp thu</h3>"
        "<ul><li>Điều 3: bổ sung mức chi cho người thực hiện trợ giúp pháp lý tại xã đặc biệt "
        "khó khăn; đã tiếp thu, chỉnh lý khoản 2 Điều 3.</li>"
        "<li>Điều 5: làm rõ nguồn kinh phí của cấp xã; đã tiếp thu.</li></ul>"
        "<h3>Ý kiến được giải trình</h3>"
        "<ul><li>Đề nghị nâng mức chi truyền thông gấp đôi: chưa tiếp thu vì vượt khả năng cân "
        "đối ngân sách năm; sẽ xem xét khi sơ kết hai năm thực hiện.</li></ul>"
    ),
    "comments": [
        (
            "Trung tâm Trợ giúp pháp lý nhà nước tỉnh",
            "Khoản 2 Điều 3",
            "Đề nghị bổ sung mức chi cho người thực hiện trợ giúp pháp lý tại các xã đặc biệt khó khăn.",
        ),
        (
            "Ủy ban nhân dân xã Cam Lộ",
            "Điều 5",
            "Đề nghị làm rõ kinh phí của cấp xã được bố trí từ nguồn nào.",
        ),
        ("", "Điều 4", "Đề nghị nâng mức chi truyền thông về trợ giúp pháp lý lên gấp đôi."),
    ],
}


def _file(title, heading, name):
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    pdf = sample_pdf(title, (heading,), ("Bản mẫu trình diễn: không phải văn bản thật.",))
    document = Document(title=title)
    document.file.save(name, ContentFile(pdf), save=False)
    document.save()
    return document


def _draft(index, spec, today):
    start, end = (today + timedelta(days=n) for n in spec["days"])
    fields = {
        "title": spec["title"],
        "document_type": DocumentType.objects.filter(name=spec["type"]).first(),
        "issuing_authority": IssuingAuthority.objects.filter(name=spec["authority"]).first(),
        "drafting_unit": Unit.objects.filter(name=spec["unit"]).first(),
        "summary": spec["summary"],
        "comment_start": start,
        "comment_end": end,
        "contact": spec["contact"],
        "draft_file": _file(spec["title"], spec["title"], f"{spec['slug']}.pdf"),
        "explanatory_file": _file(
            f"Tờ trình – {spec['title']}", "TỜ TRÌNH", f"to-trinh-{spec['slug']}.pdf"
        ),
        "synthesis": spec.get("synthesis", ""),
        "publish_comments": bool(spec.get("comments")),
    }
    draft, created = ensure_child(index, DraftPage, spec["slug"], **fields)
    if created:
        received = datetime.combine(
            start + timedelta(days=3), time(9), timezone.get_current_timezone()
        )
        for number, (organisation, article, content) in enumerate(spec.get("comments", [])):
            Comment.objects.create(
                draft=draft,
                received_at=received + timedelta(days=number),
                name="Người góp ý mẫu",
                organisation=organisation,
                contact="gopy.mau@example.vn",
                article=article,
                content=content,
            )
    return draft


def load_consultations(index):
    today = timezone.localdate()
    return [_draft(index, OPEN, today), _draft(index, CLOSED, today)]
