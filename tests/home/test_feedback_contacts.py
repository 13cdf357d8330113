"""Feedback as the citizen and the office meet it: a contact the office can answer (a real
email address or a Vietnamese phone number), only kept messages counted against the rate
limit, a reference number on the thank-you page and in an acknowledgement mail, the
office's answer mailed back, new messages counted on the office's dashboard, and directors
reading a message without being offered what they may not do."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from home.forms import RATE_LIMIT
from home.models import Feedback
from portal.core import roles
from portal.core.models import PortalSettings
from tests.helpers import html

pytestmark = pytest.mark.django_db
URL = "/phan-anh-kien-nghi/"


def message(**overrides):
    data = {
        "name": "Nguyễn Thị Hoa",
        "contact": "hoa.nguyen@example.vn",
        "subject": "Hỏi về thủ tục chứng thực bản sao",
        "content": "Tôi cần chứng thực bản sao giấy khai sinh ở đâu?",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("contact", ["hoa.nguyen@gmail", "xyz", "0123", "091234567", "+1 555 0100"])
def test_a_contact_the_office_cannot_answer_is_refused(client, portal, contact):
    page = client.post(URL, message(contact=contact)).content.decode()
    assert "Hãy nhập địa chỉ thư điện tử" in page  # says what to fix
    assert not Feedback.objects.exists() and not mail.outbox


@pytest.mark.parametrize(
    "typed, kept",
    [
        ("hoa.nguyen@gmail.com", "hoa.nguyen@gmail.com"),
        ("0912 345 678", "0912345678"),
        ("+84 912.345.678", "0912345678"),
        ("84912345678", "0912345678"),
        ("(0233) 3852 123", "02333852123"),  # a landline of Quảng Trị
    ],
)
def test_emails_and_vietnamese_phone_numbers_are_kept_normalised(client, portal, typed, kept):
    assert client.post(URL, message(contact=typed)).status_code == 302
    assert Feedback.objects.get().contact == kept


def test_only_kept_messages_count_against_the_limit(client, portal):
    for _attempt in range(RATE_LIMIT + 2):
        assert client.post(URL, message(contact="xyz")).status_code == 200
    for number in range(RATE_LIMIT):
        assert client.post(URL, message(subject=f"Câu hỏi {number}")).status_code == 302
    assert Feedback.objects.count() == RATE_LIMIT
    refused = client.post(URL, message(subject="Một câu nữa")).content.decode()
    assert "vui lòng chờ mười phút" in refused.lower()


def test_the_error_summary_is_where_the_page_opens(client, portal):
    page = client.post(URL, message(contact="xyz")).content.decode()
    assert 'id="loi-bieu-mau"' in page and "autofocus" in page  # opened and focused there
    assert 'href="#id_contact"' in page  # the summary links to the field to fix


def test_a_reference_number_on_the_thank_you_page_and_in_the_acknowledgement(client, portal):
    office = PortalSettings.for_site(portal.get_site())
    office.email = "vanphong@example.vn"
    office.save()
    response = client.post(URL, message())
    assert response["Location"].endswith("#gui-phan-anh")  # the page opens at the thanks
    feedback = Feedback.objects.get()
    assert feedback.reference == f"GY-{feedback.received_at.year}-{feedback.pk:06d}"
    thanks = html(client, response["Location"])
    assert feedback.reference in thanks
    acknowledgement = [m for m in mail.outbox if m.to == ["hoa.nguyen@example.vn"]]
    assert len(acknowledgement) == 1
    assert feedback.reference in acknowledgement[0].subject
    assert feedback.reference in acknowledgement[0].body
    assert "Hỏi về thủ tục chứng thực bản sao" in acknowledgement[0].body
    [to_office] = [m for m in mail.outbox if m.to == ["vanphong@example.vn"]]
    assert feedback.reference in to_office.subject  # the office's mail carries it too


def test_no_acknowledgement_without_an_email(client, portal):
    client.post(URL, message(contact="0912345678"))
    assert not [m for m in mail.outbox if "0912345678" in ",".join(m.to)]
    assert Feedback.objects.get().reference.startswith("GY-")


def answer(client, feedback, **fields):
    edit = reverse("wagtailsnippets_home_feedback:edit", args=[feedback.pk])
    data = {"status": "answered", "answer": "Bạn đến Ủy ban nhân dân cấp xã nơi cư trú."}
    data.update(fields)
    return client.post(edit, data)


def test_the_answer_is_mailed_to_the_sender_once(client, portal, login):
    client.post(URL, message())
    feedback = Feedback.objects.get()
    mail.outbox.clear()
    login(roles.OFFICE)
    assert answer(client, feedback, status="in_progress", answer="").status_code == 302
    assert not mail.outbox  # nothing to send yet
    assert answer(client, feedback).status_code == 302
    [sent] = mail.outbox
    assert sent.to == ["hoa.nguyen@example.vn"] and feedback.reference in sent.subject
    assert "Bạn đến Ủy ban nhân dân cấp xã nơi cư trú." in sent.body
    assert "Tôi cần chứng thực bản sao" in sent.body  # the question, for context
    assert answer(client, feedback, publish_answer="on").status_code == 302
    assert len(mail.outbox) == 1  # published later: not mailed twice
    feedback.refresh_from_db()
    assert feedback.answer_mailed_at is not None


def test_the_office_dashboard_counts_new_feedback(client, portal, login):
    for number in range(3):
        client.post(URL, message(subject=f"Câu hỏi {number}"), REMOTE_ADDR=f"198.51.100.{number}")
    Feedback.objects.filter(subject="Câu hỏi 0").update(status=Feedback.Status.IN_PROGRESS)
    login(roles.OFFICE)
    dashboard = html(client, reverse("wagtailadmin_home"))
    listing = reverse("wagtailsnippets_home_feedback:list") + "?status=received"
    assert "2 phản ánh, kiến nghị mới" in dashboard
    assert listing.replace("&", "&amp;") in dashboard
    login(roles.CONTRIBUTORS)
    assert "phản ánh, kiến nghị mới" not in html(client, reverse("wagtailadmin_home"))


def test_directors_open_a_message_read_only_and_are_offered_no_bulk_action(client, portal, login):
    client.post(URL, message())
    feedback = Feedback.objects.get()
    login(roles.DIRECTORS)
    listing = html(client, reverse("wagtailsnippets_home_feedback:list"))
    inspect = reverse("wagtailsnippets_home_feedback:inspect", args=[feedback.pk])
    assert inspect in listing  # the subject opens the message
    assert "data-bulk-action" not in listing and "Xoá" not in listing
    assert "False" not in listing and "True" not in listing
    page = html(client, inspect)
    assert "Tôi cần chứng thực bản sao giấy khai sinh ở đâu?" in page
    assert feedback.reference in page
    received = timezone.localtime(feedback.received_at).strftime("%d/%m/%Y %H:%M")
    assert received in page and "Không" in page  # not published as Q&A
    assert ">None<" not in page.replace(" ", "").replace("\n", "")
    assert "False" not in page


def test_the_office_listing_says_yes_or_no(client, portal, login):
    client.post(URL, message())
    login(roles.OFFICE)
    listing = html(client, reverse("wagtailsnippets_home_feedback:list"))
    assert "False" not in listing and "True" not in listing


@pytest.mark.parametrize("group", [roles.DIRECTORS, roles.OFFICE])
def test_the_dashboard_offers_no_page_search_to_those_who_cannot_search(client, login, group):
    login(group)
    dashboard = html(client, reverse("wagtailadmin_home"))
    assert "Tìm trong tất cả các trang" not in dashboard
    assert client.get(reverse("wagtailadmin_pages:search"), {"q": "hộ tịch"}).status_code == 302


def test_the_board_keeps_its_page_search(client, login):
    login(roles.BOARD)
    assert "Tìm trong tất cả các trang" in html(client, reverse("wagtailadmin_home"))
