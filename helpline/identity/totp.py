"""Time-based one-time passwords (RFC 6238) as a second factor for staff."""

from __future__ import annotations

import time

import pyotp
import segno

ISSUER = "Abri"


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, account: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=ISSUER)


def qr_data_uri(uri: str) -> str:
    """The enrolment QR code as an SVG data URI (allowed by our CSP's img-src)."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=2)


def matching_counter(secret: str, code: str, *, after: int | None, now: float | None = None
                     ) -> int | None:
    """The time step ``code`` is valid for (±1 step of drift), if it is newer than
    ``after``; a code already used is refused."""
    code = code.strip().replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    now = time.time() if now is None else now
    current = totp.timecode(now)
    for step in (current - 1, current, current + 1):
        if (after is None or step > after) and pyotp.utils.strings_equal(
                totp.generate_otp(step), code):
            return step
    return None
