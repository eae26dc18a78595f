"""The quiz page's state: the answers stay server-side in the page and nothing reaches
the database until the young person shows the result to a counsellor."""

from __future__ import annotations

from sqlmodel import func, select

from helpline.identity import victims
from helpline.identity.sessions import VICTIM_COOKIE
from helpline.models import Conversation, Message, QuizResult
from tests.factories import call_handler, quiz_version, run_handler
from victim_app.quiz.state import QuizState


def _rows(db) -> list[int]:
    return [db.exec(select(func.count()).select_from(m)).one()
            for m in (Conversation, Message, QuizResult)]


def test_answers_stay_in_the_page_until_shown(db) -> None:
    quiz_version(db)
    token = victims.start(db)
    db.commit()
    state = call_handler(QuizState, "begin", f"{VICTIM_COOKIE}={token}", ["fr"])
    assert state.phase == "question" and state.total >= 12
    for _ in range(state.total):
        run_handler(state, "answer", {"choice": "2", "locale": "fr"})
    assert state.phase == "result" and state.kind == "danger"
    # The answers are backend vars: no delta sends them to the browser.
    assert state._answers and "_answers" not in repr(state.dict())
    db.expire_all()
    assert _rows(db) == [0, 0, 0]
    run_handler(state, "share", "fr")
    assert state.shared and state.error == ""
    db.expire_all()
    assert _rows(db) == [1, 1, 1]


def test_an_answer_no_page_sends_is_a_kind_message(db) -> None:
    quiz_version(db)
    token = victims.start(db)
    db.commit()
    state = call_handler(QuizState, "begin", f"{VICTIM_COOKIE}={token}", ["fr"])
    for form in ({"choice": "9"}, {"choice": ["0"]}, {}, "x", {"choice": "0" * 500}):
        run_handler(state, "answer", form)
        assert state.step == 0 and state.error in ("choose", "invalid", "too_long")
