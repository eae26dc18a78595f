"""The victim surface's base state: who the victim is, rebuilt from the session cookie
on every page load (state is only a view of the database), and the lock screen's."""

from __future__ import annotations

from collections.abc import Callable
from secrets import token_hex
from urllib.parse import quote

import reflex as rx

from helpline.db import session_scope
from helpline.errors import Refused
from helpline.identity import victims
from helpline.identity.forms import Pin
from helpline.identity.sessions import VICTIM_COOKIE
from helpline.identity.victims import VictimPrincipal
from helpline.ratelimit import client_key
from uikit.access import Refusal, cookie, guarded, principal
from uikit.page_state import belongs_to_session

LOCK_SCREEN = ("locked", "ready", "has_pin", "has_code")  # all a locked page may keep


def _check(allow_locked: bool, touch: bool) -> Callable:
    def check(state: rx.State) -> VictimPrincipal | Refusal:
        with session_scope() as db:
            found = victims.resolve(db, cookie(state, VICTIM_COOKIE), touch=touch)
        if found is None:
            # No account yet (or it ended): the start route sets the cookie, then
            # brings the person back here with a full page load.
            path = state.router.url.path or "/"
            state.session_url = f"/api/victim/start?next={quote(path)}&n={token_hex(4)}"
            return Refusal(forget=(VictimState,), keep=("session_url",))
        if found.locked and not allow_locked:
            state.locked = True
            # What an unlocked page showed goes; the lock screen needs only these.
            return Refusal(forget=(VictimState,), keep=LOCK_SCREEN)
        return found

    return check


def victim_event(fn: Callable | None = None, *, allow_locked: bool = False,
                 touch: bool = True) -> Callable:
    """The caller must be a victim with a live session (unlocked, unless allowed).
    ``touch=False`` for calls that are not the person's own activity (live pushes), so
    an unattended phone still locks."""
    decorate = guarded("victim", _check(allow_locked, touch))
    return decorate(fn) if fn else decorate


def current_victim() -> VictimPrincipal:
    return principal()


def client_of(state: rx.State) -> str:
    return client_key(state.router.session.client_ip)


class VictimState(rx.State):
    """Who the victim is, as far as the page needs to know: never an id or a token."""

    session_url: str = ""
    ready: bool = False
    locked: bool = False
    has_pin: bool = False
    has_code: bool = False
    nickname: str = ""
    age_band: str = ""

    def _show(self, found: VictimPrincipal) -> None:
        self.session_url = ""
        self.locked = found.locked
        self.ready = True
        with session_scope() as db:
            shown = victims.profile(db, found)  # a locked space shows no nickname
        self.has_pin, self.has_code = shown.has_pin, shown.has_recovery_code
        self.nickname, self.age_band = shown.nickname, shown.age_band

    @victim_event(allow_locked=True)
    def hydrate(self) -> None:
        """on_load of every victim page."""
        self._show(current_victim())


def _still_opens(token: str) -> bool:
    with session_scope() as db:
        found = victims.resolve(db, token, touch=False)
    return found is not None and not found.locked


belongs_to_session(VictimState, VICTIM_COOKIE, _still_opens)


class UnlockState(VictimState):
    """The lock screen shown over every victim page while the session is locked."""

    error: str = ""

    @victim_event(allow_locked=True)
    def unlock(self, form: dict) -> None:
        self.error = ""
        try:
            with session_scope() as db:
                victims.unlock(db, current_victim(), Pin.from_form(form).pin, client_of(self))
        except Refused as refused:
            self.error = refused.code
            return
        with session_scope() as db:
            unlocked = victims.resolve(db, cookie(self, VICTIM_COOKIE))
        if unlocked is not None:
            self._show(unlocked)
