"""What staff see: shared items only, working copies by default, originals after
re-entering a password or TOTP code (logged in custody and audit), through a ticket."""

from __future__ import annotations

import io

import pyotp
import pytest
from PIL import Image
from sqlmodel import select

from helpline import crypto, vault
from helpline.identity import staff_auth
from helpline.identity.sessions import open_staff_session, resolve_staff
from helpline.identity.staff_accounts import create_staff
from helpline.models import AuditEntry, CustodyEntry
from helpline.models._common import utcnow
from tests.factories import staff as _staff
from tests.helpline.vault.conftest import jpeg_with_gps, refused, upload

PASSWORD = "correct horse battery"


def _with_password(db, name="Lina", roles=("counsellor",), totp_secret: str | None = None):
    member = create_staff(db, email=f"{name.lower()}@abri.example", display_name=name,
                          password=PASSWORD, roles=list(roles))
    if totp_secret:
        member.totp_secret_enc = crypto.seal(staff_auth._TOTP_PURPOSE, totp_secret,
                                             str(member.id))
        member.totp_confirmed_at = utcnow()
    db.add(member)
    db.flush()
    principal = resolve_staff(db, open_staff_session(db, member.id, max_hours=8),
                              idle_minutes=30)
    db.commit()
    return principal


@pytest.fixture
def shared_photo(db, victim):
    item = upload(victim, jpeg_with_gps((120, 60)), "IMG_0001.JPG")
    vault.share(db, victim, [item.id], "takedown")
    db.commit()
    return item


def test_dossiers_lists_people_with_shared_evidence_newest_first(db, victim, other,
                                                                 counsellor) -> None:
    from helpline.identity import victims

    victims.update_profile(db, victim, nickname="Zoé", age_band="")
    old = vault.add_message(db, victim, vault.MessageForm(text="ancien"))
    vault.add_message(db, victim, vault.MessageForm(text="privé"))
    vault.share(db, victim, [old.id], "counselling")
    newer = vault.add_link(db, other, vault.LinkForm(url="https://x.com/a/status/1"))
    vault.share(db, other, [newer.id], "takedown")
    people = vault.people_with_evidence(db, counsellor)
    assert [(p.victim_id, p.nickname, [i.id for i in p.items]) for p in people] == [
        (other.victim_id, "", [newer.id]), (victim.victim_id, "Zoé", [old.id])]
    assert people[0].items[0].url == "https://x.com/a/status/1"
    vault.withdraw(db, other, newer.id)
    assert [p.victim_id for p in vault.people_with_evidence(db, counsellor)] == [
        victim.victim_id]


def test_only_the_roles_that_work_with_young_people_read_evidence(db, victim,
                                                                  shared_photo) -> None:
    admin = _staff(db, "Admin", roles=("admin",))
    officer = _staff(db, "Officer", roles=("takedown_officer",))
    for attempt in (lambda: vault.people_with_evidence(db, admin),
                    lambda: vault.shared_with_helpline(db, admin, victim.victim_id),
                    lambda: vault.open_for_staff(db, admin, shared_photo.id, "working"),
                    lambda: vault.people_with_evidence(db, None)):
        with refused("forbidden"):
            attempt()
    assert [p.victim_id for p in vault.people_with_evidence(db, officer)] == [victim.victim_id]


def test_staff_get_the_working_copy_never_an_unshared_item(db, victim, counsellor,
                                                           shared_photo) -> None:
    working = vault.open_for_staff(db, counsellor, shared_photo.id, "working")
    data = b"".join(working.chunks())
    with Image.open(io.BytesIO(data)) as shown:
        assert not shown.getexif()
    assert working.inline and working.content_type == "image/jpeg"
    with refused("not_found"):
        vault.open_for_staff(db, counsellor, shared_photo.id, "original")
    private = vault.add_message(db, victim, vault.MessageForm(text="pas partagé"))
    for item_id in (private.id, "0" * 32):
        for variant in ("working", "thumbnail", "original"):
            with refused("not_found"):
                vault.open_for_staff(db, counsellor, item_id, variant)
        with refused("not_found"):
            vault.grant_original(db, counsellor, item_id, password=PASSWORD)


def test_an_item_without_derivatives_is_its_own_working_copy(db, victim, counsellor) -> None:
    pdf = upload(victim, b"%PDF-1.4\n%%EOF\n", "plainte.pdf")
    vault.share(db, victim, [pdf.id], "report")
    download = vault.open_for_staff(db, counsellor, pdf.id, "working")
    assert b"".join(download.chunks()) == b"%PDF-1.4\n%%EOF\n" and not download.inline
    with refused("not_found"):
        vault.open_for_staff(db, counsellor, pdf.id, "thumbnail")


def test_an_original_needs_the_password_again_and_is_logged(db, victim,
                                                            shared_photo) -> None:
    lina = _with_password(db)
    with refused("reauth_failed"):
        vault.grant_original(db, lina, shared_photo.id, password="wrong password!")
    ticket = vault.grant_original(db, lina, shared_photo.id, password=PASSWORD)
    original = vault.open_original_ticket(db, lina, ticket)
    assert b"".join(original.chunks()) == jpeg_with_gps((120, 60))
    assert not original.inline
    actions = [e.action for e in db.exec(select(CustodyEntry).where(
        CustodyEntry.item_id == shared_photo.id)).all()]
    assert "original_opened" in actions and actions[-1] == "download"
    assert db.exec(select(AuditEntry).where(
        AuditEntry.action == "vault.original_opened")).one().object_id == shared_photo.id
    other_session = resolve_staff(db, open_staff_session(db, lina.staff_id, max_hours=8),
                                  idle_minutes=30)
    for who, what in ((other_session, ticket), (lina, ticket + "x"), (lina, "garbage")):
        with refused("not_found"):
            vault.open_original_ticket(db, who, what)
    vault.withdraw(db, victim, shared_photo.id)
    with refused("not_found"):  # withdrawn: the ticket opens nothing any more
        vault.open_original_ticket(db, lina, ticket)


def test_a_totp_code_also_proves_presence(db, shared_photo) -> None:
    secret = pyotp.random_base32()
    sam = _with_password(db, "Sam", totp_secret=secret)
    with refused("reauth_failed"):
        vault.grant_original(db, sam, shared_photo.id, totp="000000")
    assert vault.grant_original(db, sam, shared_photo.id, totp=pyotp.TOTP(secret).now())


def test_wrong_answers_make_the_next_try_wait(db, shared_photo, clock) -> None:
    lina = _with_password(db)
    for _ in range(3):
        with refused("reauth_failed"):
            vault.grant_original(db, lina, shared_photo.id, password="nope nope nope")
    with refused("reauth_failed"):
        vault.grant_original(db, lina, shared_photo.id, password="nope nope nope")
    with refused("reauth_wait"):  # even the right password waits
        vault.grant_original(db, lina, shared_photo.id, password=PASSWORD)


def test_an_sso_account_without_totp_cannot_open_originals(db, counsellor,
                                                           shared_photo) -> None:
    with refused("reauth_unavailable"):
        vault.grant_original(db, counsellor, shared_photo.id, password="anything at all")
