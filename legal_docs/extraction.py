"""Uploaded legal-document files: checked by content as well as by name, and their text
extracted so search finds words inside the file."""

import io
import logging
import re
import zipfile
from pathlib import Path

from portal.core.uploads import check_upload

logger = logging.getLogger(__name__)

# The registry's own formats; the content checks are those of every upload (portal/core/uploads.py).
ALLOWED = ["doc", "docx", "odt", "pdf"]
# DOCX and ODT are zip archives: a small file can unpack to gigabytes (a "zip bomb").
MAX_UNPACKED_BYTES = 100 * 1024 * 1024


def check_file(name, handle, size):
    return check_upload(name, handle, size, allowed=ALLOWED)


def extract_text(name, data):
    """Plain text of a PDF, DOCX or ODT file; empty for DOC and for files that fail to parse
    (a scanned PDF has no text layer), which must not block publishing."""
    extension = Path(name).suffix.lower().lstrip(".")
    try:
        if extension in ("docx", "odt"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if sum(entry.file_size for entry in archive.infolist()) > MAX_UNPACKED_BYTES:
                    logger.warning("Not extracting text from %s: it unpacks to over 100 MB", name)
                    return ""
        if extension == "pdf":
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(data))
            return "\n".join(page.extract_text() or "" for page in reader.pages).strip()
        if extension == "docx":
            from docx import Document

            return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs).strip()
        if extension == "odt":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                xml = archive.read("content.xml").decode("utf-8")
            return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", xml)).strip()
    except Exception:  # a damaged file loses its search text, never the upload
        logger.warning("Could not extract text from %s", name, exc_info=True)
    return ""
