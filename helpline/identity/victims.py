"""Victim accounts: pseudonymous, recoverable with a code, lockable with a PIN,
erasable by their owner. Every function that touches an account takes the
principal and acts on that account only."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import NoReturn

from sqlmodel import Session as DbSession
from sqlmodel import SQLModel, col, delete, select, update

from helpline import crypto
from helpline.config import get_settings
from helpline.identity import recovery_code
from helpline.identity.passwords import hash_secret, verify_secret
from helpline.identity.sessions import TOUCH_EVERY, digest, new_token
from helpline.models import AgeBand, Blob, EvidenceItem, TakedownEvent, UserSession, Victim
from helpline.models._common import aware, utcnow
from helpline.ratelimit import allow, count_failure, exhausted

NICKNAME_MAX = 40
PIN_PATTERN = re.compile(r"[0-9]{4,6}")  # ASCII digits only
PIN_FAILURES_BEFORE_LOCK = 5
PIN_LOCK_MINUTES = 15
RESTORE_ATTEMPTS_PER_CLIENT = 10
ATTEMPT_WINDOW = timedelta(minutes=15)
_RECOVERY_PURPOSE = "victim-recovery-lookup"
_NICKNAME_PURPOSE = "victim-nickname"
_AGE_BAND_PURPOSE = "victim-age-band"
_AGE_BAND_BLOCK = 16  # every band seals to the same length


class VictimError(ValueError):
    """Refused, with a reason code the UI turns into a kind sentence."""

    def __init__(self, code: str, until: datetime | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.until = until


def _refuse_counted(db: DbSession, code: str) -> NoReturn:
    """Refuse a guess, but keep it counted: callers roll back on a VictimError, which
    would otherwise undo the attempt counters and the account lock."""
    db.commit()
    raise VictimError(code)


@dataclass(frozen=True)
class VictimPrincipal:
    victim_id: str
    session_id: str
    locked: bool


class VictimProfile(SQLModel):
    nickname: str
    age_band: str
    has_pin: bool
    has_recovery_code: bool


# ---- sessions -------------------------------------------------------------------------


def _open_session(db: DbSession, victim_id: str) -> str:
    settings = get_settings()
    token, now = new_token(), utcnow()
    db.add(UserSession(token_hash=digest(token), victim_id=victim_id, created_at=now,
                       last_seen_at=now,
                       expires_at=now + timedelta(days=settings.victim_session_max_days)))
    db.flush()
    return token


def start(db: DbSession) -> str:
    """A new pseudonymous account and its first session: nothing asked, nothing known."""
    victim = Victim()
    db.add(victim)
    db.flush()
    return _open_session(db, victim.id)


def resolve(db: DbSession, token: str | None, *, touch: bool = True) -> VictimPrincipal | None:
    """The victim behind a session token; the session locks itself after a quiet spell
    when the account can be unlocked (a PIN or a confirmed recovery code)."""
    if not token:
        return None
    settings = get_settings()
    found = db.exec(select(UserSession, Victim).join(Victim, Victim.id == UserSession.victim_id)
                    .where(UserSession.token_hash == digest(token))).first()
    if found is None:
        return None
    row, victim = found
    now = utcnow()
    if (row.revoked_at is not None or aware(row.expires_at) <= now
            or aware(row.last_seen_at) + timedelta(days=settings.victim_session_idle_days) <= now):
        return None
    protected = victim.pin_hash is not None or victim.recovery_confirmed_at is not None
    idle = now - aware(row.last_seen_at) > timedelta(minutes=settings.victim_lock_minutes)
    if protected and idle and row.locked_at is None:
        row.locked_at = now
        db.add(row)
    if touch and row.locked_at is None and now - aware(row.last_seen_at) >= TOUCH_EVERY:
        row.last_seen_at = now
        victim.last_seen_at = now
        db.add_all((row, victim))
    db.flush()
    return VictimPrincipal(victim_id=victim.id, session_id=row.id,
                           locked=row.locked_at is not None)


def _session(db: DbSession, principal: VictimPrincipal) -> UserSession:
    row = db.get(UserSession, principal.session_id)
    if row is None or row.victim_id != principal.victim_id or row.revoked_at is not None:
        raise VictimError("no_session")
    return row


def _account(db: DbSession, principal: VictimPrincipal, *, allow_locked: bool = False) -> Victim:
    if principal.locked and not allow_locked:
        raise VictimError("locked")
    victim = db.get(Victim, principal.victim_id)
    if victim is None:
        raise VictimError("no_session")
    return victim


def lock_now(db: DbSession, principal: VictimPrincipal) -> None:
    victim = _account(db, principal, allow_locked=True)
    if victim.pin_hash is None and victim.recovery_confirmed_at is None:
        raise VictimError("nothing_to_unlock_with")
    row = _session(db, principal)
    row.locked_at = row.locked_at or utcnow()
    db.add(row)


# ---- profile ----------------------------------------------------------------------------


def nickname_of(victim_id: str, sealed: bytes | None) -> str:
    """The first name or nickname the young person gave so counsellors can use it
    ("" if none), from the account's ``nickname_enc``. Callers decide who may see it:
    the owner, and staff in the chat."""
    return crypto.open_text(_NICKNAME_PURPOSE, sealed, victim_id) or ""


def age_band_of(victim_id: str, sealed: bytes | None) -> str:
    """The account's age band ("" if not given), from its ``age_band_enc``."""
    return crypto.open_padded(_AGE_BAND_PURPOSE, sealed, victim_id) or ""


def seal_age_band(victim_id: str, age_band: str) -> bytes | None:
    return crypto.seal_padded(_AGE_BAND_PURPOSE, age_band, victim_id, _AGE_BAND_BLOCK) \
        if age_band else None


def profile(db: DbSession, principal: VictimPrincipal) -> VictimProfile:
    """The account as its owner sees it; while locked, only how to unlock it."""
    victim = _account(db, principal, allow_locked=True)
    return VictimProfile(
        nickname="" if principal.locked else nickname_of(victim.id, victim.nickname_enc),
        age_band="" if principal.locked else age_band_of(victim.id, victim.age_band_enc),
        has_pin=victim.pin_hash is not None,
        has_recovery_code=victim.recovery_confirmed_at is not None,
    )


def update_profile(db: DbSession, principal: VictimPrincipal, *, nickname: str,
                   age_band: str) -> VictimProfile:
    victim = _account(db, principal)
    nickname = " ".join(nickname.split())
    if len(nickname) > NICKNAME_MAX or any(not c.isprintable() for c in nickname):
        raise VictimError("nickname_invalid")
    if age_band and age_band not in AgeBand.__members__.values():
        raise VictimError("age_band_invalid")
    victim.nickname_enc = crypto.seal(_NICKNAME_PURPOSE, nickname, victim.id) if nickname else None
    victim.age_band_enc = seal_age_band(victim.id, age_band)
    db.add(victim)
    db.flush()
    return profile(db, principal)


# ---- recovery code ------------------------------------------------------------------------


def new_recovery_code(db: DbSession, principal: VictimPrincipal) -> str:
    """A fresh code, shown once. It replaces any earlier one, confirmed or not."""
    victim = _account(db, principal)
    code = recovery_code.generate()
    victim.recovery_hash = hash_secret(code)
    victim.recovery_lookup = crypto.keyed_digests(_RECOVERY_PURPOSE, code)[0]
    victim.recovery_confirmed_at = None
    db.add(victim)
    db.flush()
    return code


def confirm_recovery_code(db: DbSession, principal: VictimPrincipal, typed_code: str) -> None:
    """"I wrote it down": the victim types the code back from where they wrote it."""
    victim = _account(db, principal)
    if victim.recovery_hash is None:
        raise VictimError("no_code")
    code = recovery_code.normalise(typed_code)
    if code is None or not verify_secret(victim.recovery_hash, code):
        raise VictimError("code_mismatch")
    victim.recovery_confirmed_at = utcnow()
    db.add(victim)


def restore(db: DbSession, typed_code: str, client: str) -> str:
    """A new session on this device for the account the code belongs to."""
    client_key = f"restore:{client}"  # wrong codes only: a family's devices share an address
    if exhausted(db, client_key, limit=RESTORE_ATTEMPTS_PER_CLIENT, window=ATTEMPT_WINDOW):
        raise VictimError("too_many_attempts")
    code = recovery_code.normalise(typed_code)
    victim = None
    if code is not None:
        lookups = crypto.keyed_digests(_RECOVERY_PURPOSE, code)
        victim = db.exec(select(Victim).where(col(Victim.recovery_lookup).in_(lookups))).first()
    if victim is None or not verify_secret(victim.recovery_hash, code or ""):
        count_failure(db, client_key, window=ATTEMPT_WINDOW)
        _refuse_counted(db, "code_wrong")
    victim.recovery_confirmed_at = victim.recovery_confirmed_at or utcnow()
    victim.failed_attempts, victim.locked_until = 0, None
    db.add(victim)
    return _open_session(db, victim.id)


# ---- PIN --------------------------------------------------------------------------------


def set_pin(db: DbSession, principal: VictimPrincipal, pin: str) -> None:
    victim = _account(db, principal)
    pin = pin.strip()
    if not PIN_PATTERN.fullmatch(pin):
        raise VictimError("pin_format")
    if len(set(pin)) == 1 or pin in "0123456789" or pin in "9876543210":
        raise VictimError("pin_too_simple")
    victim.pin_hash = hash_secret(pin)
    db.add(victim)


def remove_pin(db: DbSession, principal: VictimPrincipal) -> None:
    victim = _account(db, principal)
    victim.pin_hash = None
    db.add(victim)


def unlock(db: DbSession, principal: VictimPrincipal, pin: str, client: str) -> None:
    """Unlock a locked session with the PIN. Failures are counted per account and per
    client; too many lock the account for a while (its data is never touched)."""
    victim = _account(db, principal, allow_locked=True)
    row = _session(db, principal)
    now = utcnow()
    if victim.pin_hash is None:
        raise VictimError("no_pin")  # only the recovery code can open this space
    if victim.locked_until is not None and aware(victim.locked_until) > now:
        raise VictimError("account_locked", until=aware(victim.locked_until))
    if not allow(db, f"pin:{client}", limit=PIN_FAILURES_BEFORE_LOCK * 4,
                 window=ATTEMPT_WINDOW):
        raise VictimError("too_many_attempts")
    if not verify_secret(victim.pin_hash, pin.strip()):
        victim.failed_attempts += 1
        if victim.failed_attempts % PIN_FAILURES_BEFORE_LOCK == 0:
            rounds = victim.failed_attempts // PIN_FAILURES_BEFORE_LOCK
            minutes = min(PIN_LOCK_MINUTES * 2 ** (rounds - 1), 24 * 60)
            victim.locked_until = now + timedelta(minutes=minutes)
        db.add(victim)
        _refuse_counted(db, "pin_wrong")
    victim.failed_attempts, victim.locked_until = 0, None
    row.locked_at, row.last_seen_at = None, now
    # The per-client counter is not cleared on success: unlocking one's own space must
    # not buy more guesses at others'.
    db.add_all([victim, row])


# ---- erasure ----------------------------------------------------------------------------


def erase(db: DbSession, principal: VictimPrincipal) -> None:
    """Erase the account and everything in it. Rows cascade from the victim; the
    evidence's wrapped data keys are deleted (crypto-shredding) and their blobs removed.
    Takedown records lose their link to the account; the custody log keeps hashes only."""
    victim = _account(db, principal)
    blob_ids = db.exec(select(EvidenceItem.blob_id).where(
        EvidenceItem.victim_id == victim.id, col(EvidenceItem.blob_id).is_not(None))).all()
    # A takedown's history outlives the account; it only loses the link to the proof.
    owned = select(EvidenceItem.id).where(EvidenceItem.victim_id == victim.id)
    db.exec(update(TakedownEvent).where(col(TakedownEvent.proof_item_id).in_(owned))
            .values(proof_item_id=None))
    db.exec(delete(EvidenceItem).where(EvidenceItem.victim_id == victim.id))
    db.delete(victim)
    db.flush()
    if blob_ids:
        db.exec(delete(Blob).where(col(Blob.id).in_(blob_ids)))
        blob_dir = Path(get_settings().blob_dir)  # type: ignore[arg-type]
        for blob_id in blob_ids:
            (blob_dir / blob_id).unlink(missing_ok=True)
