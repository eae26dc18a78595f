"""What the safe's tests share: accounts, uploads as the HTTP route streams them, files
built in the test, and a look at what is left on disk."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Iterable
from pathlib import Path

import pytest
from PIL import Image

from helpline import vault
from helpline.config import get_settings
from tests.factories import run_async
from tests.factories import staff as _staff
from tests.factories import victim as _victim


async def stream(data: bytes, size: int = 64 * 1024) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start:start + size]


def upload(victim, data: bytes | Iterable[bytes], name: str = "capture.png",
           declared: int | None = None, chunk: int = 64 * 1024):
    """``receive_upload`` as the route calls it, the bytes streamed in chunks."""
    if isinstance(data, bytes):
        chunks = stream(data, chunk)
    else:
        async def chunks_of(parts=data):
            for part in parts:
                yield part
        chunks = chunks_of()
    return run_async(vault.receive_upload(victim, name, declared, chunks))


def refused(code: str):
    return pytest.raises(vault.VaultError, match=f"^{code}$")


def png(size=(64, 48), color="red", **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG", **save)
    return out.getvalue()


def jpeg_with_gps(size=(80, 40), orientation: int = 6) -> bytes:
    """A JPEG whose EXIF holds a camera, a GPS position and an orientation."""
    image = Image.new("RGB", size, "blue")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = orientation
    gps = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def vault_files(data_dir: Path) -> list[Path]:
    """Every file in the safe's part of the blob store (temporary ones included)."""
    folder = Path(get_settings().blob_dir) / "vault"
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


@pytest.fixture
def victim(db):
    principal = _victim(db)
    db.commit()  # uploads open their own transactions
    return principal


@pytest.fixture
def other(db):
    principal = _victim(db)
    db.commit()
    return principal


@pytest.fixture
def counsellor(db):
    principal = _staff(db, "Camille")
    db.commit()
    return principal
