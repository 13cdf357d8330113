"""The board's and the contributors' daily work in the admin (issue #23): the review screen
with the decision first and the diff with the previous submission, the result said plainly,
the dashboard's one queue and its forms posting with their CSRF token, the "published by"
line, no bulk action the guard refuses, Vietnamese block labels and the royalty picker."""

import json
import re
import subprocess
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import get_page_models
from wagtail.test.utils.form_data import rich_text

from portal.core import roles
from tests.admin_forms import article_form, decide, edit_url, refresh, submit_new
from tests.builders import genre
from workflow.forms import ApprovalForm
from workflow.models import ForcePublication


def dashboard(client):
    return client.get(reverse("wagtailadmin_home")).content.decode()


def submit_rejected_then_fixed(client, team, news):
    """A contributor's item, rejected once, fixed and submitted again."""
    page = submit_new(client, team["contributor"], news)
    decide(client, team["board_a"], page, "reject", ground="untrue", comment="Sai số liệu.")
    first = refresh(page).latest_revision_id
    data = article_form(lead="Số liệu đã được sửa theo báo cáo của Sở.")
    data["action-submit"] = "1"
    client.force_login(team["contributor"])
    client.post(edit_url(page), data)
    return refresh(page), first


def post_decision(client, user, page, action, **extra):
    """The board member's decision from the page editor, as its modal posts it."""
    client.force_login(user)
    data = article_form()
    # The editor posts the body back with its block's id: no change, so no new revision
    # (which would make the member its last editor, and bar the approval).
    paragraph = page.get_latest_revision_as_object().body[0]
    data["body-0-id"] = paragraph.id
    data["body-0-value"] = rich_text(paragraph.value.source)  # with its block keys
    data.update(
        {
            "action-workflow-action": "1",
            "workflow-action-name": action,
            "workflow-action-extra-data": json.dumps(extra),
        }
    )
    return client.post(edit_url(page), data, follow=True).content.decode()


# --- The dashboard ---------------------------------------------------------------------


def test_the_board_confirms_a_force_publication_with_csrf_enforced(team, news):
    page = submit_new(Client(), team["contributor"], news)
    operator = Client()
    operator.force_login(team["operator"])
    operator.post(
        reverse("workflow_force_publish", args=[page.pk]),
        {"reason": "Thông báo khẩn của Ủy ban nhân dân tỉnh."},
    )
    item = ForcePublication.objects.get(page=page)

    board = Client(enforce_csrf_checks=True)
    board.force_login(team["board_b"])
    html = dashboard(board)
    action = reverse("workflow_confirm_force_publication", args=[item.pk])
    form = re.search(rf'<form method="post" action="{action}">(.*?)</form>', html, re.S)
    assert form, "the dashboard offers the board the confirmation"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]*)"', form.group(1))
    assert token and token.group(1), "the form carries the request's CSRF token"
    response = board.post(action, {"csrfmiddlewaretoken": token.group(1)})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.confirmed_by == team["board_b"]


def test_every_dashboard_panel_renders_with_the_request(team, rf):
    # The class of the defect: a panel rendered without the request has no CSRF token and
    # no context processors. Every panel of the portal renders with it.
    from wagtail import hooks

    from portal.core.components import RequestComponent

    request = rf.get("/admin/")
    request.user = team["operator"]
    panels = []
    for hook in hooks.get_hooks("construct_homepage_panels"):
        hook(request, panels)
    ours = [p for p in panels if type(p).__module__.split(".")[0] in ("home", "workflow")]
    assert ours and all(isinstance(p, RequestComponent) for p in ours)


def test_the_dashboard_lists_the_queue_once(client, team, news):
    page = submit_new(client, team["contributor"], news)
    client.force_login(team["board_a"])
    dashboard(client)  # shows, and so clears, the message of the submission
    html = dashboard(client)
    assert html.count(f'{edit_url(page)}"') == 1
    assert html.count(page.title) == 1


def test_the_queue_links_to_the_diff_with_the_previous_submission(client, team, news):
    page, first = submit_rejected_then_fixed(client, team, news)
    client.force_login(team["board_b"])
    html = dashboard(client)
    compare = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=(page.pk, first, page.current_workflow_task_state.revision_id),
    )
    assert compare in html and "So sánh với lần gửi trước" in html


def test_a_contributor_starts_from_the_dashboard(client, team, news):
    client.force_login(team["contributor"])
    html = dashboard(client)
    assert reverse("wagtailadmin_pages:add", args=("home", "articlepage", news.pk)) in html
    assert "Viết bài" in html


# --- The review screen -------------------------------------------------------------------


def test_the_review_screen_puts_the_decision_first(client, team, news):
    page, first = submit_rejected_then_fixed(client, team, news)
    client.force_login(team["board_b"])
    html = client.get(edit_url(page)).content.decode()
    approve = html.find('data-workflow-action-name="approve"')
    reject = html.find('data-workflow-action-name="reject"')
    form = html.find('id="page-edit-form"')
    assert 0 < approve < reject < form, "approve, then reject, above the editor"
    # The footer's visible button is the approval, not "Lưu bản nháp".
    footer = html[html.find("w-dropdown-button") :]
    assert footer.find('data-workflow-action-name="approve"') < footer.find("action-save")
    compare = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=(page.pk, first, page.current_workflow_task_state.revision_id),
    )
    assert compare in html and "So sánh với lần gửi trước" in html


def test_no_decision_buttons_for_who_cannot_decide(client, team, news):
    page = submit_new(client, team["contributor"], news)
    for who in ("contributor", "operator"):
        client.force_login(team[who])
        html = client.get(edit_url(page)).content.decode()
        assert 'data-workflow-action-name="approve"' not in html


def test_approval_says_what_was_done(client, team, news):
    page = submit_new(client, team["contributor"], news)
    html = unescape(post_decision(client, team["board_b"], page, "approve"))
    assert f"Đã duyệt và xuất bản “{page.title}”." in html
    assert "đã được cập nhật" not in html


def test_rejection_says_what_was_done_and_why(client, team, news):
    page = submit_new(client, team["contributor"], news)
    html = unescape(
        post_decision(
            client, team["board_b"], page, "reject", ground="untrue", comment="Sai số liệu."
        )
    )
    assert f"Đã từ chối “{page.title}”: Không đúng sự thật" in html
    assert "đã được cập nhật" not in html


def test_the_status_panel_names_who_published(client, team, news):
    page = submit_new(client, team["contributor"], news)
    decide(client, team["board_b"], page, "approve", genre_1=str(genre().pk))
    assert refresh(page).live
    client.force_login(team["contributor"])
    html = client.get(edit_url(page)).content.decode()
    panel = html[html.find('data-side-panel="status"') :]
    live = re.search(r"Đã xuất bản.{0,600}?bởi\s+(\w+)", panel, re.S)
    assert live and live.group(1) == "board_b"


def test_after_a_rejection_the_author_has_one_next_step(client, team, news):
    page = submit_new(client, team["contributor"], news)
    decide(client, team["board_a"], page, "reject", ground="untrue", comment="Sai số liệu.")
    client.force_login(team["contributor"])
    html = client.get(edit_url(page)).content.decode()
    footer = html[html.find("w-dropdown-button") :]
    first_button = re.search(r"<button[^>]*>(.*?)</button>", footer, re.S).group(0)
    assert 'name="action-submit"' in first_button and "Gửi duyệt lại" in first_button
    assert 'name="action-restart-workflow"' not in html
    assert "Rút khỏi kiểm duyệt" in html


# --- Bulk actions ------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["board_a", "operator"])
def test_bulk_actions_the_guard_refuses_are_not_offered(client, team, news, who):
    from tests.builders import article

    article(parent=news)
    client.force_login(team[who])
    html = client.get(reverse("wagtailadmin_explore", args=[news.pk])).content.decode()
    for action in ("publish", "unpublish"):
        assert reverse("wagtail_bulk_action", args=["wagtailcore", "page", action]) not in html
    assert reverse("wagtail_bulk_action", args=["wagtailcore", "page", "move"]) in html


# --- Blocks and royalties ----------------------------------------------------------------


def child_blocks(block, path):
    yield path, block
    children = getattr(block, "child_blocks", None)
    if children:
        for name, child in children.items():
            yield from child_blocks(child, f"{path}.{name}")
    child = getattr(block, "child_block", None)
    if child is not None:
        yield from child_blocks(child, f"{path}.item")


# Words that Vietnamese writes as English does.
SAME_IN_VIETNAMESE = {"Video"}


def test_every_block_label_is_vietnamese_and_capitalised():
    fields = [
        (f"{model.__name__}.{field.name}", field.stream_block)
        for model in get_page_models()
        for field in model._meta.get_fields()
        if isinstance(field, StreamField)
    ]
    assert fields
    problems = []
    for name, stream in fields:
        for path, block in child_blocks(stream, name):
            if isinstance(block, blocks.StreamBlock) and path == name:
                continue  # the field itself, labelled by its verbose_name
            label = block.label
            with translation.override("vi"):
                vi = str(label)
            with translation.override("en"):
                en = str(label)
            if not isinstance(label, Promise) or not vi[:1].isupper():
                problems.append(f"{path}: {vi!r}")
            elif vi == en and vi not in SAME_IN_VIETNAMESE:
                problems.append(f"{path}: {vi!r} not translated")
    assert not problems, problems


# The board, directors and office review, lead and answer; they do not write items.
READERS = [roles.BOARD, roles.DIRECTORS, roles.OFFICE]


def test_the_royalty_picker_lists_staff_who_write(make_user):
    writers = [make_user(roles.CONTRIBUTORS, "ctv-a"), make_user(roles.OPERATORS, "qt-a")]
    others = [make_user(name, f"khac-{i}") for i, name in enumerate(READERS)]
    nobody = make_user(roles.CONTRIBUTORS, "nghi-viec")
    nobody.is_active = False
    nobody.save()
    offered = {value for value, _label in ApprovalForm().fields["user_1"].choices if value}
    assert {str(u.pk) for u in writers} <= offered
    assert not offered & {str(u.pk) for u in others + [nobody]}


def test_make_run_points_email_links_at_its_own_port():
    dry = subprocess.run(
        ["make", "-n", "run", "PORT=8123"], capture_output=True, text=True, check=True
    ).stdout
    [serve] = [line for line in dry.splitlines() if "runserver" in line]
    assert "PORTAL_BASE_URL=http://127.0.0.1:8123" in serve
