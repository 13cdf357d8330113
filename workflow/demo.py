"""Demo moderation for `setup_portal --demo`: a board at work, so the dashboard, the queue, the
royalty register and the statistics show something real. Every item goes through the actual
workflow. The demo people have no usable password (an operator sets one to try a role) and no
email address, so the demo sends no mail."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import TaskState

from home.models import ArticlePage
from portal.core import profile, roles
from workflow.models import RoyaltyGenre, RoyaltyPeriod
from workflow.royalties import month_period

PEOPLE = [
    # (sign-in name, given name, family and middle names, role): portal/core/people.py
    ("ctv.lethithu", "Thu", "Lê Thị", roles.CONTRIBUTORS),
    ("bbt.nguyenvanhai", "Hải", "Nguyễn Văn", roles.BOARD),
    ("bbt.tranminhduc", "Đức", "Trần Minh", roles.BOARD),
]
# Demo figure, not the agency's rate: the board sets the real one.
DEMO_POINT_VALUE = 85_000

ITEMS = [
    {
        "slug": "tap-huan-nghiep-vu-ho-tich-2026",
        "title": "Tập huấn nghiệp vụ hộ tịch cho công chức tư pháp - hộ tịch cấp xã",
        "lead": "%(agency)s tổ chức tập huấn chuyên sâu về đăng ký và quản lý hộ tịch.",
        "decision": ("approve", {"genre_1": "Tin", "points_1": "6"}),
    },
    {
        "slug": "ngay-phap-luat-tai-truong-hoc",
        "title": "Ngày Pháp luật tại các trường trung học phổ thông",
        "lead": "Hơn 2.000 học sinh tham gia sân chơi tìm hiểu pháp luật về an toàn giao thông.",
        "decision": (
            "approve",
            {
                "genre_1": "Bài viết, bài phản ánh",
                "points_1": "12",
                "genre_2": "Ảnh",
                "points_2": "3",
                "name_2": "Hồ Văn Nam",
                "unit_2": "Trường THPT Lê Lợi",
            },
        ),
    },
    {
        "slug": "du-thao-quy-hoach-chua-cong-bo",
        "title": "Dự thảo quy hoạch mạng lưới tổ chức hành nghề công chứng",
        "lead": "Nội dung dự thảo đang được lấy ý kiến nội bộ.",
        "decision": (
            "reject",
            {"ground": "not_yet_public", "comment": "Dự thảo chưa được phép công bố rộng rãi."},
        ),
    },
    {
        "slug": "hoi-nghi-tong-ket-tro-giup-phap-ly",
        "title": "Hội nghị tổng kết công tác trợ giúp pháp lý năm 2026",
        "lead": "Trung tâm Trợ giúp pháp lý nhà nước tỉnh tổng kết hoạt động năm 2026.",
        "waited_days": 6,  # overdue on the dashboard
    },
    {
        "slug": "lich-tiep-cong-dan-thang-12",
        "title": "Lịch tiếp công dân của Lãnh đạo Sở tháng 12/2026",
        "lead": "Lãnh đạo Sở tiếp công dân vào ngày 15 hằng tháng tại trụ sở cơ quan.",
    },
]


def demo_people():
    people = {}
    for username, first, last, group in PEOPLE:
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_unusable_password()
            user.save()
        user.groups.add(roles.group(group))
        people[group] = people.get(group, []) + [user]
    return people


def load_moderation_demo(news_index):
    people = demo_people()
    author, board = people[roles.CONTRIBUTORS][0], people[roles.BOARD]
    period = month_period(timezone.localdate())
    if not period.point_value:
        RoyaltyPeriod.objects.filter(pk=period.pk).update(point_value=DEMO_POINT_VALUE)
    genres = {genre.name: str(genre.pk) for genre in RoyaltyGenre.objects.all()}
    agency = profile.current().common_name
    for index, item in enumerate(ITEMS):
        lead = item["lead"] % {"agency": agency}
        page = ArticlePage(
            title=item["title"],
            slug=item["slug"],
            lead=lead,
            body=[("paragraph", f"<p>{lead}</p>")],
            author=author.get_full_name(),
            source=f"Văn phòng {agency}",
            live=False,
        )
        news_index.add_child(instance=page)
        page.save_revision(user=author)
        page.get_workflow().start(page, author)
        state = page.current_workflow_task_state.specific
        if "waited_days" in item:
            TaskState.objects.filter(pk=state.pk).update(
                started_at=timezone.now() - timedelta(days=item["waited_days"])
            )
        if "decision" in item:
            action, data = item["decision"]
            data = {k: genres.get(v, v) if k.startswith("genre") else v for k, v in data.items()}
            state.task.specific.on_action(state, board[index % 2], action, **data)
