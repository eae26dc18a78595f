"""Quiz versions: the one young people take (the newest published), the version a
young person started (kept to the end), and the draft supervisors edit and publish."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session as DbSession
from sqlmodel import SQLModel, select

from helpline import audit
from helpline.i18n import LOCALES
from helpline.identity.access import require
from helpline.identity.sessions import StaffPrincipal
from helpline.models import QuizVersion, Role
from helpline.models._common import aware, utcnow
from helpline.quiz.content import (
    RESULT_KINDS,
    Outcome,
    Problem,
    QuestionShown,
    QuizError,
    problems,
    questions_in,
    score,
)
from helpline.quiz.forms import FormEdit, QuestionEdit, ResultEdit

DRAFT, PUBLISHED = "draft", "published"


def _require_supervisor(staff: object) -> StaffPrincipal:
    """Any principal may arrive here (a victim's page can call any handler)."""
    if not isinstance(staff, StaffPrincipal):
        raise QuizError("forbidden")
    return require(staff, (Role.supervisor,), QuizError)


# ---- the young person's side (content is public; answers never reach the database) -------


@dataclass(frozen=True)
class QuizTaken:
    version_id: int
    questions: list[QuestionShown]


def published_document(db: DbSession, version_id: int) -> dict:
    """The document of a published version (a draft is "not_found": only supervisors
    preview drafts)."""
    row = db.get(QuizVersion, version_id) if isinstance(version_id, int) else None
    if row is None or row.status != PUBLISHED:
        raise QuizError("not_found")
    return row.document


def current_version(db: DbSession) -> int:
    found = db.exec(select(QuizVersion.id).where(QuizVersion.status == PUBLISHED)
                    .order_by(QuizVersion.id.desc())).first()
    if found is None:
        raise QuizError("not_found")
    return found


def take(db: DbSession, locale: str, version_id: int | None = None) -> QuizTaken:
    """The questions of ``version_id`` (one already started) or of the current version."""
    version_id = version_id or current_version(db)
    document = published_document(db, version_id)
    return QuizTaken(version_id, questions_in(document, locale if locale in LOCALES else "fr"))


def result(db: DbSession, version_id: int, answers: list[int], locale: str) -> Outcome:
    """Scored on the version the answers were given to."""
    return score(published_document(db, version_id), answers,
                 locale if locale in LOCALES else "fr")


# ---- supervisors: the draft, its preview, publishing -------------------------------------


class VersionPublic(SQLModel):
    id: int
    status: str
    created_at: datetime
    published_at: datetime | None


@dataclass(frozen=True)
class EditorView:
    draft_id: int
    document: dict  # a copy: the page edits nothing in place
    problems: list[Problem]
    versions: list[VersionPublic]  # newest first


def _draft(db: DbSession, staff: StaffPrincipal) -> QuizVersion:
    """The draft being edited; the first edit after a publication starts one from the
    newest published version."""
    draft = db.exec(select(QuizVersion).where(QuizVersion.status == DRAFT)
                    .order_by(QuizVersion.id)).first()
    if draft is not None:
        return draft
    base = db.exec(select(QuizVersion).where(QuizVersion.status == PUBLISHED)
                   .order_by(QuizVersion.id.desc())).first()
    if base is None:
        raise QuizError("not_found")
    draft = QuizVersion(status=DRAFT, document=copy.deepcopy(base.document),
                        created_by_staff_id=staff.staff_id)
    db.add(draft)
    db.flush()
    audit.record(db, staff, "quiz.draft", "quiz_version", draft.id, f"from {base.id}")
    return draft


def editor(db: DbSession, staff: StaffPrincipal | None) -> EditorView:
    staff = _require_supervisor(staff)
    draft = _draft(db, staff)
    versions = db.exec(select(QuizVersion).order_by(QuizVersion.id.desc()).limit(20)).all()
    return EditorView(draft_id=draft.id, document=copy.deepcopy(draft.document),
                      problems=problems(draft.document),
                      versions=[VersionPublic(id=v.id, status=v.status,
                                              created_at=aware(v.created_at),
                                              published_at=aware(v.published_at)
                                              if v.published_at else None) for v in versions])


def _edit(db: DbSession, staff: StaffPrincipal | None, change, what: str) -> EditorView:
    staff = _require_supervisor(staff)
    draft = _draft(db, staff)
    document = copy.deepcopy(draft.document)
    change(document)
    draft.document = document  # a new object: the JSON column sees the change
    db.add(draft)
    db.flush()
    audit.record(db, staff, "quiz.edit", "quiz_version", draft.id, what)
    return editor(db, staff)


def save_question(db: DbSession, staff: StaffPrincipal | None, index: int,
                  edit: QuestionEdit) -> EditorView:
    """A question's texts per language, the form it points to and its choices' weights."""
    def change(document: dict) -> None:
        questions = document.get("questions", [])
        if not isinstance(index, int) or not 0 <= index < len(questions):
            raise QuizError("not_found")
        if edit.form not in document.get("forms", {}):
            raise QuizError("invalid")
        question = questions[index]
        if len(edit.weights) != len(question["choices"]):
            raise QuizError("invalid")
        question["form"] = edit.form
        question["text"] = dict(edit.text)
        question["help"] = dict(edit.help)
        for choice, weight in zip(question["choices"], edit.weights, strict=True):
            choice["weight"] = weight

    return _edit(db, staff, change, f"question {index + 1}")


def save_result(db: DbSession, staff: StaffPrincipal | None, kind: str,
                edit: ResultEdit) -> EditorView:
    def change(document: dict) -> None:
        if kind not in RESULT_KINDS:
            raise QuizError("not_found")
        document.setdefault("results", {})[kind] = {"title": dict(edit.title),
                                                    "body": dict(edit.body)}

    return _edit(db, staff, change, f"result {kind}")


def save_form(db: DbSession, staff: StaffPrincipal | None, key: str,
              edit: FormEdit) -> EditorView:
    """What the result says of one form: its name, what it means, what the law says."""
    def change(document: dict) -> None:
        form = document.get("forms", {}).get(key)
        if form is None:
            raise QuizError("not_found")
        form.update(name=dict(edit.name), explain=dict(edit.explain), law=dict(edit.law))

    return _edit(db, staff, change, f"form {key}")


def publish(db: DbSession, staff: StaffPrincipal | None) -> int:
    """The draft becomes the newest published version (results already given keep
    theirs). Refused while any text lacks a translation."""
    staff = _require_supervisor(staff)
    draft = _draft(db, staff)
    found = problems(draft.document)
    if found:
        raise QuizError("missing_translation" if any(p.code == "missing_translation"
                                                     for p in found) else "invalid")
    draft.status, draft.published_at = PUBLISHED, utcnow()
    db.add(draft)
    db.flush()
    audit.record(db, staff, "quiz.publish", "quiz_version", draft.id)
    return draft.id


def preview(db: DbSession, staff: StaffPrincipal | None, locale: str) -> list[QuestionShown]:
    """The draft's questions as a young person would see them."""
    view = editor(db, staff)
    return questions_in(view.document, locale if locale in LOCALES else "fr")
