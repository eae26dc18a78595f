"""The signed dossier: three items verify offline with the public key alone; a flipped
byte, an added, removed or renamed file, another key or a touched manifest fail, and
the failure names what changed. Exports are in the custody log."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlmodel import select

from helpline import vault
from helpline.cli import main as cli
from helpline.config import get_settings
from helpline.keys import _parse, load_keyring, write_keyring
from helpline.models import CustodyEntry
from helpline.vault import dossier
from tests.helpline.vault.conftest import jpeg_with_gps, upload


@pytest.fixture
def made(db, victim, tmp_path) -> tuple[Path, bytes, list[str]]:
    photo = upload(victim, jpeg_with_gps(), name="insulte.jpg")
    note = vault.add_message(db, victim, vault.MessageForm(text="« tu vas voir » — 22 h"))
    link = vault.add_link(db, victim, vault.LinkForm(url="https://example.org/post/1"))
    db.commit()
    ids = [photo.id, note.id, link.id]
    built = dossier.export_for_victim(db, victim, ids, locale="fr")
    db.commit()
    target = tmp_path / "dossier.zip"
    shutil.copyfile(built.path, target)
    built.discard()
    return target, dossier.public_key_pem(), ids


def _copy(src: Path, tmp_path: Path, name: str = "copy.zip") -> Path:
    target = tmp_path / name
    shutil.copyfile(src, target)
    return target


def _rewrite(src: Path, dst: Path, change) -> None:
    """Copy the ZIP entry by entry; ``change(name, data)`` returns (name, data) or None."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            found = change(info.filename, zin.read(info.filename))
            if found is not None:
                zout.writestr(found[0], found[1])


def test_a_dossier_of_three_items_verifies_with_the_public_key_alone(made) -> None:
    path, pem, ids = made
    result = dossier.verify(path, public_key=pem)
    assert result.ok, result.problems
    assert result.items == 3
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        manifest = json.loads(zf.read("manifest.json"))
        assert zf.read("report.pdf").startswith(b"%PDF")
    assert {"manifest.json", "manifest.sig", "report.pdf", "SHA256SUMS"} <= set(names)
    assert [i["id"] for i in manifest["items"]] == ids
    photo = manifest["items"][0]
    assert any(f.endswith("/original.jpg") for f in photo["files"])
    assert any(f.endswith("/working.jpg") for f in photo["files"])
    assert {"capture", "export"} <= {e["action"] for e in photo["custody"]}
    assert manifest["exporter"] == {"kind": "victim"}
    assert manifest["exported_at"].endswith("+00:00")


def test_the_export_is_in_the_custody_log(db, made) -> None:
    _path, _pem, ids = made
    exported = db.exec(select(CustodyEntry).where(CustodyEntry.action == "export")).all()
    assert set(ids) <= {e.item_id for e in exported}
    assert vault.verify_custody(db) == []  # the export entries extend the chain


def test_the_original_in_the_dossier_is_the_uploaded_bytes(made) -> None:
    path, _pem, _ids = made
    with zipfile.ZipFile(path) as zf:
        original = next(n for n in zf.namelist() if n.endswith("original.jpg"))
        assert zf.read(original) == jpeg_with_gps()


def test_one_flipped_byte_fails_and_names_the_file(made, tmp_path) -> None:
    path, pem, _ids = made
    copy = _copy(path, tmp_path)
    with zipfile.ZipFile(copy) as zf:
        info = next(i for i in zf.infolist() if i.filename.endswith("original.jpg"))
    raw = bytearray(copy.read_bytes())
    name_len = int.from_bytes(raw[info.header_offset + 26:info.header_offset + 28], "little")
    extra_len = int.from_bytes(raw[info.header_offset + 28:info.header_offset + 30], "little")
    at = info.header_offset + 30 + name_len + extra_len + 100
    raw[at] ^= 0x01
    copy.write_bytes(bytes(raw))
    result = dossier.verify(copy, public_key=pem)
    assert not result.ok
    assert any(info.filename in p and "changed" in p for p in result.problems), result.problems


def test_a_changed_file_with_a_fixed_crc_still_fails_on_its_hash(made, tmp_path) -> None:
    path, pem, _ids = made
    copy = tmp_path / "recrc.zip"
    _rewrite(path, copy, lambda n, d: (n, d.replace(b"tu vas voir", b"tu vas rire"))
             if n.endswith("original.txt") else (n, d))
    result = dossier.verify(copy, public_key=pem)
    assert not result.ok
    assert any("original.txt: changed" in p for p in result.problems), result.problems


@pytest.mark.parametrize("how", ["added", "removed", "renamed"])
def test_an_added_removed_or_renamed_file_fails_and_says_which(made, tmp_path, how) -> None:
    path, pem, _ids = made
    copy = tmp_path / f"{how}.zip"
    victim_file = "report.pdf"
    if how == "added":
        def change(n, d):
            return (n, d)
        _rewrite(path, copy, change)
        with zipfile.ZipFile(copy, "a") as zf:
            zf.writestr("items/extra.txt", b"not from the helpline")
        expected = "items/extra.txt: not in the manifest"
    elif how == "removed":
        _rewrite(path, copy, lambda n, d: None if n == victim_file else (n, d))
        expected = f"{victim_file}: missing"
    else:
        _rewrite(path, copy, lambda n, d: ("rapport.pdf", d) if n == victim_file else (n, d))
        expected = "rapport.pdf: not in the manifest"
    result = dossier.verify(copy, public_key=pem)
    assert not result.ok
    assert any(expected in p for p in result.problems), result.problems
    if how == "renamed":
        assert any(f"{victim_file}: missing" in p for p in result.problems)


def test_another_public_key_fails(made) -> None:
    path, _pem, _ids = made
    other = Ed25519PrivateKey.generate().public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    result = dossier.verify(path, public_key=other)
    assert not result.ok
    assert "manifest.json: the signature does not match" in result.problems[0]


def test_a_touched_manifest_fails(made, tmp_path) -> None:
    path, pem, _ids = made
    copy = tmp_path / "manifest.zip"

    def change(n, d):
        if n == "manifest.json":
            data = json.loads(d)
            data["items"][0]["title"] = "autre chose"
            return n, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode()
        return n, d
    _rewrite(path, copy, change)
    result = dossier.verify(copy, public_key=pem)
    assert not result.ok
    assert "signature does not match" in result.problems[0]


def test_the_command_verifies_offline_and_exits_1_on_a_change(made, tmp_path) -> None:
    path, pem, _ids = made
    key = tmp_path / "key.pem"
    key.write_bytes(pem)
    assert cli(["verify-dossier", str(path), "--public-key", str(key)]) == 0
    copy = tmp_path / "bad.zip"
    _rewrite(path, copy, lambda n, d: None if n.endswith("original.jpg") else (n, d))
    assert cli(["verify-dossier", str(copy), "--public-key", str(key)]) == 1


def test_the_command_needs_neither_database_nor_keyring(made, tmp_path) -> None:
    path, pem, _ids = made
    key = tmp_path / "key.pem"
    key.write_bytes(pem)
    env = {"PATH": "/usr/bin:/bin", "ABRI_DATABASE_URL": "sqlite:////nonexistent/x.db",
           "ABRI_KEY_FILE": "/nonexistent/keyring.json", "ABRI_ENV": "production"}
    done = subprocess.run([sys.executable, "-m", "helpline", "verify-dossier", str(path),
                           "--public-key", str(key)], env=env, capture_output=True,
                          text=True, cwd=Path(__file__).parents[3], check=False)
    assert done.returncode == 0, done.stderr
    assert "OK" in done.stdout


def test_openssl_and_sha256sum_verify_it_without_abri(made, tmp_path) -> None:
    path, pem, _ids = made
    if not shutil.which("openssl") or not shutil.which("sha256sum"):
        pytest.skip("openssl or sha256sum missing")
    (tmp_path / "key.pem").write_bytes(pem)
    out = tmp_path / "x"
    with zipfile.ZipFile(path) as zf:
        zf.extractall(out)
    signed = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey",
                             str(tmp_path / "key.pem"), "-rawin", "-in", "manifest.json",
                             "-sigfile", "manifest.sig"], cwd=out, capture_output=True,
                            text=True, check=False)
    assert signed.returncode == 0, signed.stdout + signed.stderr
    sums = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=out, capture_output=True,
                          check=False)
    assert sums.returncode == 0


def test_someone_elses_item_is_not_found(db, victim, other) -> None:
    mine = vault.add_message(db, victim, vault.MessageForm(text="à moi"))
    db.commit()
    with pytest.raises(vault.VaultError, match=r"^not_found$"):
        dossier.export_for_victim(db, other, [mine.id])


def test_an_old_keyring_gets_a_signing_key_in_local_mode(db) -> None:
    path = Path(get_settings().key_file)
    load_keyring(get_settings())  # made on first start, as the app does
    ring = _parse(path.read_text(), path)
    write_keyring(path, type(ring)(current=ring.current, keys=ring.keys,
                                   generated=ring.generated))
    assert "signing" not in json.loads(path.read_text())
    pem = dossier.public_key_pem()
    stored = json.loads(path.read_text())
    assert stored["signing"] and stored["keys"] == json.loads(path.read_text())["keys"]
    assert dossier.public_key_pem() == pem  # kept, not regenerated
