"""What « Mon espace » and the lock screen do with values no page of Abri sends: a kind
refusal on the page, nothing changed, never an exception (argon2 cannot hash a lone
surrogate, the database cannot store one)."""

from __future__ import annotations

import pytest

from helpline.identity import victims
from helpline.identity.sessions import VICTIM_COOKIE
from tests.factories import call_handler
from victim_app.space.state import SpaceState
from victim_app.state import UnlockState

LONE = "\ud800"


@pytest.fixture
def cookie(db) -> str:
    token = victims.start(db)
    db.commit()
    return f"{VICTIM_COOKIE}={token}"


@pytest.mark.parametrize(("handler", "form", "code"), [
    ("save_pin", {"pin": f"25{LONE}0"}, "invalid"),
    ("save_pin", {"pin": ["2580"]}, "invalid"),
    ("save_pin", {"pin": "2" * 21}, "too_long"),
    ("confirm_code", {"code": LONE}, "invalid"),
    ("save_profile", {"nickname": f"Lou{LONE}", "age_band": "none"}, "invalid"),
    ("save_profile", {"nickname": "Lou", "age_band": {"x": 1}}, "invalid"),
])
def test_a_space_form_with_a_bad_value_is_refused(db, cookie, handler, form, code) -> None:
    state = call_handler(SpaceState, handler, cookie, [form])
    assert state.error == code
    assert not state.has_pin and state.nickname == ""


def test_the_lock_screen_refuses_a_pin_that_is_not_text(db, cookie) -> None:
    state = call_handler(UnlockState, "unlock", cookie, [{"pin": LONE}])
    assert state.error == "invalid"
