"""Realistic Vietnamese demo content for `setup_portal --demo`. It is loaded once, into a site
that has no articles yet, so a demo page an editor deleted never comes back."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents.models import Document
from wagtail.images.models import Image

from home.models import ArticlePage, StandardPage
from home.setup import ensure_child
from legal_docs.demo import load_legal_documents, load_procedures
from portal.core.models import PortalSettings
from portal.demo.articles import DISSEMINATION, NEWS
from portal.demo.collections import load_collections
from portal.demo.consultations import load_consultations
from portal.demo.documents import attach_sample_file
from portal.demo.organisation import load_organisation
from portal.demo.pages import REGULATION, SECTION_PAGES
from portal.demo.regulation import SOURCE, regulation_html
from workflow.demo import load_moderation_demo

VN = ZoneInfo("Asia/Ho_Chi_Minh")

DEMO_SETTINGS = {
    "address": "Số 01 Hùng Vương, phường Đông Hà, tỉnh Quảng Trị",
    "phone": "0233 3852 520",
    "fax": "0233 3852 521",
    "email": "sotp@quangtri.gov.vn",
    "responsible_person": "Hoàng Kỳ",
}


def load_demo(home, site):
    if ArticlePage.objects.exists():
        return False
    portal = PortalSettings.for_site(site)
    changed = [name for name, value in DEMO_SETTINGS.items() if not getattr(portal, name)]
    for name in changed:
        setattr(portal, name, DEMO_SETTINGS[name])
    if changed:
        portal.save()

    sections = {child.slug: child.specific for child in home.get_children()}
    for section_slug, pages in SECTION_PAGES.items():
        for spec in pages:
            ensure_child(
                sections[section_slug],
                StandardPage,
                spec["slug"],
                title=spec["title"],
                intro=spec.get("intro", ""),
                body=spec["body"],
                show_in_menus=True,
            )
    regulation_file = _document("Quy chế hoạt động Trang TTĐT Sở Tư pháp Quảng Trị (toàn văn)")
    file_block = {"type": "document", "value": {"document": regulation_file.pk, "title": ""}}
    # The site's own regulation is a page of Giới thiệu, which the footer and the registry
    # link to (the settings name it); the news of its adoption links there.
    regulation, _created = ensure_child(
        sections["gioi-thieu"],
        StandardPage,
        REGULATION["slug"],
        title=REGULATION["title"],
        intro=REGULATION["intro"],
        body=[{"type": "paragraph", "value": regulation_html()}, file_block],
        show_in_menus=True,
    )
    if portal.regulation_page_id is None:
        portal.regulation_page = regulation
        portal.save()
    for spec in NEWS:
        body = spec["body"]
        if spec.get("regulation"):
            link = f'<a linktype="page" id="{regulation.pk}">{regulation.title}</a>'
            body = [
                {"type": "paragraph", "value": REGULATION["news_paragraph"] % {"link": link}},
                file_block,
            ]
        _article(sections["tin-tuc"], spec, body)
    for index, spec in enumerate(DISSEMINATION):
        image = _image(spec["image_title"], index)
        body = [
            {"type": "paragraph", "value": spec["body"][0]["value"]},
            {
                "type": "image",
                "value": {
                    "image": {
                        "image": image.pk,
                        "alt_text": spec["image_title"],
                        "decorative": False,
                    },
                    "caption": spec["image_title"],
                    "credit": "Sở Tư pháp Quảng Trị",
                },
            },
            *spec["body"][1:],
        ]
        _article(sections["pho-bien-giao-duc-phap-luat"], spec, body, image=image)
    load_legal_documents(sections["van-ban"], attach=attach_sample_file)
    load_procedures(sections["thu-tuc-hanh-chinh"])
    load_organisation(sections["gioi-thieu"])
    load_collections(sections)
    load_consultations(sections["gop-y-du-thao"])
    load_moderation_demo(sections["tin-tuc"])
    return True


def _article(index_page, spec, body, image=None):
    year, month, day, hour, minute = spec["posted"]
    return ensure_child(
        index_page,
        ArticlePage,
        spec["slug"],
        title=spec["title"],
        lead=spec["lead"],
        body=body,
        author=spec["author"],
        source=spec["source"],
        image=image,
        posted_at=datetime(year, month, day, hour, minute, tzinfo=VN),
    )[0]


def _image(title, seed):
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    # A simple generated illustration: no binary files in the repository, no network.
    colours = [
        ((165, 14, 30), (242, 194, 48)),
        ((11, 61, 145), (255, 255, 255)),
        ((22, 101, 52), (250, 204, 21)),
    ]
    background, accent = colours[seed % len(colours)]
    picture = PILImage.new("RGB", (1200, 675), background)
    draw = ImageDraw.Draw(picture)
    for step in range(6):
        draw.ellipse(
            [80 + step * 170, 220 - step * 20, 300 + step * 170, 440 + step * 20],
            outline=accent,
            width=8,
        )
    draw.rectangle([0, 600, 1200, 675], fill=accent)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return Image.objects.create(
        title=title, file=ImageFile(buffer, name=f"minh-hoa-{seed + 1}.png")
    )


def _document(title):
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    document = Document(title=title)
    document.file.save("quy-che-trang-ttdt.txt", ContentFile(SOURCE.read_bytes()), save=False)
    document.save()
    return document
