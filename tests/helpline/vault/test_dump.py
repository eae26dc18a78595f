"""A copy of the data folder (database with its WAL, blob store) without the key shows
nothing of what is in the safe: no file's bytes, message, title, handle, address, file
name or incident."""

from __future__ import annotations

import io

from PIL import Image, PngImagePlugin

from helpline import vault
from tests.helpline.test_dump import _every_row_but_the_rules, _folder_without_key
from tests.helpline.vault.conftest import upload

MARK = "repere-secret-9z"


def _png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", f"{MARK} dans le fichier")
    out = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(out, "PNG", pnginfo=info)
    return out.getvalue()


def test_a_dump_without_the_key_shows_nothing_of_the_safe(db, data_dir, victim) -> None:
    image = upload(victim, _png_with_text(), f"{MARK}-photo.png")
    text_file = upload(victim, f"journal : {MARK}\n".encode(), "journal.txt")
    message = vault.add_message(db, victim, vault.MessageForm(
        text=f"il a dit {MARK}-message", author=f"@{MARK}-handle", platform="instagram"))
    vault.describe(db, victim, image.id, vault.DetailsForm(
        title=f"{MARK}-titre", author=f"@{MARK}-auteur", description=f"{MARK}-description"))
    vault.add_link(db, victim, vault.LinkForm(url=f"https://instagram.com/{MARK}-lien",
                                              description=f"{MARK}-quoi"))
    vault.add_incident(db, victim, f"{MARK}-incident", None)
    db.commit()
    assert vault.item_detail(db, victim, message.id).text.endswith(f"{MARK}-message")
    assert b"".join(vault.open_for_victim(db, victim, text_file.id, "original").chunks()) \
        .startswith(b"journal")  # with the key, all of it is there

    dump = _folder_without_key(data_dir)
    assert image.id.encode() in dump and b"instagram" not in dump  # really read; sealed
    assert (data_dir / "abri.db-wal").stat().st_size > 0  # the WAL is in the dump
    for marker in (MARK, MARK.encode("utf-16-le").decode("latin-1")):
        assert marker.encode("latin-1") not in dump
    rows = _every_row_but_the_rules(db)
    assert image.id.encode() in rows and MARK.encode() not in rows
    assert b"instagram" not in rows  # the platform is sealed (and padded) too
