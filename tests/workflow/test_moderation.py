"""The editorial board's moderation (Art. 4.2c, 6.4), driven through the real admin views: the
round trip of a contributor's item, four eyes, every route around the board refused, the
operators' force-publish, unpublishing with a reason, scheduled go-live and the emails."""

import json
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, TaskState

from home.models import ArticlePage
from portal.core import roles
from tests.admin_forms import article_form, decide, edit_url, refresh, submit_new
from tests.builders import article as build_article
from tests.builders import genre, publish
from workflow.guard import PublishRefused
from workflow.models import BoardReviewTaskState, ForcePublication, RoyaltyEntry


def test_reject_with_ground_then_resubmit_and_approve(client, team, news):
    mail.outbox.clear()
    page = submit_new(client, team["contributor"], news)
    assert page is not None and not page.live and page.workflow_in_progress
    # The board hears of the submission; the submitter does not.
    notified = {address for m in mail.outbox for address in m.to}
    assert {"board_a@sotp.example.vn", "board_b@sotp.example.vn"} <= notified
    assert "contributor@sotp.example.vn" not in notified

    mail.outbox.clear()
    decide(
        client,
        team["board_a"],
        page,
        "reject",
        ground="unclear_origin",
        comment="Ghi rõ nguồn tin.",
    )
    state = BoardReviewTaskState.objects.get(workflow_state__object_id=str(page.pk))
    assert state.status == TaskState.STATUS_REJECTED and state.rejection_ground == "unclear_origin"
    [rejection] = [m for m in mail.outbox if "contributor@sotp.example.vn" in m.to]
    assert "Không rõ nguồn gốc" in rejection.body and "Ghi rõ nguồn tin." in rejection.body

    # The author sees ground and comment in the admin.
    client.force_login(team["contributor"])
    editor = client.get(edit_url(page)).content.decode()
    assert "Không rõ nguồn gốc" in editor and "Ghi rõ nguồn tin." in editor
    log = PageLogEntry.objects.filter(page=page, action="wagtail.workflow.reject").get()
    assert "Không rõ nguồn gốc" in log.data["comment"]

    # The author fixes the item and submits it again.
    data = article_form(source="Phòng Hành chính tư pháp, Sở Tư pháp Quảng Trị")
    data["action-submit"] = "1"
    client.post(edit_url(page), data)
    page = refresh(page)
    assert page.workflow_in_progress and page.current_workflow_task_state.status == "in_progress"

    mail.outbox.clear()
    response = decide(
        client,
        team["board_b"],
        page,
        "approve",
        genre_1=str(genre().pk),
        points_1="5",
        name_2="Trần Thị Bình",
        unit_2="UBND xã Gio Linh",
        genre_2=str(genre("Ảnh").pk),
        points_2="2",
    )
    assert response.status_code == 200
    page = refresh(page)
    assert page.live
    entries = RoyaltyEntry.objects.filter(page=page).order_by("pk")
    assert [(e.author, e.points) for e in entries] == [("contributor", 5), ("Trần Thị Bình", 2)]
    [approval] = [m for m in mail.outbox if "contributor@sotp.example.vn" in m.to]
    assert page.title in approval.body


def test_nobody_approves_their_own_submission(client, team, news):
    page = submit_new(client, team["board_a"], news)
    client.force_login(team["board_a"])
    assert "approve" not in client.get(edit_url(page)).content.decode().split("workflow-action")[-1]
    assert decide(client, team["board_a"], page, "approve").status_code == 403
    assert not refresh(page).live
    decide(client, team["board_b"], page, "approve")
    assert refresh(page).live


def test_the_last_editor_does_not_approve(client, team, news):
    page = submit_new(client, team["contributor"], news)
    client.force_login(team["board_a"])
    client.post(edit_url(page), article_form(lead="Biên tập lại phần mở đầu cho rõ ràng hơn."))
    assert refresh(page).latest_revision.user == team["board_a"]
    assert decide(client, team["board_a"], page, "approve").status_code == 403
    decide(client, team["board_b"], page, "approve")
    assert refresh(page).live


@pytest.mark.parametrize("who", ["contributor", "operator"])
def test_an_approval_by_a_non_member_is_refused(client, team, news, who):
    page = submit_new(client, team["contributor"], news, slug=f"tin-{who}")
    assert decide(client, team[who], page, "approve").status_code == 403
    assert refresh(page).workflow_in_progress and not refresh(page).live


def test_a_rejection_needs_a_ground_and_a_comment(client, team, news):
    page = submit_new(client, team["contributor"], news)
    response = decide(client, team["board_a"], page, "reject", comment="Chưa đạt.")
    assert "Chọn lý do từ chối" in response.json()["html"]
    response = decide(client, team["board_a"], page, "reject", ground="untrue")
    assert "Hãy cho tác giả biết" in response.json()["html"]
    assert refresh(page).current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_approval_refuses_negative_or_out_of_frame_points(client, team, news):
    page = submit_new(client, team["contributor"], news)
    for points in ("-1", "99"):
        response = decide(
            client, team["board_a"], page, "approve", genre_1=str(genre().pk), points_1=points
        )
        assert "điểm" in response.json()["html"]
        assert not refresh(page).live
    assert not RoyaltyEntry.objects.filter(page=page).exists()


def test_no_route_around_the_board(client, team, news):
    page = submit_new(client, team["contributor"], news)
    client.force_login(team["board_a"])
    editor = client.get(edit_url(page)).content.decode()
    assert 'name="action-publish"' not in editor

    # The Publish action posted directly keeps a draft and publishes nothing.
    data = article_form(lead="Bản sửa của Ban Biên tập, đăng thẳng không qua duyệt.")
    data["action-publish"] = "action-publish"
    client.post(edit_url(page), data)
    assert not refresh(page).live

    # Bulk publish.
    bulk = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    client.post(f"{bulk}?id={page.pk}", {})
    assert not refresh(page).live

    # A live copy of a published page.
    live = build_article()
    copy_url = reverse("wagtailadmin_pages:copy", args=(live.pk,))
    client.post(
        copy_url,
        {
            "new_title": "Bản sao",
            "new_slug": "ban-sao",
            "new_parent_page": news.pk,
            "publish_copies": "on",
        },
    )
    assert not ArticlePage.objects.filter(slug="ban-sao", live=True).exists()
    client.post(
        copy_url,
        {"new_title": "Bí danh", "new_slug": "bi-danh", "new_parent_page": news.pk, "alias": "on"},
    )
    assert not ArticlePage.objects.filter(slug="bi-danh").exists()

    # Code that skips the views meets the guard in the model layer.
    with pytest.raises(PublishRefused):
        page.get_latest_revision().publish(user=team["board_a"])
    assert not refresh(page).live


def test_a_scheduled_page_goes_live_at_its_time_and_only_once_approved(client, team, news):
    go_live = timezone.now() + timedelta(days=2)
    page = submit_new(
        client,
        team["contributor"],
        news,
        go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M"),
    )
    later = go_live + timedelta(hours=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    assert not refresh(page).live  # not approved yet: held

    decide(client, team["board_a"], page, "approve")
    page = refresh(page)
    assert not page.live and page.get_latest_revision().approved_go_live_at is not None
    call_command("publish_scheduled")
    assert not refresh(page).live  # approved, but not before its time
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    assert refresh(page).live


def test_force_publish_needs_a_reason_and_stays_listed_until_confirmed(client, team, news):
    page = submit_new(client, team["contributor"], news)
    url = reverse("workflow_force_publish", args=(page.pk,))
    client.force_login(team["board_a"])  # the board approves; it does not force
    client.post(url, {"reason": "Tin khẩn cấp về thiên tai."})
    assert not refresh(page).live and not ForcePublication.objects.exists()

    client.force_login(team["operator"])
    response = client.post(url, {"reason": ""})
    assert "Hãy ghi lý do" in response.content.decode()
    assert not refresh(page).live and not ForcePublication.objects.exists()

    reason = "Thông báo khẩn về lịch tiếp công dân, Ban Biên tập vắng."
    client.post(url, {"reason": reason})
    assert refresh(page).live
    entry = PageLogEntry.objects.get(page=page, action="workflow.force_publish")
    assert entry.data["reason"] == reason and entry.user == team["operator"]

    client.force_login(team["board_a"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reason in dashboard
    item = ForcePublication.objects.get()
    client.post(reverse("workflow_confirm_force_publication", args=(item.pk,)))
    item.refresh_from_db()
    assert item.confirmed_by == team["board_a"]
    assert reason not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert PageLogEntry.objects.filter(page=page, action="workflow.confirm_force_publish").exists()


def test_unpublishing_needs_a_reason(client, team, portal):
    page = build_article()
    url = reverse("wagtailadmin_pages:unpublish", args=(page.pk,))
    client.force_login(team["board_a"])
    client.post(url, {"reason": ""})
    assert refresh(page).live
    client.post(url, {"reason": "Thông tin đã hết thời hạn công khai."})
    assert not refresh(page).live
    entry = PageLogEntry.objects.get(page=page, action="workflow.unpublish")
    assert entry.data["reason"] == "Thông tin đã hết thời hạn công khai."
    assert (
        refresh(page)
        and client.post(  # a bulk unpublish would skip the reason
            reverse("wagtail_bulk_action", args=("wagtailcore", "page", "unpublish"))
            + f"?id={page.pk}"
        ).status_code
        == 302
    )


def test_dashboard_shows_the_queue_and_warns_a_one_member_board(client, team, news):
    page = submit_new(client, team["contributor"], news)
    TaskState.objects.filter(pk=page.current_workflow_task_state.pk).update(
        started_at=timezone.now() - timedelta(days=8)
    )
    client.force_login(team["board_a"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert page.title in dashboard and "Quá hạn" in dashboard
    assert "chỉ có 1 thành viên" not in dashboard

    get_user_model().objects.filter(groups__role__code=roles.BOARD).exclude(
        pk=team["board_a"].pk
    ).update(is_active=False)
    assert "chỉ có 1 thành viên" in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.django_db
def test_working_days_skip_weekends_and_holidays():
    from datetime import date, datetime

    from portal.core.working_days import working_days_since
    from tests.builders import holidays

    holidays(date(2026, 9, 2), date(2026, 9, 3))
    tz = timezone.get_current_timezone()
    friday = datetime(2026, 11, 27, 9, tzinfo=tz)
    assert working_days_since(friday, datetime(2026, 11, 30, 9, tzinfo=tz)) == 1  # Mon
    assert working_days_since(friday, datetime(2026, 12, 2, 9, tzinfo=tz)) == 3  # Wed
    before_national_day = datetime(2026, 9, 1, 9, tzinfo=tz)  # 2/9 and 3/9 are holidays
    assert working_days_since(before_national_day, datetime(2026, 9, 4, 9, tzinfo=tz)) == 1


def test_fixture_publishing_is_explicit(news):
    # Outside an authorised block the model layer refuses, even for code.
    required = {"lead": "Thử", "author": "Nguyễn Văn An", "source": "Văn phòng Sở"}
    page = ArticlePage(title="Không qua duyệt", slug="khong-qua-duyet", **required)
    with pytest.raises(PublishRefused):
        news.add_child(instance=page)
    draft = ArticlePage(title="Nháp", slug="nhap-hop-le", live=False, **required)
    news.add_child(instance=draft)
    publish(draft)
    assert refresh(draft).live


def test_approving_ones_own_edits_from_the_editor_keeps_them_and_explains(client, team, news):
    page = submit_new(client, team["contributor"], news)
    client.force_login(team["board_a"])
    data = article_form(lead="Ban Biên tập sửa phần mở đầu rồi bấm duyệt ngay.")
    data.update(
        {
            "action-workflow-action": "1",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"genre_1": str(genre().pk)}),
        }
    )
    response = client.post(edit_url(page), data, follow=True)
    assert "một thành viên Ban Biên tập khác phải duyệt" in response.content.decode()
    page = refresh(page)
    assert not page.live and page.latest_revision.user == team["board_a"]
    assert not RoyaltyEntry.objects.filter(page=page).exists()
