"""Art. 12: citizens' feedback to the office: stored with its status, emailed, protected
from spam, answered in the admin and published as Q&A without the sender's details."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import ModelLogEntry

from home.forms import RATE_LIMIT
from home.models import Feedback
from portal.core import roles
from tests.builders import site_settings
from tests.helpers import html

pytestmark = pytest.mark.django_db
URL = "/phan-anh-kien-nghi/"


def message(**overrides):
    data = {
        "name": "Trần Thị Mai",
        "contact": "mai.tran@example.vn",
        "subject": "Văn bản 2975/QĐ-UBND thiếu tệp đính kèm",
        "content": "Trang văn bản 2975/QĐ-UBND không tải được tệp PDF.",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def test_a_message_is_stored_emailed_and_logged(client, portal):
    site_settings(email="sotp@quangtri.gov.vn")
    response = client.post(URL, message())
    assert response.status_code == 302 and "da-gui=1" in response["Location"]
    feedback = Feedback.objects.get()
    assert feedback.status == Feedback.Status.RECEIVED and feedback.name == "Trần Thị Mai"
    # The office's mail; the sender gets an acknowledgement (tests/home/test_feedback_contacts.py).
    [email] = [m for m in mail.outbox if m.to == ["sotp@quangtri.gov.vn"]]
    assert feedback.subject in email.subject
    assert "không tải được tệp PDF" in email.body
    assert ModelLogEntry.objects.filter(
        action="wagtail.create", object_id=str(feedback.pk)
    ).exists()
    assert "đã nhận phản ánh" in html(client, URL + "?da-gui=1")


def test_bad_input_gets_vietnamese_messages_and_nothing_is_kept(client, portal):
    page = client.post(URL, message(consent="", subject="", contact="")).content.decode()
    assert "Tick the box" not in page and "Hãy đánh dấu" in page
    assert "Trường này là bắt buộc." in page
    assert 'value="Trần Thị Mai"' in page  # what was typed is kept in the form
    assert not Feedback.objects.exists() and not mail.outbox


def test_bots_filling_the_hidden_field_are_thanked_and_ignored(client, portal):
    response = client.post(URL, message(website="https://spam.example"))
    assert response.status_code == 302
    assert not Feedback.objects.exists() and not mail.outbox


def test_too_many_messages_from_one_sender_are_refused_for_a_while(client, portal):
    for number in range(RATE_LIMIT):
        assert client.post(URL, message(subject=f"Góp ý {number}")).status_code == 302
    page = client.post(URL, message(subject="Một lần nữa")).content.decode()
    assert "vui lòng chờ mười phút" in page.lower()
    assert Feedback.objects.count() == RATE_LIMIT
    other = client.post(URL, message(subject="Từ máy khác"), REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 302  # counted per sender, not for everyone
    assert not any("203.0.113.9" in str(key) for key in cache._cache)  # no address kept


def test_the_office_answers_and_publishes_it_as_qa(client, portal, login):
    client.post(URL, message())
    feedback = Feedback.objects.get()
    login(roles.OFFICE)
    edit = reverse("wagtailsnippets_home_feedback:edit", args=[feedback.pk])
    response = client.post(edit, {"status": "in_progress", "answer": "", "publish_answer": "on"})
    assert response.status_code == 200  # refused: not answered yet
    assert "Chỉ phản ánh đã trả lời" in response.content.decode()
    response = client.post(
        edit,
        {"status": "answered", "answer": "Văn phòng đã bổ sung tệp PDF.", "publish_answer": "on"},
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.answered_at is not None
    page = html(client, URL)
    assert "Văn phòng đã bổ sung tệp PDF." in page
    assert "Trần Thị Mai" not in page and "mai.tran@example.vn" not in page


def test_directors_read_feedback_contributors_do_not(client, portal, login):
    client.post(URL, message())
    feedback = Feedback.objects.get()
    edit = reverse("wagtailsnippets_home_feedback:edit", args=[feedback.pk])
    listing = reverse("wagtailsnippets_home_feedback:list")
    login(roles.DIRECTORS)
    assert client.get(listing).status_code == 200
    assert client.post(edit, {"status": "answered", "answer": "x"}).status_code in (302, 403)
    feedback.refresh_from_db()
    assert feedback.status == Feedback.Status.RECEIVED
    login(roles.CONTRIBUTORS)
    assert client.get(listing).status_code in (302, 403)
