"""Working copies and thumbnails of images (Pillow, pillow-heif for HEIC/HEIF).

The original is never modified. The working copy is what staff see by default: the
pixels only, turned the way the EXIF orientation says, re-encoded with no metadata at
all (no EXIF, GPS, XMP, ICC, comments). A decoded image larger than the pixel limit is
refused before its pixels are decoded (a decompression bomb), as is any image Pillow
warns about.
"""

from __future__ import annotations

import io
import struct
import warnings
from dataclasses import dataclass

import pillow_heif
from PIL import Image, ImageOps

from helpline.vault.errors import VaultError

pillow_heif.register_heif_opener()

THUMBNAIL_PX = 320
# Only the decoders of the kinds the safe accepts: no other Pillow plugin sees the bytes.
FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "HEIF")
_WORKING_JPEG_QUALITY = 90
_THUMB_JPEG_QUALITY = 80


@dataclass(frozen=True)
class Derived:
    variant: str  # working, thumbnail
    content_type: str
    data: bytes


def _clean(image: Image.Image) -> Image.Image:
    """The pixels alone, in RGB or RGBA, in a new image that carries no ``info``."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info)
    converted = image.convert("RGBA" if has_alpha else "RGB")
    return Image.frombytes(converted.mode, converted.size, converted.tobytes())


def _encode(image: Image.Image, *, thumbnail: bool) -> tuple[str, bytes]:
    out = io.BytesIO()
    if image.mode == "RGBA" and not thumbnail:
        image.save(out, format="PNG", optimize=False)
        return "image/png", out.getvalue()
    if image.mode == "RGBA":  # a thumbnail: on white, as a JPEG
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    image.save(out, format="JPEG",
               quality=_THUMB_JPEG_QUALITY if thumbnail else _WORKING_JPEG_QUALITY)
    return "image/jpeg", out.getvalue()


def derive(data: bytes, *, max_pixels: int) -> list[Derived]:
    """The working copy and the thumbnail of an image, or VaultError("image_unreadable")
    for what Pillow cannot decode or what would decode to more than ``max_pixels``."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=FORMATS) as image:
                width, height = image.size
                if width <= 0 or height <= 0 or width * height > max_pixels:
                    raise VaultError("image_unreadable")
                image.load()
                upright = ImageOps.exif_transpose(image)
                working = _clean(upright)
    except VaultError:
        raise
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError, struct.error,
            Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise VaultError("image_unreadable") from exc
    kind, working_bytes = _encode(working, thumbnail=False)
    thumb = working.copy()
    thumb.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
    thumb_kind, thumb_bytes = _encode(thumb, thumbnail=True)
    return [Derived("working", kind, working_bytes), Derived("thumbnail", thumb_kind, thumb_bytes)]

