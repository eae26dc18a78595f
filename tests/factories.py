"""What many tests build: a victim with a session, a staff member with a session and
roles, fixed moments, browsers' user agents. Tests import these from here rather than
from one another."""

from __future__ import annotations

import asyncio
import contextvars
import inspect
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
import reflex as rx
from reflex.istate.data import RouterData

from helpline import crypto
from helpline.config import get_settings
from helpline.db import get_engine
from helpline.demo import seed_quiz
from helpline.identity import victims
from helpline.identity.sessions import StaffPrincipal, open_staff_session, resolve_staff
from helpline.identity.staff_accounts import create_staff
from helpline.identity.victims import VictimError, VictimPrincipal
from helpline.models._common import utcnow
from helpline.quiz import current_version

OPEN_AT = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)  # 13:00 in Paris: the chat is open

FIREFOX_PHONE = "Mozilla/5.0 (Android 14; Mobile; rv:132.0) Gecko/132.0 Firefox/132.0"
SAFARI_IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 "
                 "(KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1")
CHROME_DESKTOP = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                  "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")


def reset_caches() -> None:
    """Forget the settings, engine and keys read so far (after the environment changed)."""
    get_settings.cache_clear()
    get_engine.cache_clear()
    crypto.reset_caches()


def victim(db) -> VictimPrincipal:
    """A new victim account, signed in on one device."""
    return victims.resolve(db, victims.start(db))


def staff(db, name: str = "Camille", roles=("counsellor",), **fields) -> StaffPrincipal:
    """A staff member with these roles, signed in; `fields` set other columns."""
    member = create_staff(db, email=f"{name.lower()}@abri.example", display_name=name,
                          password=None, roles=roles)
    if "admin" in roles:
        member.totp_confirmed_at = utcnow()  # a full admin, not one demoted for lack of TOTP
    for key, value in fields.items():
        setattr(member, key, value)
    db.add(member)
    db.flush()
    token = open_staff_session(db, member.id, max_hours=8)
    return resolve_staff(db, token, idle_minutes=30)


def quiz_version(db) -> int:
    """The demo quiz, published (as ``seed-demo`` leaves it): its version id."""
    seed_quiz(db)
    db.flush()
    return current_version(db)


def victim_refused(code: str):
    """Expect a victim-side refusal with this code."""
    return pytest.raises(VictimError, match=f"^{code}$")


# ---- calling a state's handlers as a browser would ------------------------------------


def call_handler(cls: type[rx.State], name: str, cookie: str, args: list) -> rx.State:
    """``cls.name(*args)`` called by a browser whose cookie header is ``cookie``."""
    root = rx.State()
    root.router = RouterData.from_router_data(
        {"headers": {"cookie": cookie}, "pathname": "/", "ip": "203.0.113.9"})
    state = root.get_substate(cls.get_full_name().split(".")[1:])
    run_handler(state, name, *args)
    return state


def run_handler(state: rx.State, name: str, *args) -> None:
    """Call one handler of ``state`` as an event would (guarded handlers are coroutines)."""
    result = type(state).event_handlers[name].fn(state, *args)
    if inspect.isawaitable(result):
        run_async(result)


def run_async(coroutine):
    """``asyncio.run(coroutine)`` in a loop of its own: in a full run Playwright's sync API
    holds this thread's loop, and asyncio.run refuses a thread whose loop runs."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(contextvars.copy_context().run, asyncio.run, coroutine).result()
