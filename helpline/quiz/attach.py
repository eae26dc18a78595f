"""« Montrer mes réponses au conseiller »: the young person's choice, and the only way a
quiz result reaches the server's storage. The result (never the answers) goes to their
open conversation, or a new one, as a message of its own kind that the counsellor sees
in the thread, and in the case file; it weighs in the queue by the pre-chat's rules."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlmodel import Session as DbSession
from sqlmodel import SQLModel, col, select

from helpline import crypto, events
from helpline.chat import access, messages, queueing
from helpline.chat.triage import open_triage, seal_triage
from helpline.i18n import LOCALES, t
from helpline.identity.victims import VictimPrincipal
from helpline.models import ConversationStatus, QuizResult
from helpline.models._common import aware
from helpline.quiz.content import Outcome, QuizError
from helpline.quiz.versions import result

QUIZ_SENDER = "quiz"  # the thread's message kind for a result shown to the counsellor
_SUMMARY = "quiz-result"  # the encryption label of a stored result


@dataclass
class Shown:
    conversation_id: str
    outcome: Outcome
    events: list[events.DomainEvent] = field(default_factory=list)


def _summary_text(outcome: Outcome, version_id: int, locale: str) -> str:
    lines = [t(locale, "quiz.thread.title", version=str(version_id))]
    lines += [f"• {form.name}" for form in outcome.forms] or [t(locale, "quiz.thread.none")]
    if outcome.danger:
        lines.append(t(locale, "quiz.thread.danger"))
    return "\n".join(lines)


def show_to_counsellor(db: DbSession, victim: VictimPrincipal, version_id: int,
                       answers: list[int], locale: str, *, now: datetime | None = None
                       ) -> Shown:
    """Scored again here on the version they took (a page's own result is never
    trusted), then attached. Their topics join the conversation's and its urgency
    rises to the quiz's, so the queue weighs it as if ticked before the chat."""
    if victim.locked:
        raise QuizError("locked")
    locale = locale if locale in LOCALES else "fr"
    outcome = result(db, version_id, answers, locale)
    current = queueing.current_conversation(db, victim)
    if current is None:
        # Asking to show the result is asking to talk: the queue, with what it says.
        current = queueing.open_conversation(db, victim, topics=list(outcome.topics),
                                             urgency=outcome.urgency, consent=True,
                                             now=now)
    row = access.for_victim(db, victim, current.id, lock=True)
    told = open_triage(row.id, row.triage_enc)
    merged = replace(told, topics=tuple(sorted({*told.topics, *outcome.topics})),
                     urgency=max(told.urgency, outcome.urgency))
    if merged != told:
        row.triage_enc = seal_triage(row.id, merged)
    stored = QuizResult(victim_id=victim.victim_id, version_id=version_id,
                        conversation_id=row.id, score=outcome.score)
    db.add(stored)
    db.flush()
    stored.summary_enc = crypto.seal(_SUMMARY, json.dumps({
        "forms": [f.key for f in outcome.forms], "names": [f.name for f in outcome.forms],
        "danger": outcome.danger, "locale": locale}), f"{victim.victim_id}:{stored.id}")
    db.add(stored)
    messages.store_message(db, row, sender=QUIZ_SENDER, staff_id=None,
                           text=_summary_text(outcome, version_id, locale),
                           client_msg_id=f"quiz-{stored.id}")
    messages._reassess(db, row, "")  # the priority from the merged triage and its flags
    shown = Shown(row.id, outcome, [events.MessagePosted(row.id, sender="victim")])
    if row.status == ConversationStatus.waiting:
        shown.events.append(events.QueueChanged())
    return shown


class QuizResultPublic(SQLModel):
    """A result in the case file: when, which version, what it names."""

    id: int
    version_id: int
    at: str  # ISO time
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
        data = json.loads(crypto.open_sealed(_SUMMARY, r.summary_enc, f"{victim_id}:{r.id}"))
        shown.append(QuizResultPublic(id=r.id, version_id=r.version_id,
                                      at=aware(r.created_at).isoformat(),
                                      forms=list(data.get("names", [])),
                                      danger=bool(data.get("danger"))))
    return shown


