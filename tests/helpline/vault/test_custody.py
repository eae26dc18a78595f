"""The custody log: hash-chained per account; verify-custody recomputes the chains and
the items' hashes (decrypting their blobs) and names the first thing that does not match."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlmodel import select

from helpline import vault
from helpline.cli import main
from helpline.models import CustodyEntry, VaultBlob
from helpline.vault import custody
from tests.helpline.vault.conftest import png, upload, vault_files

FIELDS = ("account_id", "item_id", "action", "actor_kind", "actor_id", "item_sha256",
          "detail", "at", "prev_hash", "entry_hash")


def _chain(actions: list[str]) -> list[CustodyEntry]:
    entries, prev = [], custody.GENESIS
    start = datetime(2026, 3, 3, tzinfo=UTC)
    for n, action in enumerate(actions):
        entry = CustodyEntry(seq=n + 1, account_id="a" * 32, item_id=f"{n:032x}",
                             action=action, actor_kind="victim", actor_id="a" * 32,
                             item_sha256="f" * 64, detail="", at=start + timedelta(seconds=n),
                             prev_hash=prev)
        entry.entry_hash = custody.entry_hash(entry)
        prev = entry.entry_hash
        entries.append(entry)
    return entries


actions = st.lists(st.sampled_from(custody.ACTIONS), min_size=1, max_size=12)


@settings(max_examples=80, deadline=None)
@given(actions=actions)
def test_an_untouched_chain_verifies(actions) -> None:
    assert custody.first_break(_chain(actions)) is None


@settings(max_examples=120, deadline=None)
@given(data=st.data(), actions=actions)
def test_any_change_is_found_at_or_before_the_entry_changed(data, actions) -> None:
    entries = _chain(actions)
    index = data.draw(st.integers(0, len(entries) - 1))
    how = data.draw(st.sampled_from(("field", "drop", "swap", "insert")))
    target = entries[index]
    if how == "field":
        field = data.draw(st.sampled_from(FIELDS))
        value = getattr(target, field)
        if field == "at":
            setattr(target, field, value + timedelta(microseconds=1))
        elif field == "action":
            setattr(target, field, next(a for a in custody.ACTIONS if a != value))
        else:
            setattr(target, field, (value or "") + "0")
        tampered = entries
    elif how == "drop":
        tampered = entries[:index] + entries[index + 1:]
        if not tampered:  # an account with no entries at all: nothing to verify
            return
    elif how == "swap":
        if len(entries) < 2:
            return
        other = data.draw(st.integers(0, len(entries) - 1).filter(lambda i: i != index))
        tampered = list(entries)
        tampered[index], tampered[other] = tampered[other], tampered[index]
        index = min(index, other)
    else:
        forged = _chain(actions)[index]
        forged.detail = "forged"
        tampered = [*entries[:index], forged, *entries[index:]]
    found = custody.first_break(tampered)
    if how == "drop" and index == len(entries) - 1:
        assert found is None  # the newest entry removed: the chain still links...
        return  # ...which is why verify also checks the items against their captures
    assert found is not None and tampered.index(found) <= index


def test_every_action_is_logged_with_its_actor_and_hash(db, victim, counsellor) -> None:
    item = upload(victim, png(), "capture.png")
    vault.item_detail(db, victim, item.id)
    vault.share(db, victim, [item.id], "counselling")
    vault.open_for_staff(db, counsellor, item.id, "working")
    vault.open_for_victim(db, victim, item.id, "original")
    vault.withdraw(db, victim, item.id)
    vault.delete_item(db, victim, item.id)
    entries = custody.chain(db, victim.victim_id)
    on_item = [(e.action, e.actor_kind) for e in entries if e.item_id == item.id]
    assert on_item == [("capture", "victim"), ("view", "victim"), ("share", "victim"),
                       ("download", "victim"), ("unshare", "victim"), ("delete", "victim")]
    assert {e.action for e in entries} >= {"capture", "view", "delete"}
    assert any(e.actor_kind == "staff" and e.actor_id == str(counsellor.staff_id)
               for e in entries)
    assert all(e.item_sha256 for e in entries)
    assert entries[0].prev_hash == custody.GENESIS
    assert all(b.prev_hash == a.entry_hash for a, b in itertools.pairwise(entries))


def _filled(db, victim, other):
    image = upload(victim, png((300, 200)), "capture.png")
    message = vault.add_message(db, victim, vault.MessageForm(text="preuve"))
    vault.add_link(db, other, vault.LinkForm(url="https://t.me/x"))
    vault.share(db, victim, [message.id], "report")
    db.commit()
    assert vault.verify_custody(db) == []
    assert main(["verify-custody"]) == 0
    return image, message


def test_verify_custody_catches_a_changed_blob_byte(db, data_dir, victim, other,
                                                    capsys) -> None:
    image, _ = _filled(db, victim, other)
    blob = db.exec(select(VaultBlob).where(VaultBlob.item_id == image.id)).one()
    path = next(p for p in vault_files(data_dir) if p.name == blob.id)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    assert vault.verify_custody(db) == [
        f"account {victim.victim_id}: item {image.id}: its blob is missing or does not "
        "open (changed or cut)"]
    assert main(["verify-custody"]) == 1
    assert image.id in capsys.readouterr().err


def test_verify_custody_catches_a_changed_row(db, victim, other, capsys) -> None:
    _, message = _filled(db, victim, other)
    share = db.exec(select(CustodyEntry).where(CustodyEntry.action == "share")).one()
    db.connection().execute(text("UPDATE custody_entry SET detail = 'counselling' "
                                 "WHERE seq = :seq"), {"seq": share.seq})
    db.commit()
    db.expire_all()
    assert vault.verify_custody(db) == [
        f"account {victim.victim_id}: custody entry #{share.seq} (share, item "
        f"{message.id}) does not match its chain"]
    assert main(["verify-custody"]) == 1
    assert f"#{share.seq}" in capsys.readouterr().err


def test_verify_custody_catches_an_item_whose_hash_was_rewritten(db, victim, other) -> None:
    _, message = _filled(db, victim, other)
    db.connection().execute(text("UPDATE vault_item SET sha256 = :h WHERE id = :id"),
                            {"h": "0" * 64, "id": message.id})
    db.commit()
    db.expire_all()
    [finding] = vault.verify_custody(db)
    assert message.id in finding and "SHA-256" in finding


def test_a_removed_blob_is_found(db, data_dir, victim, other) -> None:
    _, message = _filled(db, victim, other)
    blob = db.exec(select(VaultBlob).where(VaultBlob.item_id == message.id)).one()
    next(p for p in vault_files(data_dir) if p.name == blob.id).unlink()
    assert message.id in vault.verify_custody(db)[0]


def test_showing_thumbnails_logs_nothing(db, victim) -> None:
    item = upload(victim, png(), "capture.png")
    before = len(custody.chain(db, victim.victim_id))
    for _ in range(3):
        vault.open_for_victim(db, victim, item.id, "thumbnail")
    assert len(custody.chain(db, victim.victim_id)) == before
    vault.open_for_victim(db, victim, item.id, "working")
    assert custody.chain(db, victim.victim_id)[-1].action == "download"


def test_concurrent_appends_to_one_chain_never_fork(db, victim) -> None:
    """Several threads appending to the same account's chain at once, each in its own
    transaction: every entry links to the one before."""
    from concurrent.futures import ThreadPoolExecutor

    from helpline.db import session_scope

    item = vault.add_message(db, victim, vault.MessageForm(text="vue souvent"))
    db.commit()

    def view(_n: int) -> None:
        with session_scope() as session:
            vault.item_detail(session, victim, item.id)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(view, range(24)))
    db.expire_all()
    entries = custody.chain(db, victim.victim_id)
    assert len(entries) == 25 and custody.first_break(entries) is None
