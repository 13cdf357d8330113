"""Sample PDFs of the demo, typed here and drawn with DejaVu, a font with every Vietnamese
letter that Debian ships (fonts-dejavu-core; scripts/services/packages.sh fonts). Each page
says it is a sample: the demo's documents have no legal value."""

import logging
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF

# fontTools reports every glyph it keeps at INFO: pages of it on each setup_portal --demo.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONTS = Path("/usr/share/fonts/truetype/dejavu")
SAMPLE = "BẢN MẪU — KHÔNG CÓ GIÁ TRỊ PHÁP LÝ"


@lru_cache(maxsize=128)  # the browser tests build the demo again for each test
def sample_pdf(title, heading, paragraphs, agency):
    """A4 PDF bytes: the sample mark, the heading lines (bold, centred), then the paragraphs
    (tuples); a paragraph starting with "Điều" (an article's heading) is bold."""
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_creator(f"Trang thông tin điện tử {agency} (bản trình diễn)")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(25, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 10)
    pdf.set_text_color(165, 14, 30)
    pdf.cell(0, 8, SAMPLE, border=1, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(6)
    pdf.set_font("DejaVu", "B", 12)
    for line in heading:
        pdf.multi_cell(0, 7, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for paragraph in paragraphs:
        pdf.set_font("DejaVu", "B" if paragraph.startswith("Điều") else "", 11)
        pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())
