"""Shared test helpers: running setup_portal quietly, and the form data the Wagtail page
editor posts, for tests that drive the admin as a person would."""

import os

from django.core.management import call_command
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


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


def setup_portal(**options):
    with open(os.devnull, "w") as devnull:
        call_command("setup_portal", stdout=devnull, **options)
