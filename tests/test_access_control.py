"""Every event handler of every state, called the way a hostile browser could call it.

Any client can send any event to any handler with any arguments. This walks all the
handlers of Abri's states (new ones are covered automatically) and calls each one as
(a) no session, (b) another victim's session, (c) staff without the role it needs,
with arguments that point at victim A's objects. Each call must leave victim A's data
and every other account untouched, and must not put A's data in the caller's state.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
import reflex as rx
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import text
from sqlmodel import Session

from helpline.db import get_engine
from helpline.identity import victims
from helpline.identity.sessions import STAFF_COOKIE, VICTIM_COOKIE, open_staff_session
from helpline.identity.staff_accounts import create_staff
from helpline.models import Conversation, Message, Role
from tests.factories import call_handler, reset_caches
from uikit.access import ACCESS_ATTR

APP_PACKAGES = ("victim_app", "staff_app", "uikit")
# Rows these tables gain or change on any request (sessions touched, attempts counted,
# staff actions audited) are bookkeeping, not an effect on anyone's data.
BOOKKEEPING = {"user_session", "rate_limit", "audit_entry", "alembic_version"}
SECRET = "Alice-secret-marker-7f3a"


@dataclass
class World:
    victim_a: str
    a_code: str
    a_conversation: str
    a_device: str  # A's second device, let in with the code: no one else may end it
    victim_b_token: str
    victim_b: str
    staff: dict[str, tuple[int, str]] = field(default_factory=dict)  # role -> (id, token)
    admin_id: int = 0


def _app_states() -> list[type[rx.State]]:
    found, stack = [], list(rx.State.get_substates())
    while stack:
        cls = stack.pop()
        stack.extend(cls.get_substates())
        if cls.__module__.split(".")[0] in APP_PACKAGES:
            found.append(cls)
    return sorted(found, key=lambda c: c.get_full_name())


def _handlers() -> list[tuple[type[rx.State], str]]:
    import abri  # noqa: F401  (builds the app: every page and state is registered)

    return [(cls, name) for cls in _app_states() for name in cls.event_handlers]


@pytest.fixture(scope="module")
def handlers(tmp_path_factory) -> Iterator[list[tuple[type[rx.State], str]]]:
    with pytest.MonkeyPatch.context() as env:
        # Importing the app loads the keyring: keep it out of the real data folder.
        env.setenv("ABRI_DATA_DIR", str(tmp_path_factory.mktemp("app-import")))
        reset_caches()
        yield _handlers()
    reset_caches()


@pytest.fixture
def world(db: Session) -> World:
    token_a = victims.start(db)
    a = victims.resolve(db, token_a)
    victims.update_profile(db, a, nickname=SECRET, age_band="11_14")
    code = victims.new_recovery_code(db, a)
    victims.set_pin(db, a, "2580")
    conversation = Conversation(victim_id=a.victim_id)
    db.add(conversation)
    db.flush()
    db.add(Message(conversation_id=conversation.id, sender_kind="victim", body_enc=b"x"))
    a_device = victims.resolve(db, victims.restore(db, code, "a-laptop"))
    token_b = victims.start(db)
    b = victims.resolve(db, token_b)
    world = World(victim_a=a.victim_id, a_code=code, a_conversation=conversation.id,
                  a_device=a_device.session_id, victim_b_token=token_b, victim_b=b.victim_id)
    for role in Role:
        staff = create_staff(db, email=f"{role.value}@abri.example", display_name=role.value,
                             password=None, roles=[role])
        world.staff[role.value] = (staff.id, open_staff_session(db, staff.id, max_hours=1))
    admin = create_staff(db, email="other-admin@abri.example", display_name="Other admin",
                         password=None, roles=[Role.admin])
    world.admin_id = admin.id
    db.commit()
    return world


def _snapshot(excluding_victim: str | None = None, excluding_staff: int | None = None) -> dict:
    """Every row of every table, minus bookkeeping and the caller's own account."""
    engine = get_engine()
    rows = {}
    with engine.connect() as conn:
        for table in sa_inspect(engine).get_table_names():
            if table in BOOKKEEPING:
                continue
            result = conn.execute(text(f'SELECT * FROM "{table}"'))
            keep = []
            for row in result.mappings():
                own_victim = excluding_victim and excluding_victim in (
                    row.get("victim_id"), row.get("id") if table == "victim" else None)
                own_staff = excluding_staff is not None and table == "staff_user" \
                    and row.get("id") == excluding_staff
                if not (own_victim or own_staff):
                    keep.append(tuple(sorted((k, repr(v)) for k, v in row.items())))
            rows[table] = sorted(keep)
    return rows


def _sessions_of(victim_id: str) -> list:
    """Sessions are bookkeeping above, but ending one or reading its notice is not."""
    with get_engine().connect() as conn:
        return list(conn.execute(text(
            "SELECT id, revoked_at, locked_at, device_joined_at FROM user_session "
            "WHERE victim_id = :v ORDER BY id"), {"v": victim_id}))


def _arguments(handler, world: World) -> list:
    """Hostile arguments: everything points at victim A or at another staff member."""
    form = {"code": world.a_code, "pin": "2580", "nickname": "pwned", "age_band": "15_17",
            "staff_id": str(world.admin_id), "object_id": world.victim_a,
            "email": "admin@abri.example", "conversation_id": world.a_conversation,
            "conversation": world.a_conversation, "to": str(world.admin_id),
            "victim_id": world.victim_a, "sign_out_others": "on"}
    args = []
    for param in list(inspect.signature(handler.fn).parameters.values())[1:]:
        kind = str(param.annotation)
        if param.name == "device_id":
            args.append(world.a_device)
        elif "dict" in kind:
            args.append(form)
        elif "int" in kind:
            args.append(world.admin_id)
        elif "bool" in kind:
            args.append(True)
        else:
            args.append(world.victim_a)
    return args


def _callers(access: str, world: World) -> Iterator[tuple[str, str, str | None, int | None, bool]]:
    """(label, cookie, own victim id, own staff id, must be refused) per caller kind."""
    yield "no session", "", None, None, access != "public"
    yield "victim B", f"{VICTIM_COOKIE}={world.victim_b_token}", world.victim_b, None, \
        access.startswith("staff")
    needed = set(access.removeprefix("staff:").split(",")) if access.startswith("staff") \
        else set()
    if needed == {"*"}:
        needed = set(world.staff)
    lacking = [role for role in world.staff if role not in needed]
    if access.startswith("staff") and not lacking:
        # Open to every role: each may act on its own account only, never on others.
        for role, (staff_id, token) in world.staff.items():
            yield f"staff {role}", f"{STAFF_COOKIE}={token}", None, staff_id, False
        return
    for role in lacking:
        staff_id, token = world.staff[role]
        yield f"staff {role}", f"{STAFF_COOKIE}={token}", None, staff_id, access != "public"


def test_every_handler_declares_who_may_call_it(handlers) -> None:
    undeclared = [f"{cls.__name__}.{name}" for cls, name in handlers
                  if name != "setvar" and not hasattr(cls.event_handlers[name].fn, ACCESS_ATTR)]
    assert undeclared == [], "wrap these with public / victim_event / staff_event"


def test_no_handler_reaches_another_account(handlers, world, capsys) -> None:
    calls, covered = 0, []
    for cls, name in handlers:
        handler = cls.event_handlers[name]
        if name == "setvar":
            # No auto-setters: a client cannot set any var by name.
            for var in cls.base_vars:
                with pytest.raises(AttributeError):
                    call_handler(cls, name, "", [var, "x"])
                calls += 1
            continue
        access = getattr(handler.fn, ACCESS_ATTR)
        for label, cookie, own_victim, own_staff, must_refuse in _callers(access, world):
            before = _snapshot(own_victim, own_staff), _sessions_of(world.victim_a)
            state = call_handler(cls, name, cookie, _arguments(handler, world))
            calls += 1
            where = f"{cls.__name__}.{name} as {label}"
            assert (_snapshot(own_victim, own_staff), _sessions_of(world.victim_a)) == before, \
                f"{where} changed data"
            shown = repr(state.dict())
            assert SECRET not in shown and world.a_code not in shown, f"{where} leaked"
            if must_refuse and access != "public":
                assert not getattr(state, "allowed", False), f"{where} was let in"
        covered.append(f"{cls.__name__}.{name} [{access}]")
    with capsys.disabled():
        print(f"\naccess control: {len(covered)} handlers, {calls} hostile calls")
        for line in covered:
            print("  " + line)
    assert calls > len(covered)
