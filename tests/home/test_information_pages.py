"""The information categories beyond legal documents and procedures: organisation (5.1đ),
collections by year (5.1d, 5.1e) and audio and video with captions and transcripts (6.2)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.models import Document

from home.blocks import AudioBlock, VideoBlock
from home.models import Person, Unit
from portal.core import roles
from tests.builders import collection_page, document, organisation_page, person, unit
from tests.helpers import html

pytestmark = pytest.mark.django_db
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64


@pytest.fixture
def organisation(portal):
    """A department of two levels under its leadership: two leaders, two contacts."""
    top = unit("Lãnh đạo Sở", kind="leadership", phone="0233 3852 520", email="sotp@example.vn")
    office = unit("Văn phòng Sở", top, phone="0233 3852 521", email="vp@example.vn")
    civil = unit("Phòng Hành chính tư pháp", top, phone="0233 3852 524", email="hctp@example.vn")
    person("Hoàng Kỳ", "Giám đốc Sở", top, is_leader=True, biography="Phụ trách chung.")
    person("Lê Văn Minh", "Phó Giám đốc Sở", top, is_leader=True, biography="Phụ trách văn bản.")
    person("Trần Thị Hương", "Chánh Văn phòng Sở", office, is_contact=True)
    person("Nguyễn Văn An", "Trưởng phòng", civil, is_contact=True)
    return organisation_page(
        functions="<p>Tham mưu quản lý nhà nước về hộ tịch; quốc tịch; chứng thực.</p>",
        history="<p>Thành lập năm 1989.</p>",
    )


def test_the_organisation_page_shows_leaders_chart_units_and_contacts(client, organisation):
    page = html(client, "/gioi-thieu/co-cau-to-chuc/")
    assert "Chức năng, nhiệm vụ, quyền hạn" in page and "hộ tịch; quốc tịch" in page
    for leader in Person.objects.filter(is_leader=True):
        assert f"<h3>{leader.name}</h3>" in page and leader.biography in page
    # The chart: each unit nested in the list item of the unit it belongs to.
    chart = page.split('<ul class="org-chart">', 1)[1].split("</figure>", 1)[0]
    top = Unit.objects.get(parent=None)
    assert chart.index(top.name) < chart.index("<ul>") < chart.index("Văn phòng Sở")
    for each in Unit.objects.all():
        assert each.name in chart and each.phone in page and each.email in page
    for contact in Person.objects.filter(is_contact=True):
        assert f'<th scope="row" data-label="Họ và tên">{contact.name}</th>' in page


def test_a_unit_cannot_be_part_of_itself(organisation):
    top = Unit.objects.get(parent=None)
    child = Unit.objects.filter(parent=top).first()
    top.parent = child
    with pytest.raises(ValidationError):
        top.full_clean()


def test_collections_list_their_files_by_year_newest_first(client, portal):
    collection = collection_page(
        [
            ("Báo cáo quyết toán ngân sách năm 2023", date(2024, 4, 10)),
            ("Công khai dự toán ngân sách năm 2025", date(2025, 1, 15)),
            ("Số liệu thống kê ngành tư pháp năm 2024", date(2025, 2, 1)),
            ("Báo cáo quyết toán ngân sách năm 2022", date(2023, 3, 1)),
        ]
    )
    assert len(collection.by_year()) == 3
    page = html(client, collection.url)
    years = [year for year, _items in collection.by_year()]
    assert years == sorted(years, reverse=True)
    for year, items in collection.by_year():
        section = page.split(f'id="year-{year}"', 1)[1]
        for item in items:
            assert item.title in section and item.document.url in section


def test_audio_and_video_blocks_take_only_their_formats_and_need_a_transcript(portal):
    pdf = document("Hội nghị", "hoi-nghi.pdf")
    value = {"file": pdf.pk, "caption": "Hội nghị", "transcript": "Nội dung phát biểu"}
    for block in (AudioBlock(), VideoBlock()):
        with pytest.raises(StructBlockValidationError):
            block.clean(block.to_python(value))
    with pytest.raises(ValidationError):
        VideoBlock().clean(VideoBlock().to_python({**value, "transcript": ""}))


def test_video_is_checked_by_content_and_played_with_its_transcript(client, login, portal):
    login(roles.CONTRIBUTORS)
    fake = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "giả",
            "file": SimpleUploadedFile("hoi-nghi.mp4", b"MZ\x90\x00"),
            "collection": "1",
        },
    )
    assert "không phải là tệp MP4 thật" in fake.content.decode()
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "Hội nghị", "file": SimpleUploadedFile("hoi-nghi.mp4", MP4), "collection": "1"},
    )
    assert response.status_code == 302
    video = Document.objects.get(title="Hội nghị")
    block = VideoBlock()
    value = block.clean(
        block.to_python({"file": video.pk, "caption": "Hội nghị", "transcript": "Lời phát biểu"})
    )
    rendered = block.render(value)
    assert f'<video controls preload="metadata" src="{video.url}">' in rendered
    assert "Lời phát biểu" in rendered and "<figcaption>Hội nghị</figcaption>" in rendered
