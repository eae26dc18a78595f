"""What Abri writes under its data folder is its owner's alone: folders 0700, files
0600, whatever the umask; what an earlier version left open is closed at start-up."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session

from helpline import crypto, migrations
from helpline.db import get_engine
from helpline.keys import generate_keyring, write_keyring
from helpline.models import Victim
from tests.factories import reset_caches


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o000], ids=["umask-022", "umask-000"])
def umask(request) -> Iterator[int]:
    before = os.umask(request.param)
    yield request.param
    os.umask(before)


@pytest.fixture
def fresh(data_dir: Path, monkeypatch) -> Path:
    """A data folder that does not exist yet, two levels down."""
    folder = data_dir / "new" / "data"
    monkeypatch.setenv("ABRI_DATA_DIR", str(folder))
    reset_caches()
    return folder


def test_everything_abri_creates_is_owner_only(fresh: Path, umask) -> None:
    migrations.upgrade()
    with Session(get_engine()) as db:  # a write leaves the -wal and -shm behind
        db.add(Victim())
        db.commit()
        crypto.keyring()
        for name in ("abri.db", "abri.db-wal", "abri.db-shm", "abri.key"):
            assert _mode(fresh / name) == 0o600, name
        assert {p.name for p in fresh.iterdir()} == {
            "abri.db", "abri.db-wal", "abri.db-shm", "abri.key", "blobs"}
    for folder in (fresh, fresh / "blobs", fresh.parent):
        assert _mode(folder) == 0o700, folder


def test_what_was_left_open_is_closed_at_start_up_with_a_warning(fresh: Path, caplog) -> None:
    (fresh / "blobs" / "old").mkdir(parents=True)
    for folder in (fresh, fresh / "blobs", fresh / "blobs" / "old"):
        folder.chmod(0o755)
    for name in ("abri.db", "blobs/old/item"):
        (fresh / name).write_bytes(b"")
        (fresh / name).chmod(0o644)
    write_keyring(fresh / "abri.key", generate_keyring())
    (fresh / "abri.key").chmod(0o644)
    os.symlink(fresh / "abri.key", fresh / "blobs" / "link")
    (fresh / "notes.txt").write_text("the operator's own")  # not Abri's: left as it is
    (fresh / "notes.txt").chmod(0o644)
    with caplog.at_level(logging.WARNING, logger="abri.config"):
        get_engine()
    for path in (fresh, fresh / "blobs", fresh / "blobs" / "old"):
        assert _mode(path) == 0o700, path
    for path in (fresh / "abri.db", fresh / "blobs/old/item", fresh / "abri.key"):
        assert _mode(path) == 0o600, path
    assert _mode(fresh / "notes.txt") == 0o644
    assert "Made owner-only" in caplog.text and "abri.key" in caplog.text
    caplog.clear()
    reset_caches()
    get_engine()
    assert "Made owner-only" not in caplog.text  # nothing left to close: no warning


def test_a_key_kept_elsewhere_is_closed_when_loaded(fresh: Path, tmp_path: Path,
                                                    monkeypatch, caplog) -> None:
    key = tmp_path / "etc" / "abri.key"
    write_keyring(key, generate_keyring())
    assert _mode(key) == 0o600 and _mode(key.parent) == 0o700
    key.chmod(0o640)
    monkeypatch.setenv("ABRI_KEY_FILE", str(key))
    reset_caches()
    with caplog.at_level(logging.WARNING, logger="abri.config"):
        crypto.keyring()
    assert _mode(key) == 0o600 and str(key) in caplog.text
