"""Two-factor enrolment for the signed-in staff member."""

from __future__ import annotations

from helpline import ratelimit
from helpline.identity import staff_auth
from helpline.text import InputError, form_text
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
            password, code = form_text(form, "password", 512), form_text(form, "code", 12)
        except InputError:  # nothing a person could type: as a wrong password
            self.refused = "failed"
            return
        try:
            enrolment = staff_auth.begin_totp(
                current_staff(), password, code,
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
            code = form_text(form, "code", 12, token=True)
        except InputError:
            code = ""  # refused below as a wrong code
        if code and staff_auth.confirm_totp(current_staff(), code):
            self.qr, self.secret, self.result, self.has_totp = "", "", "confirmed", True
            self.needs_totp = False
        else:
            self.result = "wrong"
