"""Every uploaded document is checked by content, not only by name: its first bytes must be
those of the format its extension claims, text files must not carry web-page code that a
browser would run, archives must not unpack to gigabytes (zip bombs), and an antivirus
scan runs when CLAMAV_ADDRESS is set (portal/core/antivirus.py). Nothing refused is stored."""

import re
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from portal.core import antivirus

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003, Excel 97-2003
ZIP = b"PK\x03\x04"
SIGNATURES = {
    "pdf": [b"%PDF-"],
    "doc": [OLE],
    "xls": [OLE],
    "docx": [ZIP],
    "xlsx": [ZIP],
    "odt": [ZIP],
    "ods": [ZIP],
    "zip": [ZIP],
    "rtf": [b"{\\rtf"],
    "txt": [b""],  # any start; the content is checked below
    # Audio and video (Art. 6.2): (offset, bytes) where the signature is not at the start.
    "mp3": [b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"],
    "m4a": [(4, b"ftyp")],
    "mp4": [(4, b"ftyp")],
    "webm": [b"\x1a\x45\xdf\xa3"],
    "ogg": [b"OggS"],
    "wav": [b"RIFF"],
}
MEDIA = {"mp3", "m4a", "mp4", "webm", "ogg", "wav"}
ZIPPED = {"docx", "xlsx", "odt", "ods", "zip"}
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_ENTRIES = 10_000
# What makes a browser treat text as a page or a script, if it ever sniffs one.
MARKUP = re.compile(rb"<\s*(!doctype|html|head|body|script|svg|iframe|object|embed|meta)\b", re.I)


def refuse(message, **values):
    raise ValidationError(message % values)


def starts_with(head, signature):
    offset, expected = signature if isinstance(signature, tuple) else (0, signature)
    return head[offset:].startswith(expected)


def check_upload(name, handle, size, allowed=None):
    """Raise ValidationError (in Vietnamese, saying what to do) unless the file is a real
    document of an accepted format; returns its extension. `handle` is read, then rewound."""
    allowed = allowed or [ext for ext in settings.DOCUMENT_EXTENSIONS if ext in SIGNATURES]
    extension = Path(name).suffix.lower().lstrip(".")
    if extension not in allowed:
        refuse(
            _("The file “%(name)s” is not accepted: attach the document as %(formats)s."),
            name=name,
            formats=", ".join(ext.upper() for ext in sorted(allowed)),
        )
    limit = (
        settings.MEDIA_MAX_UPLOAD_SIZE if extension in MEDIA else settings.DOCUMENT_MAX_UPLOAD_SIZE
    )
    if size > limit:
        refuse(
            _("The file “%(name)s” is larger than %(limit)d MB: compress it or split it."),
            name=name,
            limit=limit // (1024 * 1024),
        )
    handle.seek(0)
    head = handle.read(8192)
    handle.seek(0)
    if not any(starts_with(head, signature) for signature in SIGNATURES[extension]):
        refuse(
            _(
                "The file “%(name)s” is not a real %(format)s file: export it again from the "
                "original and attach that."
            ),
            name=name,
            format=extension.upper(),
        )
    if extension == "txt" and (b"\0" in head or MARKUP.search(head)):
        refuse(
            _("The file “%(name)s” contains web-page code, not plain text: it cannot be attached."),
            name=name,
        )
    if extension in ZIPPED:
        check_archive(name, handle)
    antivirus.scan(name, handle)
    return extension


def check_archive(name, handle):
    try:
        with zipfile.ZipFile(handle) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        refuse(
            _("The file “%(name)s” is damaged: save it again and attach the new copy."), name=name
        )
    finally:
        handle.seek(0)
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries) or 1
    if len(entries) > MAX_ENTRIES or unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_RATIO:
        refuse(
            _(
                "The file “%(name)s” unpacks to far more than its size (a “zip bomb”): it "
                "cannot be attached."
            ),
            name=name,
        )
