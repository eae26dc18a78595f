"""What the chat states do with values no page of Abri sends: a refusal code on the
page, nothing stored, never an exception."""

from __future__ import annotations

import pytest
from sqlalchemy import func
from sqlmodel import select

from helpline.identity import victims
from helpline.identity.sessions import STAFF_COOKIE, VICTIM_COOKIE, open_staff_session
from helpline.models import Message
from staff_app.console.state import ConsoleState
from tests.factories import call_handler, run_handler
from tests.helpline.chat.test_service import OPEN_AT, _staff
from victim_app.chat.state import ChatState

LONE = "\ud800"  # what JSON's "\ud800" becomes: a str no database can store


def _again(state, name: str, *args) -> None:
    """The same page sends another event."""
    run_handler(state, name, *args)


def _messages(db) -> int:
    db.expire_all()
    return db.exec(select(func.count()).select_from(Message)).one()


@pytest.fixture
def victim_cookie(db) -> str:
    from helpline import chat

    token = victims.start(db)
    chat.open_conversation(db, victims.resolve(db, token), topics=[], urgency=0,
                           consent=True, now=OPEN_AT)
    db.commit()
    return f"{VICTIM_COOKIE}={token}"


@pytest.mark.parametrize(("form", "code"), [
    ({"text": "bonjour", "send_id": LONE}, "invalid"),
    ({"text": "bonjour", "send_id": "a" * 65}, "too_long"),
    ({"text": "bonjour", "send_id": ["a"]}, "invalid"),
    ({"text": f"bonjour {LONE}", "send_id": "a1b2"}, "invalid"),
    ({"text": 42, "send_id": "a1b2"}, "invalid"),
])
def test_a_victim_send_with_a_bad_value_is_refused(db, victim_cookie, form, code) -> None:
    state = call_handler(ChatState, "send", victim_cookie, [form])
    assert state.error == code
    assert _messages(db) == 0


def test_a_refused_send_id_is_listed_for_the_outbox(db, victim_cookie) -> None:
    first = call_handler(ChatState, "send", victim_cookie, [{"text": "\u200b", "send_id": "a1"}])
    assert first.error == "empty" and first.refused == "a1"
    for n in range(2, 14):
        _again(first, "send", {"text": " ", "send_id": f"a{n}"})
    assert first.refused.split() == [f"a{n}" for n in range(4, 14)]  # the last ten
    _again(first, "send", {"text": "ça va mieux", "send_id": "b1"})
    assert first.error == "" and "b1" not in first.refused.split()
    assert _messages(db) == 1


def test_a_pre_chat_urgency_that_is_not_a_number_is_refused(db, data_dir) -> None:
    cookie = f"{VICTIM_COOKIE}={victims.start(db)}"
    db.commit()
    state = call_handler(ChatState, "start", cookie, [{"consent": "on", "urgency": "²"}])
    assert state.error == "invalid" and state.status == ""


@pytest.fixture
def counsellor(db, victim_cookie) -> tuple[str, ConsoleState]:
    from helpline import chat

    me = _staff(db)
    taken = chat.take_next(db, me)
    cookie = f"{STAFF_COOKIE}={open_staff_session(db, me.staff_id, max_hours=1)}"
    db.commit()
    state = call_handler(ConsoleState, "open", cookie, [taken.id])
    assert state.current_id == taken.id
    return cookie, state


@pytest.mark.parametrize("form", [
    {"text": "bonjour", "send_id": LONE},
    {"text": f"bonjour {LONE}", "send_id": "a1b2"},
])
def test_a_counsellor_send_with_a_bad_value_is_refused(db, counsellor, form) -> None:
    _cookie, state = counsellor
    _again(state, "send", form)
    assert state.error == "invalid"
    assert _messages(db) == 0


@pytest.mark.parametrize(("handler", "args", "code"), [
    ("open", [LONE], ""),  # no such conversation: nothing opens
    ("answer", [LONE], "invalid"),
    ("use_canned", [LONE], "invalid"),
    ("transfer", [{"to": LONE, "note": "x"}], "invalid"),
    ("transfer", [{"to": "specialty:lawyer", "note": "x" * 1001}], "too_long"),
    ("reassign", [{"conversation": LONE, "to": "1"}], "invalid"),
    ("wrap_up", [{"outcome": LONE, "note": "x"}], "invalid"),
    ("wrap_up", [{"outcome": "advice", "note": LONE}], "invalid"),
])
def test_console_arguments_are_checked(db, counsellor, handler, args, code) -> None:
    cookie, _state = counsellor
    if handler == "reassign":
        from helpline.identity.staff_accounts import create_staff
        from helpline.models import Role

        boss = create_staff(db, email="chef@abri.example", display_name="Chef",
                            password=None, roles=[Role.supervisor])
        cookie = f"{STAFF_COOKIE}={open_staff_session(db, boss.id, max_hours=1)}"
        db.commit()
    state = call_handler(ConsoleState, handler, cookie, args)
    assert state.error == code
