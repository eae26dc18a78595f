"""Uploads: accepted by their content, stopped early when they break a rule, and on any
refusal nothing kept — no file in the blob store, no row."""

from __future__ import annotations

import asyncio
import gzip
import io
import struct
import zipfile

import pytest
from PIL import Image
from sqlalchemy import func
from sqlmodel import select

from helpline import vault
from helpline.models import CustodyEntry, VaultBlob, VaultItem
from tests.factories import run_async
from tests.helpline.vault.conftest import jpeg_with_gps, png, refused, upload, vault_files

MB = 1024 * 1024


def nothing_kept(db, data_dir) -> None:
    db.expire_all()
    assert vault_files(data_dir) == []
    for table in (VaultItem, VaultBlob, CustodyEntry):
        assert db.exec(select(func.count()).select_from(table)).one() == 0


def _ftyp(major: bytes, *compatible: bytes) -> bytes:
    box = b"ftyp" + major + b"\0\0\0\0" + b"".join(compatible)
    return struct.pack(">I", len(box) + 4) + box + b"\0\0\0\x08free" + b"\0" * 600


def _webm(doctype: bytes = b"webm") -> bytes:
    return (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82"
            + bytes([0x80 | len(doctype)]) + doctype + b"\0" * 600)


# ---- accepted, by content ------------------------------------------------------------------


@pytest.mark.parametrize(("data", "kind", "content_type"), [
    (b"\xff\xd8\xff\xe0" + b"\0" * 600, None, "image/jpeg"),
    (_ftyp(b"isom", b"iso2", b"mp41"), "video", "video/mp4"),
    (_ftyp(b"qt  "), "video", "video/quicktime"),
    (_ftyp(b"mp42", b"isom"), "video", "video/mp4"),
    (_webm(), "video", "video/webm"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n%%EOF\n", "pdf", "application/pdf"),
    ("Il m'a écrit : « t'es nul·le » 😡\n<3".encode(), "text", "text/plain; charset=utf-8"),
])
def test_kinds_are_recognised_by_their_first_bytes(db, data_dir, victim, data, kind,
                                                   content_type) -> None:
    if kind is None:  # a JPEG header alone is not an image Pillow can decode
        with refused("image_unreadable"):
            upload(victim, data, "photo.jpg")
        nothing_kept(db, data_dir)
        return
    item = upload(victim, data, "nom-trompeur.png")
    assert item.kind == kind
    assert db.get(VaultItem, item.id).content_type == content_type


def test_a_real_png_is_kept_with_its_hash_a_working_copy_and_a_thumbnail(db, data_dir,
                                                                         victim) -> None:
    import hashlib

    data = png((1200, 900))
    item = upload(victim, data, "capture.png", declared=len(data), chunk=1000)
    assert (item.kind, item.size, item.sha256) == ("image", len(data),
                                                   hashlib.sha256(data).hexdigest())
    assert item.has_thumbnail and item.filename == "capture.png"
    detail = vault.item_detail(db, victim, item.id)
    variants = {d.variant: d for d in detail.derivatives}
    assert set(variants) == {"working", "thumbnail"}
    thumb = vault.open_for_victim(db, victim, item.id, "thumbnail")
    with Image.open(io.BytesIO(b"".join(thumb.chunks()))) as shown:
        assert max(shown.size) == 320
    original = vault.open_for_victim(db, victim, item.id, "original")
    assert b"".join(original.chunks()) == data  # never modified
    assert not original.inline and thumb.inline
    assert len(vault_files(data_dir)) == 3  # three blobs, each its own


def test_the_working_copy_has_no_exif_or_gps_and_is_turned_upright(db, data_dir,
                                                                   victim) -> None:
    data = jpeg_with_gps((80, 40), orientation=6)  # 6: turn 90° to show
    with Image.open(io.BytesIO(data)) as source:
        assert source.getexif().get_ifd(0x8825)  # the original does carry a position
    item = upload(victim, data, "IMG_0001.JPG")
    working = b"".join(vault.open_for_victim(db, victim, item.id, "working").chunks())
    with Image.open(io.BytesIO(working)) as shown:
        assert shown.size == (40, 80)
        assert not shown.getexif() and "exif" not in shown.info
    assert b"PhoneMaker" not in working and b"Exif" not in working
    assert b"".join(vault.open_for_victim(db, victim, item.id, "original").chunks()) == data


def test_heic_images_get_derivatives_too(db, data_dir, victim) -> None:
    import pillow_heif

    out = io.BytesIO()
    heif = pillow_heif.from_pillow(Image.new("RGB", (64, 64), "green"))
    heif.save(out, quality=60)
    item = upload(victim, out.getvalue(), "IMG_0002.HEIC")
    assert item.kind == "image" and item.has_thumbnail
    assert db.get(VaultItem, item.id).content_type in ("image/heic", "image/heif")


# ---- refused, nothing kept ----------------------------------------------------------------


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("a.txt", "bonjour")
    return out.getvalue()


def _bomb() -> bytes:
    """A valid small PNG whose header claims 60 000 × 60 000 pixels."""
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    ihdr = struct.pack(">IIBBBBB", 60_000, 60_000, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\0" * 60_001 * 4, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


HOSTILE = {
    "svg with script": (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
                        b'<script>alert(1)</script></svg>', "dessin.svg", "type_refused"),
    "svg without script": (b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>',
                           "dessin.png", "type_refused"),
    "html named .png": (b"<!DOCTYPE html><html><body><script>fetch('/')</script>",
                        "capture.png", "type_refused"),
    "html after blank lines": (b"\n\n   <html><body>hi</body></html>", "note.txt",
                               "type_refused"),
    "png + zip polyglot": (png() + _zip(), "capture.png", "type_refused"),
    "pdf + zip polyglot": (b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n" + _zip(), "doc.pdf",
                           "type_refused"),
    "png with an html header inside": (png()[:33] + b"<html><script>alert(1)</script>"
                                       + png()[33:], "capture.png", "type_refused"),
    "pdf not at the start": (b"  %PDF-1.4\n%%EOF", "doc.pdf", "type_refused"),
    "zip": (_zip(), "photos.zip", "type_refused"),
    "gzip": (gzip.compress(b"x" * 1000), "photos.png", "type_refused"),
    "rar": (b"Rar!\x1a\x07\x01\x00" + b"\0" * 100, "photos.rar", "type_refused"),
    "7z": (b"7z\xbc\xaf\x27\x1c" + b"\0" * 100, "photos.7z", "type_refused"),
    "tar": (b"photo.png" + b"\0" * 248 + b"ustar\x0000" + b"\0" * 300, "a.tar",
            "type_refused"),
    "windows executable": (b"MZ\x90\x00\x03" + b"\0" * 600, "photo.jpg", "type_refused"),
    "elf": (b"\x7fELF\x02\x01\x01" + b"\0" * 600, "photo.jpg", "type_refused"),
    "matroska that is not webm": (_webm(b"matroska"), "video.webm", "type_refused"),
    "latin-1 text": ("café crème".encode("latin-1"), "note.txt", "type_refused"),
    "text with a NUL": (b"bonjour\0tout", "note.txt", "type_refused"),
    "decompression bomb": (_bomb(), "bombe.png", "image_unreadable"),
    "broken png": (png()[:60], "capture.png", "image_unreadable"),
    "zero bytes": (b"", "vide.png", "empty"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_files_are_refused_and_nothing_is_kept(db, data_dir, victim, case) -> None:
    data, name, code = HOSTILE[case]
    with refused(code):
        upload(victim, data, name, chunk=97)
    nothing_kept(db, data_dir)


def test_size_limits_per_kind_stop_the_stream_early(db, data_dir, victim,
                                                    monkeypatch) -> None:
    monkeypatch.setenv("ABRI_VAULT_IMAGE_MAX_MB", "1")
    from tests.factories import reset_caches

    reset_caches()
    read = []

    async def endless():
        yield png()[:100]
        while True:
            read.append(1)
            yield b"\0" * 65536

    with pytest.raises(vault.VaultError) as refusal:
        run_async(vault.receive_upload(victim, "grande.png", None, endless()))
    assert (refusal.value.code, refusal.value.limit_mb) == ("too_big", 1)
    assert len(read) <= 17  # stopped at the limit, not at the end
    nothing_kept(db, data_dir)


def test_a_declared_size_over_the_kinds_limit_is_refused_before_reading_it(
        db, data_dir, victim) -> None:
    with pytest.raises(vault.VaultError) as refusal:
        upload(victim, b"%PDF-1.4\n" + b"\0" * 600, "doc.pdf", declared=60 * MB)
    assert (refusal.value.code, refusal.value.limit_mb) == ("too_big", 50)
    nothing_kept(db, data_dir)


def test_the_quota_is_enforced_while_streaming(db, data_dir, victim, monkeypatch) -> None:
    monkeypatch.setenv("ABRI_VAULT_QUOTA_MB", "1")
    from tests.factories import reset_caches

    reset_caches()
    kept = upload(victim, b"%PDF-1.4\n" + b"x" * (600 * 1024), "a.pdf")
    files = vault_files(data_dir)
    with refused("quota_full"):
        upload(victim, b"%PDF-1.4\n" + b"x" * (600 * 1024), "b.pdf")
    with refused("quota_full"):  # said at once when the declared size is over
        upload(victim, b"%PDF-1.4\n", "c.pdf", declared=600 * 1024)
    db.expire_all()
    assert vault_files(data_dir) == files
    assert [i.id for i in vault.list_items(db, victim)] == [kept.id]
    assert vault.usage(db, victim).used_bytes == kept.size


def test_an_upload_cut_off_half_way_keeps_nothing(db, data_dir, victim) -> None:
    data = png((400, 400))

    class Gone(Exception):  # what Starlette raises when the client disconnects
        pass

    async def cut():
        yield data[:len(data) // 2]
        raise Gone

    with refused("cut_off"):
        run_async(vault.receive_upload(victim, "capture.png", None, cut()))
    with refused("cut_off"):  # or it simply ends before the size it announced
        upload(victim, data[:len(data) // 2], "capture.png", declared=len(data))
    nothing_kept(db, data_dir)


def test_a_cancelled_upload_keeps_nothing(db, data_dir, victim) -> None:
    async def slow():
        yield b"%PDF-1.4\n" + b"\0" * (2 * MB)
        await asyncio.sleep(10)
        yield b"never"

    async def run():
        task = asyncio.create_task(vault.receive_upload(victim, "doc.pdf", None, slow()))
        await asyncio.sleep(0.3)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    run_async(run())
    nothing_kept(db, data_dir)


@pytest.mark.parametrize(("name", "shown"), [
    ("../../etc/passwd.png", "passwd.png"),
    ("C:\\Users\\moi\\capture.png", "capture.png"),
    ("photo\u202egnp.exe", "photognp.exe"),
    ("\u2066abc\u2069\u200f.png", "abc.png"),
    ("line\nbreak\t.png", "linebreak.png"),
    ("", ""),
])
def test_file_names_keep_only_a_clean_display_name(db, data_dir, victim, name, shown) -> None:
    item = upload(victim, b"%PDF-1.4\n%%EOF\n", name)
    assert item.filename == shown
    download = vault.open_for_victim(db, victim, item.id, "original")
    assert download.filename.startswith('filename="') and ".pdf" in download.filename
    assert "/" not in download.filename.split(";")[0] and "\u202e" not in download.filename


def test_a_locked_session_uploads_nothing(db, data_dir, victim) -> None:
    import dataclasses

    with refused("locked"):
        upload(dataclasses.replace(victim, locked=True), png(), "capture.png")
    nothing_kept(db, data_dir)
