"""Staff accounts: creation and local (password) sign-in."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session as DbSession
from sqlmodel import select

from helpline.errors import Refused
from helpline.identity.passwords import hash_secret, needs_rehash, verify_secret
from helpline.models import Role, Specialty, StaffRole, StaffUser

MIN_PASSWORD_LENGTH = 12


class StaffAccountError(Refused):
    """A staff account could not be created as asked: ``code`` for a page, the message
    (``str()``, what the command line prints) says why in words."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code)
        self.message = message

    def __str__(self) -> str:
        return self.message


def create_staff(
    db: DbSession,
    *,
    email: str,
    display_name: str,
    password: str | None,
    roles: Iterable[str],
    specialty: str | None = None,
) -> StaffUser:
    email = email.strip().lower()
    roles = sorted(set(roles))
    if "@" not in email:
        raise StaffAccountError("email_invalid", f"'{email}' is not an email address.")
    unknown = [r for r in roles if r not in Role.__members__.values()]
    if unknown or not roles:
        raise StaffAccountError(
            "roles_invalid",
            f"Roles must be among {', '.join(Role)}; got {', '.join(roles) or 'none'}.")
    if specialty is not None and specialty not in Specialty.__members__.values():
        raise StaffAccountError("specialty_invalid",
                                f"Specialty must be one of {', '.join(Specialty)}.")
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        raise StaffAccountError("password_too_short",
                                f"The password needs at least {MIN_PASSWORD_LENGTH} characters.")
    if db.exec(select(StaffUser).where(StaffUser.email == email)).first() is not None:
        raise StaffAccountError("email_taken", f"A staff account already uses {email}.")
    staff = StaffUser(
        email=email,
        display_name=display_name.strip() or email,
        specialty=specialty,
        password_hash=hash_secret(password) if password else None,
    )
    db.add(staff)
    db.flush()
    for role in roles:
        db.add(StaffRole(staff_id=staff.id, role=role))
    db.flush()
    return staff


def authenticate_local(db: DbSession, email: str, password: str) -> StaffUser | None:
    """The enabled account matching these credentials, or None (same cost either way)."""
    staff = db.exec(select(StaffUser).where(StaffUser.email == email.strip().lower())).first()
    stored = staff.password_hash if staff is not None else None
    if not verify_secret(stored, password) or staff is None or staff.disabled_at is not None:
        return None
    if needs_rehash(stored):
        staff.password_hash = hash_secret(password)
        db.add(staff)
    return staff
