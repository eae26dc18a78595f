"""What « Mon espace », the lock screen and the staff security page send, parsed and
bounded once (helpline.text.FormShape): a value no page of Abri sends is a refusal code
(InputError: "invalid", "too_long"), never an exception further in."""

from __future__ import annotations

from dataclasses import dataclass

from helpline.text import FormShape, form_field


@dataclass(frozen=True)
class Pin(FormShape):
    """The PIN typed to set one or to unlock."""

    pin: str = form_field(20)


@dataclass(frozen=True)
class RecoveryCode(FormShape):
    """The recovery code typed back to confirm it was written down."""

    code: str = form_field(200)


@dataclass(frozen=True)
class Profile(FormShape):
    """The nickname and age band of « Mon espace » ("" for « none »)."""

    nickname: str = form_field(200)
    age_band: str = form_field(20, token=True, then=lambda band: "" if band == "none" else band)


@dataclass(frozen=True)
class StaffProof(FormShape):
    """The password (and the code in force, if any) a staff member proves it is them with."""

    password: str = form_field(512)
    code: str = form_field(12)


@dataclass(frozen=True)
class TotpCode(FormShape):
    """A code from the new factor, to confirm it."""

    code: str = form_field(12, token=True)
