"""Key rotation: data keys re-wrapped under the new KEK, blobs untouched; once the old key
is gone from the keyring, everything in the safe still opens."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sqlmodel import select

from helpline import crypto, vault
from helpline.cli import main
from helpline.config import get_settings
from helpline.models import VaultBlob
from tests.helpline.vault.conftest import png, upload, vault_files


def _files(data_dir) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in vault_files(data_dir)}


def _drop_key(version: int) -> None:
    path = Path(get_settings().key_file)
    ring = json.loads(path.read_text())
    del ring["keys"][str(version)]
    path.write_text(json.dumps(ring))
    crypto.reset_caches()


def test_rotate_key_rewraps_without_rewriting_and_survives_the_old_keys_removal(
        db, data_dir, victim, counsellor, capsys) -> None:
    image = upload(victim, png((200, 100)), "capture.png")
    message = vault.add_message(db, victim, vault.MessageForm(
        text="tu vas voir", author="@moqueur", platform="tiktok", title="Menace"))
    link = vault.add_link(db, victim, vault.LinkForm(url="https://x.com/a"))
    incident = vault.add_incident(db, victim, "Le 3 mars", None)
    vault.describe(db, victim, image.id, vault.DetailsForm(title="Capture",
                                                          incident_id=incident.id))
    vault.share(db, victim, [image.id], "takedown")
    db.commit()
    before = _files(data_dir)
    old = crypto.keyring().current

    assert main(["rotate-key"]) == 0
    # the image, its two derivatives and the message (a link has no blob)
    assert "re-wrapped 4 data key(s)" in capsys.readouterr().out
    crypto.reset_caches()
    new = crypto.keyring().current
    assert new == old + 1
    db.expire_all()
    assert {b.key_version for b in db.exec(select(VaultBlob)).all()} == {new}
    assert _files(data_dir) == before  # not one blob rewritten

    _drop_key(old)
    db.expire_all()
    assert {i.title for i in vault.list_items(db, victim)} == {"Capture", "Menace", ""}
    detail = vault.item_detail(db, victim, message.id)
    assert (detail.text, detail.author, detail.platform) == ("tu vas voir", "@moqueur",
                                                             "tiktok")
    assert vault.item_detail(db, victim, link.id).url == "https://x.com/a"
    assert vault.incidents(db, victim)[0].title == "Le 3 mars"
    assert b"".join(vault.open_for_victim(db, victim, image.id, "original").chunks()) == \
        png((200, 100))
    assert b"".join(vault.open_for_staff(db, counsellor, image.id, "working").chunks())
    db.commit()
    assert vault.verify_custody(db) == []
    assert vault.rotate_key(db) == 0  # nothing left to re-wrap


def test_what_is_added_after_a_rotation_uses_the_new_key(db, victim, rotate_keyring) -> None:
    version = rotate_keyring()
    vault.add_message(db, victim, vault.MessageForm(text="après"))
    assert db.exec(select(VaultBlob)).one().key_version == version
