"""Two-factor enrolment for the signed-in staff member."""

from __future__ import annotations

from helpline import ratelimit
from helpline.identity import staff_auth
from helpline.identity.forms import StaffProof, TotpCode
from helpline.text import InputError
from staff_app.state import StaffState, current_staff, page_locale, staff_event, wait_sentence


class SecurityState(StaffState):
    """Two-factor enrolment for the signed-in staff member: prove it is them (password,
    and the current code if a factor is in force), then scan and confirm a new one."""

    qr: str = ""
    secret: str = ""
    has_totp: bool = False
    result: str = ""  # "confirmed" or "wrong"
    refused: str = ""  # why the identity check failed: a SignInRefused code
    wait: str = ""

    @staff_event()
    def load(self) -> None:
        self.qr, self.secret, self.result, self.refused, self.wait = "", "", "", "", ""
        self.has_totp = staff_auth.has_totp(current_staff())

    @staff_event()
    def begin(self, form: dict) -> None:
        self.result, self.wait = "", ""
        try:
            proof = StaffProof.from_form(form)
        except InputError:  # nothing a person could type: as a wrong password
            self.refused = "failed"
            return
        try:
            enrolment = staff_auth.begin_totp(
                current_staff(), proof.password, proof.code,
                ratelimit.client_key(self.router.session.client_ip))
        except staff_auth.SignInRefused as refused:
            self.refused, self.wait = refused.code, wait_sentence(page_locale(self),
                                                                   refused.wait)
            return
        self.qr, self.secret, self.refused = enrolment.qr_data_uri, enrolment.secret, ""

    @staff_event()
    def cancel(self) -> None:
        """Leave the new factor unconfirmed: the one in force stays."""
        self.qr, self.secret, self.result = "", "", ""

    @staff_event()
    def confirm(self, form: dict) -> None:
        try:
            code = TotpCode.from_form(form).code
        except InputError:
            code = ""  # refused below as a wrong code
        if code and staff_auth.confirm_totp(current_staff(), code):
            self.qr, self.secret, self.result, self.has_totp = "", "", "confirmed", True
            self.needs_totp = False
        else:
            self.result = "wrong"
