"""Subscriptions by email (issue 26, item 3): double opt-in, unsubscribe and manage by link
without an account, one mail per confirmed subscriber and publication through the send log,
a refusal retried and an accepted mail never sent again, the daily summary, the limits
against mail-bombing, and counts (never addresses) in the activity report. Mail goes to
Django's test outbox; the refusals come from tests/subscriptions/smtp.py."""

import re
from datetime import date

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from portal import reports
from portal.core import roles
from subscriptions.models import Delivery, Frequency, Subscriber, Subscription
from subscriptions.tasks import MAX_ATTEMPTS, send_subscription_mail
from tests.builders import (
    article,
    document_type,
    draft,
    legal_document,
    legal_field,
    news_index,
    publish,
    unit,
)
from tests.subscriptions.helpers import run_mail_worker, subscribed
from tests.subscriptions.smtp import RefusingBackend

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/nhan-tin/"


def link(message, name):
    """The first link to the site's `name` page (xac-nhan, huy, quan-ly) in a mail's text."""
    return re.search(rf"https?://\S+/nhan-tin/{name}/\S+/", message.body).group(0)


def path(url):
    return "/" + url.split("/", 3)[3]


@pytest.mark.postgres  # its mail worker locks the queue, which SQLite cannot in a test
def test_a_subscription_is_inactive_until_confirmed(client, portal):
    field = legal_field("Hộ tịch")
    response = client.post(
        SUBSCRIBE,
        {"email": "Dan@Example.vn", "topic": f"legal_field:{field.pk}", "frequency": "immediate"},
    )
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.subscriber.email == "dan@example.vn"
    assert not subscription.is_active
    run_mail_worker()
    [confirmation] = mail.outbox
    assert confirmation.to == ["dan@example.vn"]
    assert "Hộ tịch" in confirmation.body

    # Not confirmed: a publication in the field sends nothing.
    legal_document(
        "1/2025/QĐ-UBND", issued=date(2025, 1, 2), effective=date(2025, 2, 1), fields=["Hộ tịch"]
    )
    run_mail_worker()
    assert len(mail.outbox) == 1
    assert not Delivery.objects.exists()

    # Opening the link (as a mail scanner would) changes nothing; the button confirms.
    confirm = path(link(confirmation, "xac-nhan"))
    assert client.get(confirm).status_code == 200
    subscription.refresh_from_db()
    assert not subscription.is_active
    assert client.post(confirm).status_code == 200
    subscription.refresh_from_db()
    assert subscription.is_active

    legal_document(
        "2/2025/QĐ-UBND", issued=date(2025, 1, 3), effective=date(2025, 2, 1), fields=["Hộ tịch"]
    )
    run_mail_worker()
    assert [m.subject for m in mail.outbox[1:]] == ["Quyết định 2/2025/QĐ-UBND (Lĩnh vực: Hộ tịch)"]


@pytest.mark.postgres  # its mail worker locks the queue, which SQLite cannot in a test
def test_an_unsubscribe_link_works_without_signing_in(portal):
    field = legal_field("Chứng thực")
    subscription = subscribed("an@example.vn", "legal_field", field.pk)
    legal_document(
        "3/2025/QĐ-UBND", issued=date(2025, 1, 2), effective=date(2025, 2, 1), fields=["Chứng thực"]
    )
    run_mail_worker()
    [message] = mail.outbox
    unsubscribe = link(message, "huy")
    # RFC 8058: the mail program's one-click POST to the List-Unsubscribe address.
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    anonymous = Client(enforce_csrf_checks=True)
    page = anonymous.get(path(unsubscribe))
    assert page.status_code == 200
    assert "Hủy đăng ký" in page.content.decode()
    assert Subscription.objects.filter(pk=subscription.pk).exists()
    response = anonymous.post(path(unsubscribe), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.filter(pk=subscription.pk).exists()
    assert not Subscriber.objects.filter(email="an@example.vn").exists()
    # The link used again, or guessed: a page saying it is no longer valid.
    assert anonymous.get(path(unsubscribe)).status_code == 404
    assert anonymous.get("/nhan-tin/huy/doan-bua/").status_code == 404


@pytest.mark.postgres  # its mail worker locks the queue, which SQLite cannot in a test
def test_a_publication_in_the_chosen_field_sends_one_mail_to_each_confirmed_subscriber(portal):
    field, other = legal_field("Hộ tịch"), legal_field("Bồi thường nhà nước")
    subscribed("mot@example.vn", "legal_field", field.pk)
    subscribed("hai@example.vn", "legal_field", field.pk)
    subscribed("chua@example.vn", "legal_field", field.pk, confirmed=False)
    subscribed("khac@example.vn", "legal_field", other.pk)
    # Following the type too: a mail for each subscription, the send log one row each.
    subscribed("hai@example.vn", "document_type", document_type("Quyết định").pk)
    document = legal_document(
        "4/2025/QĐ-UBND", issued=date(2025, 1, 2), effective=date(2025, 2, 1), fields=["Hộ tịch"]
    )
    run_mail_worker()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "hai@example.vn",
        "hai@example.vn",
        "mot@example.vn",
    ]
    assert Delivery.objects.filter(status="sent").count() == 3
    for message in mail.outbox:
        html = message.alternatives[0][0]
        assert "<img" not in html  # no tracking pixel, no image at all
        assert f"{settings.PORTAL_BASE_URL}{document.url}" in message.body
        assert "/nhan-tin/huy/" in message.body and "/nhan-tin/quan-ly/" in message.body
    # The task run again, as a restarted worker would: nothing more.
    for subscription in Subscription.objects.all():
        send_subscription_mail.enqueue(subscription.pk)
    run_mail_worker()
    assert len(mail.outbox) == 3


@pytest.mark.postgres  # its mail worker locks the queue, which SQLite cannot in a test
def test_an_smtp_refusal_is_retried_and_an_accepted_mail_never_resent(portal, settings):
    settings.EMAIL_BACKEND = "tests.subscriptions.smtp.RefusingBackend"
    field = legal_field("Hộ tịch")
    subscription = subscribed("ba@example.vn", "legal_field", field.pk)
    RefusingBackend.refusals = 2
    legal_document(
        "6/2025/QĐ-UBND", issued=date(2025, 1, 2), effective=date(2025, 2, 1), fields=["Hộ tịch"]
    )
    run_mail_worker()  # refused twice, queued again each time, then accepted
    assert RefusingBackend.refusals == 0
    [message] = mail.outbox
    delivery = Delivery.objects.get(subscription=subscription)
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("sent", 3, "")
    # Accepted: neither the task again, nor the daily run, nor a republication of the same
    # revision's record sends it again.
    send_subscription_mail.enqueue(subscription.pk)
    call_command("send_subscription_digests", stdout=open("/dev/null", "w"))
    run_mail_worker()
    assert mail.outbox == [message]


@pytest.mark.postgres  # its mail worker locks the queue, which SQLite cannot in a test
def test_a_mail_refused_every_time_is_given_up_with_the_reason(portal, settings):
    settings.EMAIL_BACKEND = "tests.subscriptions.smtp.RefusingBackend"
    field = legal_field("Hộ tịch")
    subscription = subscribed("bon@example.vn", "legal_field", field.pk)
    RefusingBackend.refusals = MAX_ATTEMPTS + 5
    try:
        legal_document(
            "7/2025/QĐ-UBND",
            issued=date(2025, 1, 2),
            effective=date(2025, 2, 1),
            fields=["Hộ tịch"],
        )
        run_mail_worker()
    finally:
        left, RefusingBackend.refusals = RefusingBackend.refusals, 0
    assert left == 5  # tried MAX_ATTEMPTS times, then left alone
    delivery = Delivery.objects.get(subscription=subscription)
    assert (delivery.status, delivery.attempts) == ("failed", MAX_ATTEMPTS)
    assert "450" in delivery.last_error and "Mailbox busy" in delivery.last_error
    assert mail.outbox == []


@pytest.mark.postgres  # its mail worker locks the queue, which SQLite cannot in a test
def test_a_changed_document_is_news_and_a_corrected_article_is_not(portal):
    field = legal_field("Hộ tịch")
    subscribed("nam@example.vn", "legal_field", field.pk)
    subscribed("nam@example.vn", "section_news", news_index().pk)
    document = legal_document(
        "8/2025/QĐ-UBND", issued=date(2025, 1, 2), effective=date(2025, 2, 1), fields=["Hộ tịch"]
    )
    story = article("Tập huấn hộ tịch năm 2025")
    run_mail_worker()
    assert len(mail.outbox) == 2
    document.expiry_date = date(2026, 1, 1)  # its validity changes: a new revision published
    publish(document)
    story.lead = "Sửa lỗi chính tả."
    publish(story)
    run_mail_worker()
    assert len(mail.outbox) == 3, [m.subject for m in mail.outbox]
    assert "Cập nhật" in mail.outbox[2].body and "8/2025/QĐ-UBND" in mail.outbox[2].subject


@pytest.mark.postgres  # its mail worker locks the queue, which SQLite cannot in a test
def test_a_saved_registry_search_follows_its_filters_and_words(client, portal):
    field = legal_field("Hộ tịch")
    query = f"linh_vuc={field.pk}&q=ket+hon&sap_xep=-issue_date&page=2"
    page = client.get(SUBSCRIBE, {"chu_de": "registry_search", "gia_tri": query})
    assert "Lĩnh vực: Hộ tịch" in page.content.decode()
    client.post(
        f"{SUBSCRIBE}?chu_de=registry_search&gia_tri={query.replace('&', '%26')}",
        {
            "email": "sau@example.vn",
            "topic": f"registry_search:{query}",
            "frequency": "immediate",
        },
    )
    subscription = Subscription.objects.get()
    assert subscription.value == f"linh_vuc={field.pk}&q=ket+hon"  # order and page dropped
    subscription.confirmed_at = subscription.created_at
    subscription.save()
    run_mail_worker()
    mail.outbox.clear()
    legal_document(
        "9/2025/QĐ-UBND", issued=date(2025, 1, 2), effective=date(2025, 2, 1), fields=["Hộ tịch"]
    )
    legal_document(
        "10/2025/QĐ-UBND",
        issued=date(2025, 1, 3),
        effective=date(2025, 2, 1),
        fields=["Hộ tịch"],
        summary="Về đăng ký kết hôn có yếu tố nước ngoài",
    )
    legal_document(
        "11/2025/QĐ-UBND", issued=date(2025, 1, 4), effective=date(2025, 2, 1), summary="Về kết hôn"
    )
    run_mail_worker()
    assert [m.subject.split(" (")[0] for m in mail.outbox] == ["Quyết định 10/2025/QĐ-UBND"]


def test_a_search_the_registry_refuses_is_not_saved(client, portal):
    shown = client.get(SUBSCRIBE, {"chu_de": "registry_search", "gia_tri": "nam=1800"})
    assert "Không lưu được tìm kiếm này" in shown.content.decode()
    response = client.post(
        SUBSCRIBE + "?chu_de=registry_search&gia_tri=nam%3D1800",
        {"email": "bay@example.vn", "topic": "registry_search:nam=1800", "frequency": "daily"},
    )
    assert response.status_code == 200
    assert "Không lưu được tìm kiếm" in response.content.decode()
    assert not Subscription.objects.exists()


@pytest.mark.postgres  # its mail worker locks the queue, which SQLite cannot in a test
def test_the_daily_summary_holds_the_days_publications_in_one_mail(portal):
    field = legal_field("Hộ tịch")
    subscription = subscribed("tam@example.vn", "legal_field", field.pk, frequency=Frequency.DAILY)
    legal_document(
        "12/2025/QĐ-UBND", issued=date(2025, 1, 2), effective=date(2025, 2, 1), fields=["Hộ tịch"]
    )
    legal_document(
        "13/2025/QĐ-UBND", issued=date(2025, 1, 3), effective=date(2025, 2, 1), fields=["Hộ tịch"]
    )
    run_mail_worker()
    assert mail.outbox == []
    stale = subscribed("cu@example.vn", "legal_field", field.pk, confirmed=False)
    Subscription.objects.filter(pk=stale.pk).update(created_at=date(2020, 1, 1))
    call_command("send_subscription_digests", stdout=open("/dev/null", "w"))
    run_mail_worker()
    [summary] = mail.outbox
    assert summary.subject.startswith("2 ")
    assert "12/2025/QĐ-UBND" in summary.body and "13/2025/QĐ-UBND" in summary.body
    assert Delivery.objects.filter(subscription=subscription, status="sent").count() == 2
    assert not Subscriber.objects.filter(email="cu@example.vn").exists()


def test_the_manage_page_changes_and_cancels_by_its_link_only(client, portal):
    field = legal_field("Hộ tịch")
    one = subscribed("chin@example.vn", "legal_field", field.pk)
    two = subscribed("chin@example.vn", "section_news", news_index().pk)
    manage = reverse("subscriptions:manage", args=[one.subscriber.token])
    page = client.get(manage).content.decode()
    assert "Lĩnh vực: Hộ tịch" in page and "Tin của chuyên mục" in page
    client.post(manage, {"id": one.pk, "action": "frequency", "frequency": "daily"})
    one.refresh_from_db()
    assert one.frequency == "daily"
    client.post(manage, {"id": two.pk, "action": "delete"})
    assert list(Subscription.objects.all()) == [one]
    client.post(manage, {"action": "delete_all"})
    assert not Subscriber.objects.exists()
    assert client.get(manage).status_code == 404


@pytest.mark.postgres  # its mail worker locks the queue, which SQLite cannot in a test
def test_subscribing_cannot_be_used_to_mail_bomb_an_address(client, portal):
    field = legal_field("Hộ tịch")
    for _n in range(6):
        client.post(
            SUBSCRIBE,
            {"email": "muoi@example.vn", "topic": f"legal_field:{field.pk}", "frequency": "daily"},
        )
    run_mail_worker()
    assert len(mail.outbox) == 3  # EMAIL_LIMIT a day, whatever the page says
    for n in range(6):
        response = client.post(
            SUBSCRIBE,
            {"email": f"k{n}@example.vn", "topic": f"legal_field:{field.pk}", "frequency": "daily"},
        )
    assert response.status_code == 200
    assert "Quá nhiều yêu cầu" in response.content.decode()
    # Kept once, unconfirmed: the requests made nothing else.
    subscription = Subscription.objects.get(subscriber__email="muoi@example.vn")
    assert subscription.frequency == "daily" and not subscription.is_active


def test_the_report_counts_subscribers_never_addresses(portal):
    field = legal_field("Hộ tịch")
    subscribed("mot@example.vn", "legal_field", field.pk)
    subscribed("hai@example.vn", "legal_field", field.pk)
    subscribed("hai@example.vn", "section_news", news_index().pk)
    subscribed("ba@example.vn", "section_news", news_index().pk, confirmed=False)
    today = date.today()
    [part] = [p for p in reports.activity_report(today, today) if p.key == "nhan-tin"]
    by_topic, totals = part.tables
    assert by_topic.rows == [["Lĩnh vực", 2, 2, 2], ["Tin của chuyên mục", 1, 1, 1]]
    assert totals.rows[0][1] == 2
    assert "example.vn" not in repr([table.rows for table in part.tables])


def test_operators_see_counts_and_delete_an_address_on_request_in_the_log(client, login, portal):
    field = legal_field("Hộ tịch")
    subscribed("muoimot@example.vn", "legal_field", field.pk)
    subscribed("muoimot@example.vn", "section_news", news_index().pk)
    subscribed("khac@example.vn", "legal_field", field.pk)
    login(roles.DIRECTORS)
    refused = client.get("/admin/subscriptions/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's refusal
    login(roles.OPERATORS)
    page = client.get("/admin/subscriptions/").content.decode()
    assert "Người đăng ký theo loại nội dung" in page
    assert "example.vn" not in page  # counts, no address
    found = client.post(
        "/admin/subscriptions/", {"email": "muoimot@example.vn", "action": "lookup"}
    )
    assert "Tin của chuyên mục: Tin tức" in found.content.decode()
    client.post("/admin/subscriptions/", {"email": "muoimot@example.vn", "action": "delete"})
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["khac@example.vn"]
    entries = ModelLogEntry.objects.filter(action__startswith="portal.subscriptions_")
    assert [(e.action, e.label) for e in entries.order_by("pk")] == [
        ("portal.subscriptions_lookup", "m***@example.vn"),
        ("portal.subscriptions_delete", "m***@example.vn"),
    ]
    assert entries.order_by("pk").last().data == {"subscriptions": 2}


@pytest.mark.postgres  # its mail worker locks the queue, which SQLite cannot in a test
def test_a_new_draft_for_comment_is_mailed_to_those_who_follow_drafts(client, portal):
    """The drafts' own kind (consultations/topics.py), offered on their listing."""
    subscribed("gopy@example.vn", "drafts_for_comment", "")
    subscribed("vanban@example.vn", "legal_field", legal_field("Hộ tịch").pk)
    new = draft(title="Dự thảo Quy định về hòa giải ở cơ sở", drafting_unit=unit("Phòng Phổ biến"))
    run_mail_worker()
    assert [m.to[0] for m in mail.outbox] == ["gopy@example.vn"]
    assert f"{settings.PORTAL_BASE_URL}{new.url}" in mail.outbox[0].body
    listing = client.get(new.get_parent().url).content.decode()
    assert 'name="chu_de" value="drafts_for_comment"' in listing
