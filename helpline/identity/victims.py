"""Victim accounts: pseudonymous, recoverable with a code, lockable with a PIN,
erasable by their owner. Every function that touches an account takes the
principal and acts on that account only."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NoReturn
from zoneinfo import ZoneInfo

from sqlmodel import Session as DbSession
from sqlmodel import SQLModel, col, select

from helpline import crypto
from helpline.config import get_settings
from helpline.errors import Refused
from helpline.identity import recovery_code
from helpline.identity.passwords import hash_secret, verify_secret
from helpline.identity.sessions import TOUCH_EVERY, device_of, digest, new_token, seal_device
from helpline.models import AgeBand, UserSession, Victim
from helpline.models._common import aware, utcnow
from helpline.ratelimit import NO_WAIT, Throttle, fail, succeed, wait

NICKNAME_MAX = 40
PIN_PATTERN = re.compile(r"[0-9]{4,6}")  # ASCII digits only
# Progressive delay (helpline.ratelimit). A PIN is short: per account, its waits grow
# to hours (the recovery code still opens the space meanwhile); per address, across
# accounts. A recovery code names no account until it is right, so only per address
# (a family's devices share one, and a code is long: guessing it is hopeless anyway).
PIN_PER_ACCOUNT = Throttle("victim-pin-account", free=4, first=timedelta(seconds=30),
                           cap=timedelta(hours=4), forget=timedelta(days=7))
PIN_PER_CLIENT = Throttle("victim-pin-client", free=20, first=timedelta(seconds=30),
                          cap=timedelta(hours=1))
RESTORE_PER_CLIENT = Throttle("victim-restore-client", free=5, first=timedelta(seconds=5),
                              cap=timedelta(hours=1))
_RECOVERY_PURPOSE = "victim-recovery-lookup"
_NICKNAME_PURPOSE = "victim-nickname"
_AGE_BAND_PURPOSE = "victim-age-band"
_AGE_BAND_BLOCK = 16  # every band seals to the same length


class VictimError(Refused):
    """Refused, with a reason code the UI turns into a kind sentence."""

    def __init__(self, code: str, until: datetime | None = None) -> None:
        super().__init__(code)
        self.until = until  # when a refused guess may be tried again


def _refuse_counted(db: DbSession, code: str, wait: timedelta = NO_WAIT) -> NoReturn:
    """Refuse a guess, but keep it counted: callers roll back on a VictimError, which
    would otherwise undo the attempt counters."""
    db.commit()
    raise VictimError(code, until=utcnow() + wait if wait > NO_WAIT else None)


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


class DevicePublic(SQLModel):
    """A device signed in to the account, only as much as its owner needs to recognise
    it: never a version, an address or a place, and the day it was last used, not the
    time."""

    id: str
    current: bool  # the device asking
    browser: str  # sessions.BROWSERS or "other"
    kind: str  # sessions.DEVICE_KINDS or "other"
    last_active: date  # in the helpline's time zone
    days_ago: int


# ---- sessions -------------------------------------------------------------------------


def _open_session(db: DbSession, victim_id: str, user_agent: str | None) -> str:
    settings = get_settings()
    token, now = new_token(), utcnow()
    row = UserSession(token_hash=digest(token), victim_id=victim_id, created_at=now,
                      last_seen_at=now,
                      expires_at=now + timedelta(days=settings.victim_session_max_days))
    seal_device(row, user_agent)
    db.add(row)
    db.flush()
    return token


def start(db: DbSession, user_agent: str | None = None) -> str:
    """A new pseudonymous account and its first session: nothing asked, nothing known
    but the kind of device (see ``devices``)."""
    victim = Victim()
    db.add(victim)
    db.flush()
    return _open_session(db, victim.id, user_agent)


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


def new_recovery_code(db: DbSession, principal: VictimPrincipal, *,
                      sign_out_others: bool = False) -> str:
    """A fresh code, shown once. It replaces any earlier one, confirmed or not; the
    devices the old one opened stay signed in unless ``sign_out_others``."""
    victim = _account(db, principal)
    if sign_out_others:
        end_other_devices(db, principal)
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


def restore(db: DbSession, typed_code: str, client: str, user_agent: str | None = None) -> str:
    """A new session on this device for the account the code belongs to. The account's
    other devices hear of it at their next visit (``take_device_notice``)."""
    waiting = wait(db, (RESTORE_PER_CLIENT, client))
    if waiting > NO_WAIT:
        raise VictimError("too_many_attempts", until=utcnow() + waiting)
    code = recovery_code.normalise(typed_code)
    victim = None
    if code is not None:
        lookups = crypto.keyed_digests(_RECOVERY_PURPOSE, code)
        victim = db.exec(select(Victim).where(col(Victim.recovery_lookup).in_(lookups))).first()
    if victim is None or not verify_secret(victim.recovery_hash, code or ""):
        _refuse_counted(db, "code_wrong", fail(db, (RESTORE_PER_CLIENT, client)))
    victim.recovery_confirmed_at = victim.recovery_confirmed_at or utcnow()
    succeed(db, (PIN_PER_ACCOUNT, victim.id))  # the code lifts the PIN's delay
    db.add(victim)
    now = utcnow()
    for row in _live_sessions(db, victim.id):
        row.device_joined_at = now
        db.add(row)
    return _open_session(db, victim.id, user_agent)


# ---- devices ----------------------------------------------------------------------------


def _live_sessions(db: DbSession, victim_id: str) -> list[UserSession]:
    """The account's sessions that still open it (as ``resolve`` judges them)."""
    now = utcnow()
    idle_since = now - timedelta(days=get_settings().victim_session_idle_days)
    rows = db.exec(select(UserSession).where(UserSession.victim_id == victim_id,
                                             col(UserSession.revoked_at).is_(None))).all()
    return [r for r in rows
            if aware(r.expires_at) > now and aware(r.last_seen_at) > idle_since]


def devices(db: DbSession, principal: VictimPrincipal) -> list[DevicePublic]:
    """The devices signed in to the caller's account: this one first, then the most
    recently used."""
    _account(db, principal)
    zone = ZoneInfo(get_settings().timezone)
    today = utcnow().astimezone(zone).date()
    rows = sorted(_live_sessions(db, principal.victim_id),
                  key=lambda r: (r.id != principal.session_id, -aware(r.last_seen_at).timestamp()))
    shown = []
    for row in rows:
        browser, kind = device_of(row)
        day = aware(row.last_seen_at).astimezone(zone).date()
        shown.append(DevicePublic(id=row.id, current=row.id == principal.session_id,
                                  browser=browser, kind=kind, last_active=day,
                                  days_ago=(today - day).days))
    return shown


def end_device(db: DbSession, principal: VictimPrincipal, device_id: str) -> None:
    """Sign out one of the account's other devices: its next visit finds no session."""
    _account(db, principal)
    row = next((r for r in _live_sessions(db, principal.victim_id)
                if r.id == device_id and r.id != principal.session_id), None)
    if row is None:  # another account's, this one, already ended: all the same answer
        raise VictimError("device_unknown")
    row.revoked_at = utcnow()
    db.add(row)


def end_other_devices(db: DbSession, principal: VictimPrincipal) -> int:
    """Sign out every device of the account but this one; how many were."""
    _account(db, principal)
    others = [r for r in _live_sessions(db, principal.victim_id)
              if r.id != principal.session_id]
    now = utcnow()
    for row in others:
        row.revoked_at = now
        db.add(row)
    return len(others)


def take_device_notice(db: DbSession, principal: VictimPrincipal) -> bool:
    """Whether another device joined the account since this one last heard; telling
    clears it, so the notice is shown once."""
    _account(db, principal)
    row = _session(db, principal)
    if row.device_joined_at is None:
        return False
    row.device_joined_at = None
    db.add(row)
    return True


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
    """Unlock a locked session with the PIN. Each wrong PIN makes the next try wait
    longer, per account and per client; the account's data is never touched."""
    victim = _account(db, principal, allow_locked=True)
    row = _session(db, principal)
    if victim.pin_hash is None:
        raise VictimError("no_pin")  # only the recovery code can open this space
    account, address = (PIN_PER_ACCOUNT, victim.id), (PIN_PER_CLIENT, client)
    for guard, code in ((account, "account_locked"), (address, "too_many_attempts")):
        waiting = wait(db, guard)
        if waiting > NO_WAIT:
            raise VictimError(code, until=utcnow() + waiting)
    if not verify_secret(victim.pin_hash, pin.strip()):
        _refuse_counted(db, "pin_wrong", fail(db, account, address))
    succeed(db, account)  # not the address: one's own PIN must not buy guesses at others'
    row.locked_at, row.last_seen_at = None, utcnow()
    db.add(row)


# ---- erasure ----------------------------------------------------------------------------


def erase(db: DbSession, principal: VictimPrincipal) -> None:
    """Erase the account and everything in it. The safe is shredded first (its wrapped
    data keys deleted, its blobs removed once this commits; the custody log keeps ids and
    hashes only); takedown records lose their link to the proof; the other rows cascade
    from the victim."""
    from helpline import vault  # the safe builds on this module

    victim = _account(db, principal)
    vault.shred_account(db, victim.id)
    db.delete(victim)
    db.flush()
