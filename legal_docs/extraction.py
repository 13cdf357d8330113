"""Uploaded legal-document files: checked by content as well as by name, and their text
extracted so search finds words inside the file."""

import io
import logging
import re
import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# What the first bytes of each accepted format must be (the extension alone proves nothing).
SIGNATURES = {
    "pdf": [b"%PDF-"],
    "docx": [b"PK\x03\x04"],
    "odt": [b"PK\x03\x04"],
    "doc": [b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"],
}
ALLOWED = sorted(SIGNATURES)
MAX_BYTES = 20 * 1024 * 1024
# DOCX and ODT are zip archives: a small file can unpack to gigabytes (a "zip bomb").
MAX_UNPACKED_BYTES = 100 * 1024 * 1024


def check_file(name, head, size):
    extension = Path(name).suffix.lower().lstrip(".")
    if extension not in SIGNATURES:
        raise ValidationError(
            _("The file “%(name)s” is not accepted: attach the document as %(formats)s.")
            % {"name": name, "formats": ", ".join(ext.upper() for ext in ALLOWED)}
        )
    if not any(head.startswith(signature) for signature in SIGNATURES[extension]):
        raise ValidationError(
            _(
                "The file “%(name)s” is not a real %(format)s file: export it again from the original and attach that."
            )
            % {"name": name, "format": extension.upper()}
        )
    if size > MAX_BYTES:
        raise ValidationError(
            _("The file “%(name)s” is larger than %(limit)d MB: compress it or split it.")
            % {"name": name, "limit": MAX_BYTES // (1024 * 1024)}
        )
    return extension


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
