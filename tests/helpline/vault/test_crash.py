"""Crash safety and memory: bytes are on disk before their row commits, a crash leaves at
worst a stray file the sweep removes, and a large upload never sits whole in memory."""

from __future__ import annotations

import asyncio
import os
import struct
import time
import tracemalloc

import pytest
from sqlalchemy import func
from sqlmodel import select

from helpline import vault
from helpline.jobs import housekeeping
from helpline.models import VaultBlob, VaultItem
from helpline.vault import blobs
from helpline.vault import upload as upload_module
from tests.factories import run_async
from tests.helpline.vault.conftest import png, upload, vault_files

MB = 1024 * 1024


def _age(paths, seconds: float = 2 * blobs.SWEEP_GRACE_SECONDS) -> None:
    then = time.time() - seconds
    for path in paths:
        os.utime(path, (then, then))


class Killed(BaseException):
    """The process dies here: nothing after it runs, no clean-up either."""


def test_a_kill_between_rename_and_commit_leaves_a_stray_blob_the_sweep_removes(
        db, data_dir, victim, monkeypatch) -> None:
    kept = upload(victim, png(), "gardée.png")
    kept_files = vault_files(data_dir)

    def die(self, *_args):
        raise Killed

    monkeypatch.setattr(upload_module._Upload, "commit", die)
    monkeypatch.setattr(upload_module._Upload, "discard", lambda self: None)
    with pytest.raises(Killed):
        upload(victim, png((90, 90), "green"), "perdue.png")
    monkeypatch.undo()
    strays = [p for p in vault_files(data_dir) if p not in kept_files]
    assert len(strays) == 3  # the original and its derivatives, renamed into place
    db.expire_all()
    assert db.exec(select(func.count()).select_from(VaultItem)).one() == 3  # only kept's

    assert vault.sweep_orphans(db) == 0  # too young: could be an upload still committing
    _age(strays)
    assert housekeeping.sweep_vault.call_local() == 3
    assert vault_files(data_dir) == kept_files
    assert vault.verify_custody(db) == []
    assert b"".join(vault.open_for_victim(db, victim, kept.id, "original").chunks()) == png()


def test_a_failed_rename_commits_no_row(db, data_dir, victim, monkeypatch) -> None:
    def full_disk(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(blobs.os, "replace", full_disk)
    with pytest.raises(OSError):
        upload(victim, b"%PDF-1.4\n%%EOF\n", "doc.pdf")
    monkeypatch.undo()
    db.expire_all()
    assert db.exec(select(func.count()).select_from(VaultItem)).one() == 0
    assert vault_files(data_dir) == []


def test_every_row_has_its_blob(db, data_dir, victim) -> None:
    upload(victim, png(), "a.png")
    vault.add_message(db, victim, vault.MessageForm(text="b"))
    db.commit()
    names = {p.name for p in vault_files(data_dir)}
    assert {b.id for b in db.exec(select(VaultBlob)).all()} == names


def test_the_sweep_removes_old_temporary_files_only(db, data_dir, victim) -> None:
    old, fresh = blobs.TempBlob(), blobs.TempBlob()
    for temp in (old, fresh):
        temp.file.write(b"half an upload")
        temp.file.close()
    _age([old.path])
    assert vault.sweep_orphans(db) == 1
    assert not old.path.exists() and fresh.path.exists()


def _mp4_stream(total: int, chunk: int = 64 * 1024):
    box = b"ftypisom\0\0\0\0isomiso2mp41"
    head = struct.pack(">I", len(box) + 4) + box
    block = os.urandom(chunk)

    async def chunks():
        yield head
        sent = len(head)
        while sent < total:
            part = block[:min(chunk, total - sent)]
            sent += len(part)
            yield part
    return chunks()


def test_a_20_mib_video_never_sits_in_memory(db, data_dir, victim) -> None:
    total = 20 * MB
    tracemalloc.start()
    try:
        item = run_async(vault.receive_upload(victim, "video.mp4", total, _mp4_stream(total)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (item.kind, item.size) == ("video", total)
    assert peak < 8 * MB, f"peak {peak / MB:.1f} MiB"
    tracemalloc.start()
    try:
        read = 0
        for part in vault.open_for_victim(db, victim, item.id, "original").chunks():
            read += len(part)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert read == total and peak < 2 * MB


def test_several_files_at_once_all_land_with_one_unbroken_chain(db, data_dir, victim) -> None:
    from helpline.vault import custody
    from tests.helpline.vault.conftest import stream

    async def many():
        return await asyncio.gather(*(
            vault.receive_upload(victim, f"{n}.png", None, stream(png((50 + n, 50)), 500))
            for n in range(6)))

    items = run_async(many())
    assert len({i.id for i in items}) == 6
    assert len(vault.list_items(db, victim)) == 6 and len(vault_files(data_dir)) == 18
    assert custody.first_break(custody.chain(db, victim.victim_id)) is None
    assert vault.verify_custody(db) == []
