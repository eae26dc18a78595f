"""What the staff workspace's forms do with values no page of Abri sends: a kind
refusal, nothing written, never an exception."""

from __future__ import annotations

import pytest
from sqlmodel import select

from helpline.identity.sessions import STAFF_COOKIE, open_staff_session
from helpline.models import CannedResponse, RiskRule
from staff_app.content.state import ContentState
from staff_app.security.state import SecurityState
from tests.factories import call_handler, staff

LONE = "\ud800"


@pytest.fixture
def supervisor_cookie(db) -> str:
    me = staff(db, "Nadia", roles=("counsellor", "supervisor"))
    cookie = f"{STAFF_COOKIE}={open_staff_session(db, me.staff_id, max_hours=1)}"
    db.commit()
    return cookie


def test_a_risk_rule_that_is_not_text_is_refused(db, supervisor_cookie) -> None:
    before = len(db.exec(select(RiskRule)).all())
    state = call_handler(ContentState, "add_rule", supervisor_cookie,
                         [{"label": f"x{LONE}", "locale": "fr", "pattern": "x", "weight": "5"}])
    assert state.error == "invalid"
    db.expire_all()
    assert len(db.exec(select(RiskRule)).all()) == before


def test_a_ready_answer_that_is_not_text_is_refused(db, supervisor_cookie) -> None:
    before = len(db.exec(select(CannedResponse)).all())
    state = call_handler(ContentState, "save_canned", supervisor_cookie,
                         [{"team": "all", "locale": "fr", "title": "Bonjour", "body": ["x"]}])
    assert state.canned_error == "invalid"
    db.expire_all()
    assert len(db.exec(select(CannedResponse)).all()) == before


def test_a_password_that_is_not_text_is_a_wrong_password(db, supervisor_cookie) -> None:
    state = call_handler(SecurityState, "begin", supervisor_cookie, [{"password": LONE}])
    assert state.refused == "failed" and state.secret == ""
