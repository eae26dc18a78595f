"""What a file is, by its content: the first bytes (magic numbers), never its name.

Accepted: JPEG, PNG, WebP, GIF, HEIC/HEIF, PDF, MP4/MOV, WebM and plain UTF-8 text.
Everything else is refused: SVG and HTML (also under an image's name, or text that
starts like markup), archives, executables. ``Scanner`` then watches the whole stream
for what makes a polyglot: an HTML/script header inside the bytes, or a ZIP central
directory at the end of an image or a PDF.
"""

from __future__ import annotations

import codecs
import re
import struct
from dataclasses import dataclass

HEAD_BYTES = 1024  # every magic number, an ftyp box's brands, where readers seek %PDF-


@dataclass(frozen=True)
class Kind:
    kind: str  # image, video, pdf, text
    content_type: str
    extension: str


JPEG = Kind("image", "image/jpeg", ".jpg")
PNG = Kind("image", "image/png", ".png")
GIF = Kind("image", "image/gif", ".gif")
WEBP = Kind("image", "image/webp", ".webp")
HEIC = Kind("image", "image/heic", ".heic")
HEIF = Kind("image", "image/heif", ".heif")
PDF = Kind("pdf", "application/pdf", ".pdf")
MP4 = Kind("video", "video/mp4", ".mp4")
MOV = Kind("video", "video/quicktime", ".mov")
WEBM = Kind("video", "video/webm", ".webm")
TEXT = Kind("text", "text/plain; charset=utf-8", ".txt")

_HEIC_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs"}
_HEIF_BRANDS = {b"mif1", b"msf1"}
_MP4_BRANDS = {b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42",
               b"mp4x", b"avc1", b"M4V ", b"dash", b"3gp4", b"3gp5", b"3gp6", b"3g2a"}
_MOV_BRANDS = {b"qt  "}
# Markup that makes a browser (or a careless viewer) run or render something.
# (Not <?xml: images and PDFs carry XMP metadata that may start with it.)
_MARKUP = re.compile(rb"<(?:script|html|svg|iframe|object|embed|body|!doctype)[\s>/]",
                     re.IGNORECASE)
_MARKUP_START = re.compile(r"[\s\ufeff]*<[A-Za-z!?/]")
_TEXT_CONTROLS = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EOCD = b"PK\x05\x06"
_EOCD_BYTES = 22
TAIL_BYTES = _EOCD_BYTES + 0xFFFF  # a ZIP's end record, with the longest comment


def _ftyp(head: bytes) -> Kind | None:
    if len(head) < 16 or head[4:8] != b"ftyp":
        return None
    box = struct.unpack(">I", head[:4])[0]
    end = min(box, len(head)) if box >= 16 else len(head)
    brands = [head[8:12]] + [head[i:i + 4] for i in range(16, end - 3, 4)]
    for brand in brands:  # the major brand decides; then the compatible ones, in order
        if brand in _HEIC_BRANDS:
            return HEIC
        if brand in _HEIF_BRANDS:
            return HEIF
        if brand in _MOV_BRANDS:
            return MOV
        if brand in _MP4_BRANDS:
            return MP4
    return None


def _webm(head: bytes) -> Kind | None:
    if not head.startswith(b"\x1a\x45\xdf\xa3"):
        return None
    doctype = head.find(b"\x42\x82", 4, 64)  # EBML DocType element
    if doctype < 0 or doctype + 3 > len(head):
        return None
    size = head[doctype + 2]
    if size & 0x80 and head[doctype + 3:doctype + 3 + (size & 0x7F)] == b"webm":
        return WEBM
    return None


def _text(head: bytes, complete: bool) -> Kind | None:
    if _TEXT_CONTROLS.search(head):
        return None
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        shown = decoder.decode(head, final=complete)
    except UnicodeDecodeError:
        return None
    if _MARKUP_START.match(shown):
        return None  # HTML, SVG, XML: text that a browser would render as markup
    return TEXT


def sniff(head: bytes, *, complete: bool = False) -> Kind | None:
    """The kind of a file from its first bytes (``complete``: that is the whole file),
    or None: refused."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"%PDF-"):
        return PDF
    if b"%PDF-" in head:  # PDF readers find a header anywhere in the first 1024 bytes
        return None
    found = _ftyp(head) or _webm(head)
    if found:
        return found
    return _text(head, complete)


class Scanner:
    """Watches every byte of a stream for what no accepted kind holds: markup headers
    (across chunk boundaries) and, at the end, a ZIP end-of-central-directory record.
    For text it also checks the whole is UTF-8 without control characters."""

    _OVERLAP = 32

    def __init__(self, kind: Kind) -> None:
        self.kind = kind
        self._carry = b""
        self._tail = bytearray()
        self._decoder = codecs.getincrementaldecoder("utf-8")() if kind is TEXT else None
        self.refused = False

    def feed(self, data: bytes) -> None:
        edge = self._carry + data[:self._OVERLAP]  # a marker split across two chunks
        if _MARKUP.search(edge) or _MARKUP.search(data):
            self.refused = True
        if self._decoder is not None:
            try:
                self._decoder.decode(data)
            except UnicodeDecodeError:
                self.refused = True
            if _TEXT_CONTROLS.search(data):
                self.refused = True
        self._carry = (self._carry + data)[-self._OVERLAP:] if len(data) < self._OVERLAP \
            else data[-self._OVERLAP:]
        if len(data) >= TAIL_BYTES:
            self._tail = bytearray(data[-TAIL_BYTES:])
        else:
            self._tail += data
            if len(self._tail) > 2 * TAIL_BYTES:
                del self._tail[:-TAIL_BYTES]

    def finish(self) -> bool:
        """Whether the whole stream is acceptable."""
        if self._decoder is not None:
            try:
                self._decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                self.refused = True
        return not (self.refused or has_zip_end(bytes(self._tail[-TAIL_BYTES:])))


def has_zip_end(tail: bytes) -> bool:
    """A ZIP's end-of-central-directory record whose comment runs exactly to the end:
    what an unzipper looks for, so a file with one is also an archive."""
    start = len(tail)
    while (start := tail.rfind(_EOCD, 0, start)) >= 0:
        if start + _EOCD_BYTES <= len(tail):
            comment = struct.unpack_from("<H", tail, start + 20)[0]
            if start + _EOCD_BYTES + comment == len(tail):
                return True
    return False
