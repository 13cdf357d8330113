"""Demo collections (Art. 5.1d, 5.1e): plans, procurement and finance files by year. The files
are one-page PDFs standing in for the real ones."""

import io
from datetime import date

from django.core.files.base import ContentFile
from pypdf import PdfWriter
from wagtail.documents.models import Document

from home.models import CollectionItem, CollectionPage
from home.setup import ensure_child, publish

COLLECTIONS = {
    "chien-luoc-quy-hoach-ke-hoach": (
        "ke-hoach-hang-nam",
        "Kế hoạch công tác hằng năm",
        [
            ("Kế hoạch công tác tư pháp năm 2025", "work_plan", date(2025, 1, 10)),
            ("Kế hoạch phổ biến, giáo dục pháp luật năm 2025", "plan", date(2025, 1, 20)),
            ("Kế hoạch công tác tư pháp năm 2024", "work_plan", date(2024, 1, 12)),
        ],
    ),
    "du-an-dau-tu-mua-sam-cong": (
        "mua-sam-cong",
        "Kế hoạch và kết quả mua sắm công",
        [
            (
                "Kế hoạch lựa chọn nhà thầu mua sắm tài sản năm 2025",
                "procurement",
                date(2025, 3, 5),
            ),
            ("Kết quả lựa chọn nhà thầu năm 2024", "procurement", date(2024, 11, 20)),
        ],
    ),
    "tai-chinh-thong-ke": (
        "bao-cao-tai-chinh",
        "Báo cáo tài chính và công khai ngân sách",
        [
            ("Công khai dự toán ngân sách năm 2025", "finance", date(2025, 1, 15)),
            ("Báo cáo quyết toán ngân sách năm 2024", "finance", date(2025, 4, 10)),
            ("Số liệu thống kê ngành tư pháp năm 2024", "statistics", date(2025, 2, 1)),
        ],
    ),
}


def pdf_file(title):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def load_collections(sections):
    for section_slug, (slug, title, files) in COLLECTIONS.items():
        section = sections[section_slug]
        page, created = ensure_child(section, CollectionPage, slug, title=title, show_in_menus=True)
        if not created:
            continue
        for order, (file_title, kind, issued) in enumerate(files):
            document = Document(title=file_title)
            document.file.save(
                f"{slug}-{order + 1}.pdf", ContentFile(pdf_file(file_title)), save=False
            )
            document.save()
            page.items.add(
                CollectionItem(
                    title=file_title,
                    kind=kind,
                    year=issued.year,
                    issued_on=issued,
                    document=document,
                    sort_order=order,
                )
            )
        publish(page)
