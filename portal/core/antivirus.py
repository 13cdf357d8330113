"""An antivirus scan of every upload when CLAMAV_ADDRESS names a clamd ("tcp:HOST:PORT" or
"unix:/path/to/socket"), by clamd's INSTREAM command. A scanner that does not answer
refuses the upload rather than let an unscanned file through."""

import socket
import struct

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CHUNK = 64 * 1024


def connect(address, timeout=30):
    kind, _sep, where = address.partition(":")
    if kind == "unix":
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        sock.connect(where)
        return sock
    host, _sep, port = where.rpartition(":")
    return socket.create_connection((host, int(port)), timeout=timeout)


def instream(address, handle):
    """clamd's verdict for the stream: "stream: OK" or "stream: NAME FOUND"."""
    with connect(address) as sock:
        sock.sendall(b"zINSTREAM\0")
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            sock.sendall(struct.pack("!L", len(chunk)) + chunk)
        sock.sendall(struct.pack("!L", 0))
        reply = b""
        while not reply.endswith(b"\0"):
            data = sock.recv(4096)
            if not data:
                break
            reply += data
    return reply.rstrip(b"\0").decode("utf-8", "replace").strip()


def scan(name, handle):
    address = settings.CLAMAV_ADDRESS
    if not address:
        return
    handle.seek(0)
    try:
        verdict = instream(address, handle)
    except OSError as error:
        raise ValidationError(
            _(
                "The virus scanner is not answering (%(error)s): try the upload again in a few minutes."
            )
            % {"error": error}
        ) from error
    finally:
        handle.seek(0)
    if verdict.endswith("FOUND"):
        virus = verdict.removeprefix("stream:").removesuffix("FOUND").strip()
        raise ValidationError(
            _("The file “%(name)s” contains a virus (%(virus)s) and was not stored.")
            % {"name": name, "virus": virus}
        )
    if not verdict.endswith("OK"):
        raise ValidationError(
            _("The virus scanner could not check “%(name)s” (%(verdict)s): try again later.")
            % {"name": name, "verdict": verdict}
        )
