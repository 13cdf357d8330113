"""Demo information requests, one or more in each state, dated relative to the day the demo
is loaded. Their tracking numbers are fixed so the status page can be tried
(docs/features.md lists them)."""

from datetime import timedelta

from django.utils import timezone

from home.setup import publish
from information_requests.models import InformationRequest, tracking_digest
from portal.core import profile


def focal_point_and_channels():
    """The office that answers requests and the ways to send one, from the agency's profile
    (its demo contacts where it has them)."""
    agency = profile.current()
    contacts = {**agency.contacts, **agency.demo.get("settings", {})}
    reach = [
        text % value
        for text, value in (
            ("điện thoại %s", contacts.get("phone")),
            ("thư điện tử %s", contacts.get("email")),
        )
        if value
    ]
    focal_point = f"Văn phòng {agency.common_name}" + (" — " + ", ".join(reach) if reach else "")
    where = f" ({contacts['address']})" if contacts.get("address") else ""
    fax = f" hoặc fax {contacts['fax']}" if contacts.get("fax") else ""
    channels = (
        f"<p>Nộp phiếu yêu cầu trực tiếp tại Văn phòng{where} trong giờ hành chính, gửi qua "
        f"bưu điện, thư điện tử{fax}, hoặc điền phiếu trực tuyến trên Trang này.</p>"
    )
    return focal_point, channels


Status = InformationRequest.Status
DEMO = [
    {
        "tracking": "DEMO2-MOI22-22222-22222",
        "days_ago": 2,
        "name": "Nguyễn Thị Hoa",
        "information": "Kế hoạch phổ biến, giáo dục pháp luật năm nay của Sở.",
        "purpose": "Tìm hiểu để tham gia tuyên truyền tại khu dân cư.",
    },
    {
        "tracking": "DEMO3-QUA33-33333-33333",
        "days_ago": 30,
        "name": "Trần Văn Bình",
        "information": "Danh sách tổ chức hành nghề công chứng được cấp phép trong tỉnh.",
        "purpose": "Lựa chọn văn phòng công chứng.",
    },
    {
        "tracking": "DEMO4-GIA44-44444-44444",
        "days_ago": 18,
        "name": "Lê Minh Châu",
        "organisation": "Công ty Luật TNHH Minh Châu",
        "information": "Số liệu thống kê về trợ giúp pháp lý giai đoạn 2020–2025.",
        "purpose": "Nghiên cứu, viết báo cáo chuyên đề.",
        "extension_days": 15,
        "extension_reason": "Thông tin cần tổng hợp từ nhiều đơn vị trực thuộc.",
    },
    {
        "tracking": "DEMO5-TRA55-55555-55555",
        "days_ago": 12,
        "name": "Phạm Quốc Dũng",
        "information": "Quyết định công bố thủ tục hành chính lĩnh vực hộ tịch.",
        "purpose": "Chuẩn bị hồ sơ đăng ký khai sinh.",
        "status": Status.ANSWERED,
        "answer": "Quyết định được đăng tại mục Văn bản; Sở gửi kèm bản sao qua thư điện tử.",
        "decided_days_ago": 5,
    },
    {
        "tracking": "DEMO6-TUC66-66666-66666",
        "days_ago": 9,
        "name": "Hoàng Thị Em",
        "information": "Hồ sơ vụ việc hoà giải ở thôn An Lợi.",
        "purpose": "Biết kết quả hoà giải.",
        "status": Status.REFUSED,
        "refusal_ground": InformationRequest.Ground.NOT_OURS,
        "refusal_detail": "Hồ sơ hoà giải ở cơ sở do Ủy ban nhân dân xã lưu giữ.",
        "decided_days_ago": 3,
    },
]


def load_information_requests(catalogue):
    if InformationRequest.objects.exists():
        return
    focal_point, channels = focal_point_and_channels()
    catalogue.focal_point = catalogue.focal_point or focal_point
    catalogue.request_channels = catalogue.request_channels or channels
    publish(catalogue)
    now = timezone.now()
    for spec in DEMO:
        spec = dict(spec)
        number = spec.pop("tracking")
        received = now - timedelta(days=spec.pop("days_ago"))
        decided = spec.pop("decided_days_ago", None)
        InformationRequest.objects.create(
            tracking_digest=tracking_digest(number),
            received_at=received,
            address="Số 12 đường Lê Lợi, phường Trung tâm",
            identity_document="045190001234",
            contact="congdan@example.vn",
            delivery=InformationRequest.Delivery.EMAIL,
            decided_at=now - timedelta(days=decided) if decided is not None else None,
            # Nothing to mail: the demo's addresses are made up.
            decision_mailed_at=now if decided is not None else None,
            **spec,
        )
