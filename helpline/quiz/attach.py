"""« Montrer mes réponses au conseiller »: the young person's choice, and the only way a
quiz result reaches the server's storage. The result (never the answers) goes to their
open conversation, or a new one, as a message of its own kind that the counsellor sees
in the thread, and in the case file; it weighs in the queue by the pre-chat's rules."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlmodel import Session as DbSession

from helpline import events
from helpline.chat import access, messages, queueing
from helpline.chat.triage import open_triage, seal_triage
from helpline.i18n import LOCALES, t
from helpline.identity.victims import VictimPrincipal
from helpline.models import ConversationStatus, QuizResult
from helpline.quiz.content import Outcome, QuizError
from helpline.quiz.results import seal_summary
from helpline.quiz.versions import result

QUIZ_SENDER = "quiz"  # the thread's message kind for a result shown to the counsellor


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
    stored.summary_enc = seal_summary(stored, outcome, locale)
    db.add(stored)
    messages.store_message(db, row, sender=QUIZ_SENDER, staff_id=None,
                           text=_summary_text(outcome, version_id, locale),
                           client_msg_id=f"quiz-{stored.id}")
    messages.reassess(db, row)  # the priority from the merged triage and its flags
    shown = Shown(row.id, outcome, [events.MessagePosted(row.id, sender="victim")])
    if row.status == ConversationStatus.waiting:
        shown.events.append(events.QueueChanged())
    return shown
