"""Demo drafts for comment (issue #26): one open today, one whose period ended with its
synthesis and comments published. Dates are relative to the day `setup_portal` runs, so the
first is open and the second closed whenever the demo is loaded. The drafts and comments are
samples the team wrote, not real ones: the agency's own (its profile's demo data,
"consultations"); a profile without them gets no demo drafts."""

from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents.models import Document

from consultations.models import Comment, DraftPage
from home.models import Unit
from home.setup import ensure_child
from legal_docs.models import DocumentType, IssuingAuthority
from portal.core import profile
from portal.demo.pdf import sample_pdf


def _file(title, heading, name):
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    pdf = sample_pdf(
        title,
        (heading,),
        ("Bản mẫu trình diễn: không phải văn bản thật.",),
        profile.current().common_name,
    )
    document = Document(title=title)
    document.file.save(name, ContentFile(pdf), save=False)
    document.save()
    return document


def _draft(index, spec, today):
    start, end = (today + timedelta(days=n) for n in spec["days"])
    fields = {
        "title": spec["title"],
        "document_type": DocumentType.objects.filter(name=spec["type"]).first(),
        "issuing_authority": IssuingAuthority.objects.filter(name=spec["authority"]).first(),
        "drafting_unit": Unit.objects.filter(name=spec["unit"]).first(),
        "summary": spec["summary"],
        "comment_start": start,
        "comment_end": end,
        "contact": spec["contact"],
        "draft_file": _file(spec["title"], spec["title"], f"{spec['slug']}.pdf"),
        "explanatory_file": _file(
            f"Tờ trình – {spec['title']}", "TỜ TRÌNH", f"to-trinh-{spec['slug']}.pdf"
        ),
        "synthesis": spec.get("synthesis", ""),
        "publish_comments": bool(spec.get("comments")),
    }
    draft, created = ensure_child(index, DraftPage, spec["slug"], **fields)
    if created:
        received = datetime.combine(
            start + timedelta(days=3), time(9), timezone.get_current_timezone()
        )
        for number, (organisation, article, content) in enumerate(spec.get("comments", [])):
            Comment.objects.create(
                draft=draft,
                received_at=received + timedelta(days=number),
                name="Người góp ý mẫu",
                organisation=organisation,
                contact="gopy.mau@example.vn",
                article=article,
                content=content,
            )
    return draft


def load_consultations(index):
    today = timezone.localdate()
    return [_draft(index, spec, today) for spec in profile.current().demo.get("consultations", [])]
