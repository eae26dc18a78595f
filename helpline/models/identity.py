"""People: pseudonymous victims, staff members, their roles and server-side sessions."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel, UniqueConstraint

from helpline.models._common import created_field, id_field, when_field


class AgeBand(StrEnum):
    under_11 = "under_11"
    age_11_14 = "11_14"
    age_15_17 = "15_17"
    adult = "18_plus"


class Role(StrEnum):
    counsellor = "counsellor"
    specialist = "specialist"
    takedown_officer = "takedown_officer"
    supervisor = "supervisor"
    admin = "admin"


class Specialty(StrEnum):
    psychologist = "psychologist"
    lawyer = "lawyer"
    digital_expert = "digital_expert"


class Victim(SQLModel, table=True):
    """A person seeking help. No name, email or phone: only what they choose to give."""

    id: str = id_field()
    created_at: datetime = created_field()
    last_seen_at: datetime | None = when_field()
    nickname_enc: bytes | None = None  # optional first name / nickname, encrypted at rest
    age_band_enc: bytes | None = None  # an AgeBand, sealed (helpline.identity.victims)
    recovery_hash: str | None = Field(default=None, max_length=255)
    # Keyed HMAC of the code, to find the account without scanning argon2 hashes.
    recovery_lookup: str | None = Field(default=None, max_length=64, unique=True)
    recovery_confirmed_at: datetime | None = when_field()
    pin_hash: str | None = Field(default=None, max_length=255)
    # When the person last opened « Infos »: what is newer is marked new. Nothing of what
    # was read is kept.
    news_seen_at: datetime | None = when_field()


class StaffUser(SQLModel, table=True):
    __tablename__ = "staff_user"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    display_name: str = Field(max_length=120)
    specialty: str | None = Field(default=None, max_length=32)
    password_hash: str | None = Field(default=None, max_length=255)
    totp_secret_enc: bytes | None = None
    totp_confirmed_at: datetime | None = when_field()
    totp_last_counter: int | None = None  # refuses a replayed code
    # A new factor being enrolled: the current one stays in force until this is confirmed.
    totp_pending_enc: bytes | None = None
    oidc_issuer: str | None = Field(default=None, max_length=255)
    oidc_subject: str | None = Field(default=None, max_length=255)
    capacity: int = 3
    created_at: datetime = created_field()
    disabled_at: datetime | None = when_field()


class StaffRole(SQLModel, table=True):
    __tablename__ = "staff_role"

    staff_id: int = Field(foreign_key="staff_user.id", primary_key=True, ondelete="CASCADE")
    role: str = Field(primary_key=True, max_length=32)


class UserSession(SQLModel, table=True):
    """A server-side session. The cookie holds a random token; only its SHA-256 is kept."""

    __tablename__ = "user_session"
    __table_args__ = (UniqueConstraint("token_hash"),)

    id: str = id_field()
    token_hash: str = Field(max_length=64)
    victim_id: str | None = Field(
        default=None, foreign_key="victim.id", index=True, ondelete="CASCADE"
    )
    staff_id: int | None = Field(
        default=None, foreign_key="staff_user.id", index=True, ondelete="CASCADE"
    )
    created_at: datetime = created_field()
    last_seen_at: datetime = created_field()
    expires_at: datetime = created_field()
    revoked_at: datetime | None = when_field()
    locked_at: datetime | None = when_field()  # victim sessions lock when idle
    # Browser family and kind of device ("firefox/phone"), sealed to this row.
    device_enc: bytes | None = None
    # Another device joined the account since this one last heard of it.
    device_joined_at: datetime | None = when_field()


class RateLimit(SQLModel, table=True):
    """Attempts or failures counted per key (a keyed HMAC of an address, an account …)."""

    __tablename__ = "rate_limit"

    key: str = Field(primary_key=True, max_length=80)
    window_start: datetime = created_field()
    count: int = 0
    not_before: datetime | None = when_field()  # progressive delay: no try accepted before
