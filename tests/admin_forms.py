"""The form data the Wagtail page editor posts, and driving the board's workflow through the
admin, for tests that use the admin as a person would."""

from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import ArticlePage


def article_form(**overrides):
    fields = {
        "title": "Hướng dẫn đăng ký kết hôn có yếu tố nước ngoài",
        "slug": "huong-dan-dang-ky-ket-hon",
        "lead": "Các bước đăng ký kết hôn có yếu tố nước ngoài tại Ủy ban nhân dân cấp xã.",
        "image": "",
        "body": streamfield(
            [("paragraph", rich_text("<p>Hồ sơ gồm tờ khai đăng ký kết hôn.</p>"))]
        ),
        "author": "Nguyễn Văn An",
        "source": "Phòng Hành chính tư pháp",
        "posted_at": "",
        "comments": inline_formset([]),
    }
    fields.update(overrides)
    return nested_form_data(fields)


def legal_document_form(**overrides):
    fields = {
        "title": "Quyết định thử",
        "slug": "quyet-dinh-thu",
        "document_type": "",
        "number_symbol": "55/QĐ-STP",
        "issuing_authority": "",
        "issue_date": "10/05/2024",
        "effective_date": "10/05/2024",
        "expiry_date": "",
        "summary": "Về việc thử",
        "source": "department",
        "files": inline_formset([]),
        "relations": inline_formset([]),
        "comments": inline_formset([]),
    }
    fields.update(overrides)
    return nested_form_data(fields)


# Driving the board's workflow through the admin, as its people do.
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("home", "articlepage", parent.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def submit_new(client, user, parent, **fields):
    client.force_login(user)
    data = article_form(**fields)
    data["action-submit"] = "1"
    assert client.post(add_url(parent), data).status_code == 302
    return ArticlePage.objects.filter(slug=data["slug"]).first()


def decide(client, user, page, action, **data):
    client.force_login(user)
    state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.pk))
    return client.post(url, data, **XHR)


def refresh(page):
    return ArticlePage.objects.filter(pk=page.pk).first()
