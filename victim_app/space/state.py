"""« Mon espace »: recovery code, PIN, profile, devices, locking and erasure; the banner
telling a device that another came in with the code; why a restore failed."""

from __future__ import annotations

from collections.abc import Callable
from secrets import token_hex

import reflex as rx

from helpline.db import session_scope
from helpline.identity import victims
from helpline.identity.forms import Pin, Profile, RecoveryCode
from helpline.identity.sessions import VICTIM_COOKIE
from helpline.identity.victims import VictimPrincipal
from helpline.text import client_string
from uikit.access import Refusal, cookie, guarded, public
from uikit.attempt import REFUSED, attempt
from uikit.page_state import forget
from victim_app.routes import victim_url
from victim_app.state import LOCK_SCREEN, VictimState, current_victim, victim_event


def _device_row(device: victims.DevicePublic) -> dict[str, str]:
    return {"id": device.id, "browser": device.browser, "kind": device.kind,
            "current": "1" if device.current else "", "days": str(device.days_ago)}


class SpaceState(VictimState):
    """"Mon espace": recovery code, PIN, profile, devices, locking and erasure."""

    shown_code: str = ""  # the new recovery code, shown once, until confirmed
    notice: str = ""  # a catalog key saying what just worked
    error: str = ""  # a victims.VictimError code
    restored: bool = False
    devices: list[dict[str, str]] = []  # this one first; see _device_row
    device_joined: bool = False  # another device came in with the code since last visit

    def _run(self, action: Callable[..., object], notice: str = "") -> bool:
        self.notice, self.device_joined = "", False  # what the last action did replaces both
        if attempt(self, action, victims.VictimError) is REFUSED:
            return False
        self.notice = notice
        return True

    @victim_event(allow_locked=True)
    def load(self) -> None:
        self._show(current_victim())
        self.shown_code, self.notice, self.error = "", "", ""
        self.restored = self.router.url.query_parameters.get("restored") == "1"
        self.devices, self.device_joined = [], False
        if not self.locked:
            def look(db) -> bool:
                self._list_devices(db)
                return victims.take_device_notice(db, current_victim())

            self.device_joined = attempt(self, look, victims.VictimError) is True

    def _list_devices(self, db) -> None:
        self.devices = [_device_row(d) for d in victims.devices(db, current_victim())]

    @victim_event
    def create_code(self, form: dict) -> None:
        sign_out_others = bool(form.get("sign_out_others"))  # a checkbox: "on" or absent

        def issue(db) -> None:
            self.shown_code = victims.new_recovery_code(db, current_victim(),
                                                        sign_out_others=sign_out_others)
            self._list_devices(db)

        self._run(issue, "devices.all_ended" if sign_out_others else "")
        self.has_code = False

    @victim_event
    def end_device(self, device_id: str) -> None:
        def end(db) -> None:
            victims.end_device(db, current_victim(), client_string(device_id, 64))
            self._list_devices(db)

        if not self._run(end, "devices.ended"):
            with session_scope() as db:  # the list was out of date: show it as it is now
                self._list_devices(db)

    @victim_event
    def end_other_devices(self) -> None:
        def end(db) -> None:
            victims.end_other_devices(db, current_victim())
            self._list_devices(db)

        self._run(end, "devices.all_ended")

    @victim_event
    def confirm_code(self, form: dict) -> None:
        if self._run(lambda db: victims.confirm_recovery_code(
                db, current_victim(), RecoveryCode.from_form(form).code), "code.confirmed"):
            self.shown_code, self.has_code = "", True

    @victim_event
    def save_pin(self, form: dict) -> None:
        if self._run(lambda db: victims.set_pin(db, current_victim(), Pin.from_form(form).pin),
                     "pin.saved"):
            self.has_pin = True

    @victim_event
    def remove_pin(self) -> None:
        if self._run(lambda db: victims.remove_pin(db, current_victim()), "pin.removed"):
            self.has_pin = False

    @victim_event
    def save_profile(self, form: dict) -> None:
        def update(db) -> None:
            typed = Profile.from_form(form)
            shown = victims.update_profile(db, current_victim(), nickname=typed.nickname,
                                           age_band=typed.age_band)
            self.nickname, self.age_band = shown.nickname, shown.age_band

        self._run(update, "profile.saved")

    @victim_event
    async def lock_now(self) -> None:
        if self._run(lambda db: victims.lock_now(db, current_victim())):
            # Every victim state of this page, not just this one: nothing it showed
            # unlocked may reach the lock screen (other pages of the session forget
            # theirs at their next event or page load).
            await forget(self._get_root_state(), VictimState, keep=LOCK_SCREEN)
            self.locked = True

    @victim_event
    def erase(self, locale: str) -> None:
        if self._run(lambda db: victims.erase(db, current_victim())):
            self.ready, self.has_pin, self.has_code = False, False, False
            self.nickname, self.age_band = "", ""
            goodbye = victim_url("en" if locale == "en" else "fr", "erased")
            self.session_url = f"{goodbye}?n={token_hex(4)}"


def _quiet_check(state: rx.State) -> VictimPrincipal | Refusal:
    """A live, unlocked session, or a refusal that changes nothing: bringing a visitor
    without one to the start route is the page load's job (two would open two
    accounts)."""
    with session_scope() as db:
        found = victims.resolve(db, cookie(state, VICTIM_COOKIE), touch=False)
    return found if found is not None and not found.locked else Refusal()


class DeviceNoticeState(VictimState):
    """The banner telling this device, once, that another one came in with the code."""

    joined: bool = False

    @guarded("victim", _quiet_check)
    def check(self) -> None:
        with session_scope() as db:
            self.joined = victims.take_device_notice(db, current_victim())

    @guarded("victim", _quiet_check)
    def dismiss(self) -> None:
        self.joined = False


class RestoreState(rx.State):
    """Reads why the last recovery attempt failed (the form posts to the server)."""

    error: str = ""

    @public
    def load(self) -> None:
        error = self.router.url.query_parameters.get("error", "")
        self.error = error if error in ("code_wrong", "too_many_attempts") else ""
