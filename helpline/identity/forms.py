"""What « Mon espace », the lock screen and the staff security page send, parsed and
bounded once: a value no page of Abri sends is a refusal code
(helpline.text.InputError: "invalid", "too_long"), never an exception further in."""

from __future__ import annotations

from dataclasses import dataclass

from helpline.text import form_text


@dataclass(frozen=True)
class Pin:
    """The PIN typed to set one or to unlock."""

    pin: str

    @classmethod
    def from_form(cls, form: dict) -> Pin:
        return cls(pin=form_text(form, "pin", 20))


@dataclass(frozen=True)
class RecoveryCode:
    """The recovery code typed back to confirm it was written down."""

    code: str

    @classmethod
    def from_form(cls, form: dict) -> RecoveryCode:
        return cls(code=form_text(form, "code", 200))


@dataclass(frozen=True)
class Profile:
    """The nickname and age band of « Mon espace » ("" for « none »)."""

    nickname: str
    age_band: str

    @classmethod
    def from_form(cls, form: dict) -> Profile:
        age_band = form_text(form, "age_band", 20, token=True)
        return cls(nickname=form_text(form, "nickname", 200),
                   age_band="" if age_band == "none" else age_band)


@dataclass(frozen=True)
class StaffProof:
    """The password (and the code in force, if any) a staff member proves it is them with."""

    password: str
    code: str

    @classmethod
    def from_form(cls, form: dict) -> StaffProof:
        return cls(password=form_text(form, "password", 512), code=form_text(form, "code", 12))


@dataclass(frozen=True)
class TotpCode:
    """A code from the new factor, to confirm it."""

    code: str

    @classmethod
    def from_form(cls, form: dict) -> TotpCode:
        return cls(code=form_text(form, "code", 12, token=True))
