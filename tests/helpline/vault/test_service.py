"""The victim's safe: messages, links, details, incidents, filters, shares, deletion —
and every read and write stays inside the caller's own account."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from helpline import chat, vault
from helpline.identity import victims
from helpline.models import CustodyEntry, VaultBlob, VaultItem
from tests.factories import OPEN_AT
from tests.helpline.vault.conftest import png, refused, upload, vault_files

PASTED = "  Il a écrit :\r\n\u202e«\u00a0t'es mort·e\u00a0» \u200b😡  \n"


def test_a_message_is_kept_byte_for_byte_and_hashed(db, victim) -> None:
    form = vault.MessageForm.from_form({"text": PASTED, "author": " @moqueur\u202e ",
                                        "platform": "snapchat",
                                        "seen_at": "2026-03-03T21:15"})
    item = vault.add_message(db, victim, form)
    assert item.sha256 == hashlib.sha256(PASTED.encode()).hexdigest()
    assert item.size == len(PASTED.encode())
    detail = vault.item_detail(db, victim, item.id)
    assert detail.text == PASTED  # nothing stripped, normalised or removed
    assert (detail.author, detail.platform) == ("@moqueur", "snapchat")
    assert detail.happened_at == datetime(2026, 3, 3, 20, 15, tzinfo=UTC)  # Paris → UTC
    download = vault.open_for_victim(db, victim, item.id, "original")
    assert b"".join(download.chunks()) == PASTED.encode()


@pytest.mark.parametrize(("form", "code"), [
    ({"text": "   \n"}, "empty"),
    ({"text": ["not", "text"]}, "invalid"),
    ({"text": "x", "platform": "myspace"}, "invalid"),
    ({"text": "x", "seen_at": "hier soir"}, "invalid"),
    ({"text": "x", "author": "a" * 201}, "too_long"),
])
def test_message_forms_refuse_what_no_page_sends(db, victim, form, code) -> None:
    with refused(code):
        vault.add_message(db, victim, vault.MessageForm.from_form(form))


def test_a_message_over_the_text_limit_is_refused(db, victim, monkeypatch) -> None:
    monkeypatch.setenv("ABRI_VAULT_TEXT_MAX_MB", "1")
    from tests.factories import reset_caches

    reset_caches()
    with pytest.raises(vault.VaultError) as refusal:
        vault.add_message(db, victim, vault.MessageForm(text="é" * (600 * 1024)))
    assert (refusal.value.code, refusal.value.limit_mb) == ("too_big", 1)


@pytest.mark.parametrize(("url", "slug"), [
    ("https://www.instagram.com/p/abc/", "instagram"), ("https://vm.tiktok.com/x", "tiktok"),
    ("https://www.snapchat.com/add/x", "snapchat"), ("https://wa.me/33600000000", "whatsapp"),
    ("https://youtu.be/dQw4w9WgXcQ", "youtube"), ("https://m.youtube.com/watch?v=1", "youtube"),
    ("https://x.com/someone/status/1", "x"), ("https://twitter.com/a", "x"),
    ("https://www.facebook.com/groups/1", "facebook"), ("https://discord.gg/abc", "discord"),
    ("https://www.twitch.tv/x", "twitch"), ("https://t.me/channel", "telegram"),
    ("https://old.reddit.com/r/x", "reddit"), ("https://example.org/", "other"),
    ("https://notinstagram.com/", "other"), ("instagram.com/p/1", "instagram"),
    ("not a url at all", "other"),
])
def test_the_platform_is_guessed_from_the_address(url, slug) -> None:
    assert vault.guess_platform(url) == slug
    assert slug in vault.PLATFORMS


def test_a_link_is_stored_with_its_guessed_or_chosen_platform(db, victim) -> None:
    url = "https://www.tiktok.com/@moqueur/video/42"
    guessed = vault.add_link(db, victim, vault.LinkForm.from_form(
        {"url": url, "description": "la vidéo"}))
    chosen = vault.add_link(db, victim, vault.LinkForm.from_form(
        {"url": url, "platform": "other"}))
    assert (guessed.kind, guessed.platform, chosen.platform) == ("link", "tiktok", "other")
    assert guessed.sha256 == hashlib.sha256(url.encode()).hexdigest()
    assert vault.item_detail(db, victim, guessed.id).url == url
    with refused("not_found"):  # a link has no bytes to download
        vault.open_for_victim(db, victim, guessed.id, "original")
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "https://", "ftp://x.org/a"):
        with refused("invalid"):
            vault.add_link(db, victim, vault.LinkForm.from_form({"url": bad}))


def test_details_incidents_and_filters(db, victim) -> None:
    first = vault.add_message(db, victim, vault.MessageForm(text="un"))
    second = vault.add_link(db, victim, vault.LinkForm(url="https://instagram.com/p/1"))
    march = vault.add_incident(db, victim, "Ce qui s'est passé le 3 mars", date(2026, 3, 3))
    detail = vault.describe(db, victim, first.id, vault.DetailsForm.from_form({
        "title": "Capture\u202e du groupe", "platform": "whatsapp", "happened_at":
        "2026-03-03T08:00", "author": "@x", "description": "ligne 1\r\nligne 2\x07",
        "incident_id": march.id}))
    assert (detail.title, detail.platform, detail.author, detail.description) == (
        "Capture du groupe", "whatsapp", "@x", "ligne 1\nligne 2")
    assert [i.id for i in vault.list_items(db, victim)] == [second.id, first.id]  # newest
    assert [i.id for i in vault.list_items(db, victim, incident_id=march.id)] == [first.id]
    assert [i.id for i in vault.list_items(db, victim, platform="instagram")] == [second.id]
    assert [(i.title, i.happened_on, i.item_count) for i in vault.incidents(db, victim)] == [
        ("Ce qui s'est passé le 3 mars", date(2026, 3, 3), 1)]
    for bad in ({"incident_id": "x" * 32}, {"platform": "minitel"}):
        with pytest.raises(vault.VaultError):
            vault.describe(db, victim, first.id, vault.DetailsForm.from_form(bad))


def test_shares_are_per_item_and_purpose_and_withdrawable(db, victim, counsellor) -> None:
    one = vault.add_message(db, victim, vault.MessageForm(text="un"))
    two = vault.add_message(db, victim, vault.MessageForm(text="deux"))
    kept = vault.add_message(db, victim, vault.MessageForm(text="privé"))
    made = vault.share(db, victim, [one.id, two.id], "takedown")
    again = vault.share(db, victim, [one.id], "takedown")  # already shared that way
    assert again[0].id == made[0].id
    vault.share(db, victim, [one.id], "report")
    shown = vault.shared_with_helpline(db, counsellor, victim.victim_id)
    assert {s.id for s in shown} == {one.id, two.id}
    assert {s.id: s.purpose for s in shown}[one.id] == "report"  # the latest
    vault.withdraw(db, victim, one.id)
    assert [s.id for s in vault.shared_with_helpline(db, counsellor, victim.victim_id)] == [
        two.id]
    detail = vault.item_detail(db, victim, one.id)
    assert not detail.shared and all(s.withdrawn_at for s in detail.shares)
    assert kept.id not in {s.id for s in vault.shared_with_helpline(db, counsellor,
                                                                    victim.victim_id)}
    with refused("not_found"):
        vault.open_for_staff(db, counsellor, one.id, "working")
    with refused("invalid"):
        vault.share(db, victim, [two.id], "gossip")
    with refused("invalid"):
        vault.share(db, victim, [], "report")


def test_attaching_to_a_chat_needs_ones_own_conversation(db, victim, other) -> None:
    item = vault.add_message(db, victim, vault.MessageForm(text="pièce jointe"))
    mine = chat.open_conversation(db, victim, topics=[], urgency=0, consent=True, now=OPEN_AT)
    theirs = chat.open_conversation(db, other, topics=[], urgency=0, consent=True, now=OPEN_AT)
    [shared] = vault.share(db, victim, [item.id], "counselling", mine.id)
    assert shared.conversation_id == mine.id
    with refused("not_found"):
        vault.share(db, victim, [item.id], "counselling", theirs.id)


def test_nobody_reaches_another_accounts_item(db, victim, other) -> None:
    """Read, describe, share, withdraw, download, delete: another account's item is
    not_found, exactly like one that never existed."""
    mine = vault.add_message(db, victim, vault.MessageForm(text="à moi"))
    made_up = "0" * 32
    for item_id in (mine.id, made_up, 42, None, "x" * 1000):
        for attempt in (
            lambda i=item_id: vault.item_detail(db, other, i),
            lambda i=item_id: vault.describe(db, other, i, vault.DetailsForm()),
            lambda i=item_id: vault.share(db, other, [i], "report"),
            lambda i=item_id: vault.withdraw(db, other, i),
            lambda i=item_id: vault.open_for_victim(db, other, i, "original"),
            lambda i=item_id: vault.delete_item(db, other, i),
        ):
            with refused("not_found"):
                attempt()
    assert vault.list_items(db, other) == []
    assert [i.id for i in vault.list_items(db, victim)] == [mine.id]
    incident = vault.add_incident(db, victim, "Le mien", None)
    with refused("not_found"):
        vault.describe(db, other, vault.add_message(
            db, other, vault.MessageForm(text="x")).id,
            vault.DetailsForm(incident_id=incident.id))


def test_deleting_shreds_the_key_the_blob_and_the_derivatives(db, data_dir, victim,
                                                              counsellor) -> None:
    image = upload(victim, png((500, 500)), "capture.png")
    message = vault.add_message(db, victim, vault.MessageForm(text="reste"))
    vault.share(db, victim, [image.id], "counselling")
    db.commit()
    assert len(vault_files(data_dir)) == 4
    vault.delete_item(db, victim, image.id)
    db.commit()
    db.expire_all()
    assert [i.id for i in vault.list_items(db, victim)] == [message.id]
    assert db.exec(select(VaultItem).where(VaultItem.parent_id == image.id)).all() == []
    assert len(db.exec(select(VaultBlob)).all()) == 1
    assert len(vault_files(data_dir)) == 1
    assert vault.shared_with_helpline(db, counsellor, victim.victim_id) == []
    deleted = db.exec(select(CustodyEntry).where(CustodyEntry.action == "delete")).all()
    assert len(deleted) == 3 and deleted[0].item_sha256 == image.sha256
    assert vault.verify_custody(db) == []


def test_a_rolled_back_deletion_keeps_the_blob(db, data_dir, victim) -> None:
    item = vault.add_message(db, victim, vault.MessageForm(text="gardé"))
    db.commit()
    vault.delete_item(db, victim, item.id)
    db.rollback()
    assert len(vault_files(data_dir)) == 1
    assert vault.item_detail(db, victim, item.id).text == "gardé"


def test_a_rolled_back_message_leaves_no_blob(db, data_dir, victim) -> None:
    vault.add_message(db, victim, vault.MessageForm(text="jamais enregistré"))
    assert len(vault_files(data_dir)) == 1  # on disk before the row commits
    db.rollback()
    assert vault_files(data_dir) == []


def test_empty_vault_and_erasing_the_account_shred_everything(db, data_dir, victim,
                                                              other) -> None:
    upload(victim, png(), "a.png")
    vault.add_message(db, victim, vault.MessageForm(text="b"))
    vault.add_link(db, victim, vault.LinkForm(url="https://x.com/a"))
    theirs = vault.add_message(db, other, vault.MessageForm(text="à l'autre"))
    db.commit()
    assert vault.empty_vault(db, victim) == 3
    db.commit()
    assert vault.list_items(db, victim) == [] and len(vault_files(data_dir)) == 1
    vault.add_message(db, victim, vault.MessageForm(text="encore"))
    vault.add_incident(db, victim, "mars", None)
    db.commit()
    victims.erase(db, victim)
    db.commit()
    db.expire_all()
    assert db.exec(select(VaultItem).where(VaultItem.victim_id == victim.victim_id)).all() == []
    assert len(vault_files(data_dir)) == 1
    assert [i.id for i in vault.list_items(db, other)] == [theirs.id]
    assert vault.verify_custody(db) == []  # the chain outlives the account


def test_usage_counts_every_blob_of_the_account(db, victim) -> None:
    message = vault.add_message(db, victim, vault.MessageForm(text="12345"))
    used = vault.usage(db, victim)
    assert (used.used_bytes, used.quota_bytes) == (message.size, 1024 * 1024 * 1024)


def test_a_locked_session_reads_nothing(db, victim) -> None:
    import dataclasses

    locked = dataclasses.replace(victim, locked=True)
    for attempt in (lambda: vault.list_items(db, locked), lambda: vault.usage(db, locked),
                    lambda: vault.add_message(db, locked, vault.MessageForm(text="x"))):
        with refused("locked"):
            attempt()
