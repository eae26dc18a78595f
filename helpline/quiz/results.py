"""Quiz results a young person chose to show: what each names, sealed to its row, and
the case file's list of them. (No chat import here: the case file reads this module.)"""

from __future__ import annotations

import json
from datetime import datetime

from sqlmodel import Session as DbSession
from sqlmodel import SQLModel, col, select

from helpline import crypto
from helpline.models import QuizResult
from helpline.models._common import aware
from helpline.quiz.content import Outcome

_SUMMARY = "quiz-result"  # the encryption label of a stored result


def _context(victim_id: str, result_id: int) -> str:
    return f"{victim_id}:{result_id}"


def seal_summary(row: QuizResult, outcome: Outcome, locale: str) -> bytes:
    """The forms it names and whether it points to danger; never the answers."""
    return crypto.seal(_SUMMARY, json.dumps({
        "forms": [f.key for f in outcome.forms], "names": [f.name for f in outcome.forms],
        "danger": outcome.danger, "locale": locale}), _context(row.victim_id, row.id))


class QuizResultPublic(SQLModel):
    """A result in the case file: when, which version, what it names."""

    id: int
    version_id: int
    at: datetime
    forms: list[str]  # the forms' names, as the young person saw them
    danger: bool


def results_for_victim(db: DbSession, victim_id: str, limit: int = 10
                       ) -> list[QuizResultPublic]:
    """The results a person chose to show, newest first; the caller (the case file) has
    checked access."""
    rows = db.exec(select(QuizResult).where(QuizResult.victim_id == victim_id,
                                            col(QuizResult.summary_enc).is_not(None))
                   .order_by(QuizResult.id.desc()).limit(limit)).all()
    shown = []
    for r in rows:
        data = json.loads(crypto.open_sealed(_SUMMARY, r.summary_enc, _context(victim_id, r.id)))
        shown.append(QuizResultPublic(id=r.id, version_id=r.version_id,
                                      at=aware(r.created_at),
                                      forms=list(data.get("names", [])),
                                      danger=bool(data.get("danger"))))
    return shown


