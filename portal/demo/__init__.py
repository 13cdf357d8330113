"""Realistic Vietnamese demo content for `setup_portal --demo`. It is loaded once, into a site
that has no articles yet, so a demo page an editor deleted never comes back. What is the
agency's own (contacts, regulation, news, organisation, documents) comes from its profile's
demo data (profiles/<name>.demo.json); without it, samples naming only the profile's agency."""

import io
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents.models import Document
from wagtail.images.models import Image

from home.models import ArticlePage, StandardPage
from home.setup import ensure_child
from information_requests.demo import load_information_requests
from legal_docs.demo import load_legal_documents, load_procedures
from portal.core import profile
from portal.core.models import PortalSettings
from portal.demo.articles import sample_dissemination, sample_news
from portal.demo.collections import load_collections
from portal.demo.consultations import load_consultations
from portal.demo.documents import attach_sample_file
from portal.demo.english import load_english
from portal.demo.organisation import load_organisation, sample_organisation
from portal.demo.pages import sample_section_pages
from portal.demo.regulation import regulation_html
from workflow.demo import load_moderation_demo

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def content(agency):
    """The agency profile's demo data over the samples."""
    return {
        "settings": {},
        "regulation": None,
        "news": sample_news(agency),
        "dissemination": sample_dissemination(agency),
        "section_pages": sample_section_pages(agency),
        "organisation": sample_organisation(agency),
        **agency.demo,
    }


def load_demo(home, site):
    if ArticlePage.objects.exists():
        return False
    agency = profile.current()
    demo = content(agency)
    portal = PortalSettings.for_site(site)
    changed = [name for name in demo["settings"] if not getattr(portal, name)]
    for name in changed:
        setattr(portal, name, demo["settings"][name])
    if changed:
        portal.save()

    sections = {child.slug: child.specific for child in home.get_children()}
    for section_slug, pages in demo["section_pages"].items():
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
    regulation = file_block = None
    if demo["regulation"]:
        regulation, file_block = _regulation(sections["gioi-thieu"], portal, demo)
    for spec in demo["news"]:
        body = spec["body"]
        if spec.get("regulation"):
            if not regulation:
                continue
            link = f'<a linktype="page" id="{regulation.pk}">{regulation.title}</a>'
            body = [
                {
                    "type": "paragraph",
                    "value": demo["regulation"]["news_paragraph"] % {"link": link},
                },
                file_block,
            ]
        _article(sections["tin-tuc"], spec, body)
    for index, spec in enumerate(demo["dissemination"]):
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
                    "credit": agency.short_name,
                },
            },
            *spec["body"][1:],
        ]
        _article(sections["pho-bien-giao-duc-phap-luat"], spec, body, image=image)
    load_legal_documents(sections["van-ban"], attach=attach_sample_file)
    load_procedures(sections["thu-tuc-hanh-chinh"])
    load_organisation(sections["gioi-thieu"], demo["organisation"])
    load_english(home, sections["gioi-thieu"])
    load_collections(sections)
    load_consultations(sections["gop-y-du-thao"])
    load_moderation_demo(sections["tin-tuc"])
    load_information_requests(sections["danh-muc-thong-tin-cong-khai"])
    return True


def _regulation(section, portal, demo):
    """The site's own regulation is a page of Giới thiệu, which the footer and the registry
    link to (the settings name it); the news of its adoption links there."""
    spec = demo["regulation"]
    source = Path(demo["folder"]) / spec["text"]
    document = _document(spec["file_title"], source)
    file_block = {"type": "document", "value": {"document": document.pk, "title": ""}}
    page, _created = ensure_child(
        section,
        StandardPage,
        spec["slug"],
        title=spec["title"],
        intro=spec["intro"],
        body=[{"type": "paragraph", "value": regulation_html(source)}, file_block],
        show_in_menus=True,
    )
    if portal.regulation_page_id is None:
        portal.regulation_page = page
        portal.save()
    return page, file_block


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


def _document(title, source):
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    document = Document(title=title)
    document.file.save("quy-che-trang-ttdt.txt", ContentFile(source.read_bytes()), save=False)
    document.save()
    return document
