"""Text extraction from attached files (legal_docs/extraction.py): a zip bomb is not
unpacked."""

import io
import zipfile

from legal_docs.extraction import extract_text


def test_a_zip_bomb_is_not_unpacked():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content.xml", b"\0" * (101 * 1024 * 1024))
    assert len(buffer.getvalue()) < 1024 * 1024
    assert extract_text("bom.odt", buffer.getvalue()) == ""
