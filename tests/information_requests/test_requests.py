"""Information requests (Law on Access to Information 2016, Decree 13/2018): the request form,
the tracking number and status page, the office's queue with its legal deadline in working
days, extension, answer and refusal, each in the system log."""

import re
from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from information_requests.mail import send_decision
from information_requests.models import (
    LOOKUP_LIMIT,
    InformationRequest,
    new_tracking_number,
    tracking_digest,
)
from information_requests.statistics import information_requests as report_tables
from portal.core import roles
from tests.builders import TET_2026, holidays

pytestmark = pytest.mark.django_db
PAGE = "/danh-muc-thong-tin-cong-khai/yeu-cau-cung-cap-thong-tin/"
STATUS = PAGE + "tra-cuu/"


def make_request(number=None, received_at=None, **fields):
    values = {
        "name": "Nguyễn Thị Hoa",
        "address": "Phường Đông Hà, Quảng Trị",
        "identity_document": "045190001234",
        "contact": "hoa@example.vn",
        "information": "Kế hoạch phổ biến pháp luật năm 2026.",
        "purpose": "Tìm hiểu.",
        "tracking_digest": tracking_digest(number or new_tracking_number()),
        "received_at": received_at or timezone.now(),
    }
    values.update(fields)
    return InformationRequest.objects.create(**values)


def handling(**overrides):
    data = {
        "extension_days": "0",
        "extension_reason": "",
        "status": "received",
        "answer": "",
        "refusal_ground": "",
        "refusal_detail": "",
    }
    data.update(overrides)
    return data


def edit_url(row):
    return reverse("wagtailsnippets_information_requests_informationrequest:edit", args=[row.pk])


def actions(row):
    return list(
        ModelLogEntry.objects.filter(
            object_id=str(row.pk), content_type__model="informationrequest"
        )
        .order_by("timestamp")
        .values_list("action", flat=True)
    )


def test_the_deadline_skips_weekends_and_holidays():
    holidays(*TET_2026)
    received = datetime(2026, 2, 13, 9, tzinfo=timezone.get_current_timezone())  # Fri before Tết
    row = make_request(received_at=received)
    # 10 working days from Mon 23/2 (16-20/2 is Tết).
    assert row.deadline == date(2026, 3, 6)


def test_an_extension_needs_a_reason_and_moves_the_deadline(client, login):
    login(roles.OFFICE)
    row = make_request(received_at=datetime(2026, 11, 2, 9, tzinfo=timezone.get_current_timezone()))
    assert row.deadline == date(2026, 11, 16)
    response = client.post(edit_url(row), handling(extension_days="15"))
    assert response.status_code == 200
    assert "Ghi lý do gia hạn" in response.content.decode()
    response = client.post(
        edit_url(row), handling(extension_days="16", extension_reason="Nhiều đơn vị")
    )
    assert response.status_code == 200  # beyond the longest extension the law allows
    response = client.post(
        edit_url(row), handling(extension_days="15", extension_reason="Cần tổng hợp nhiều đơn vị")
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.deadline == date(2026, 12, 7)
    assert "information_requests.extend" in actions(row)


def test_a_refusal_needs_a_legal_ground_and_is_mailed_once(client, login):
    login(roles.OFFICE)
    row = make_request()
    response = client.post(edit_url(row), handling(status="refused"))
    assert response.status_code == 200
    assert "Chọn căn cứ pháp lý" in response.content.decode()
    assert mail.outbox == []
    response = client.post(
        edit_url(row),
        handling(status="refused", refusal_ground="not_ours", refusal_detail="UBND xã"),
    )
    assert response.status_code == 302
    [sent] = mail.outbox
    assert sent.to == ["hoa@example.vn"] and row.reference in sent.subject
    assert "Sở không lưu giữ" in sent.body or "not_ours" not in sent.body
    assert {"information_requests.refuse", "information_requests.mail"} <= set(actions(row))


def test_an_answer_is_mailed_once(client, login):
    login(roles.OFFICE)
    row = make_request()
    response = client.post(edit_url(row), handling(status="answered"))
    assert response.status_code == 200  # no answer written
    response = client.post(
        edit_url(row), handling(status="answered", answer="Bản kế hoạch gửi kèm.")
    )
    assert response.status_code == 302
    client.post(edit_url(row), handling(status="answered", answer="Bản kế hoạch (sửa)."))
    send_decision.call(row.pk)  # a retried task
    assert [m.to for m in mail.outbox] == [["hoa@example.vn"]]
    assert "Bản kế hoạch gửi kèm." in mail.outbox[0].body
    assert actions(row).count("information_requests.mail") == 1
    assert "information_requests.answer" in actions(row)


def test_an_overdue_request_shows_on_the_office_dashboard(client, login):
    login(roles.OFFICE)
    late = make_request(received_at=timezone.now() - timedelta(days=40))
    recent = make_request(received_at=timezone.now())
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = page[page.index('id="information-requests-section"') :]
    assert late.reference in panel and recent.reference not in panel
    assert "Quá hạn" in panel
    [summary, _grounds] = report_tables(date(2000, 1, 1), timezone.localdate())
    assert summary.rows[-1][1] == 1  # waiting, past the deadline


def test_directors_read_the_queue_and_each_request(client, login):
    login(roles.DIRECTORS)
    row = make_request()
    base = "wagtailsnippets_information_requests_informationrequest"
    assert row.reference in client.get(reverse(f"{base}:list")).content.decode()
    assert client.get(reverse(f"{base}:inspect", args=[row.pk])).status_code == 200
    assert client.get(edit_url(row)).status_code == 302  # Wagtail: no permission, to the dashboard


def without_token(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_tracking_numbers_cannot_be_enumerated(client, portal):
    number = new_tracking_number()
    assert len(number.replace("-", "")) == 20  # 100 bits
    row = make_request(number=number)
    wrong = client.post(STATUS, {"number": new_tracking_number()})
    garbage = client.post(STATUS, {"number": "YC-2026-000001"})
    empty = client.post(STATUS, {})
    assert wrong.status_code == garbage.status_code == empty.status_code == 404
    assert without_token(wrong) == without_token(garbage) == without_token(empty)
    found = client.post(STATUS, {"number": number.lower().replace("-", " ")})
    body = found.content.decode()
    assert found.status_code == 200 and row.reference in body
    assert row.identity_document not in body and row.contact not in body
    for _ in range(LOOKUP_LIMIT):
        client.post(STATUS, {"number": new_tracking_number()})
    assert client.post(STATUS, {"number": number}).status_code == 429


def test_a_request_is_kept_with_only_the_digest_and_logged(client, portal):
    data = {
        "name": "Trần Văn Bình",
        "organisation": "",
        "address": "Đông Hà",
        "identity_document": "12 3",
        "contact": "binh@example",
        "information": "Danh sách tổ chức công chứng.",
        "purpose": "Lựa chọn văn phòng công chứng.",
        "delivery": "email",
        "delivery_address": "",
        "commitment": "on",
        "website": "",
    }
    body = client.post(PAGE, data).content.decode()
    assert "số căn cước" in body.lower() and "ten@gmail.com" in body
    data.update(identity_document="045 190 001 234", contact="binh@example.vn")
    response = client.post(PAGE, data)
    assert response.status_code == 302
    thanks = client.get(response["Location"]).content.decode()
    number = re.search(r'class="tracking-number">([A-Z0-9-]+)<', thanks).group(1)
    row = InformationRequest.objects.get()
    assert row.tracking_digest == tracking_digest(number) and number not in str(row.__dict__)
    assert "wagtail.create" in actions(row)
    [ack] = [m for m in mail.outbox if m.to == ["binh@example.vn"]]
    assert number in ack.body and row.reference in ack.body
