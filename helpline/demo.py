"""Demo content for the embedded default: platforms, quiz, practical sheets and staff
logins.

Idempotent: running it again changes nothing that is already there.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from sqlmodel import Session as DbSession
from sqlmodel import select

from helpline.identity.staff_accounts import create_staff
from helpline.models import (
    CannedResponse,
    Platform,
    QuizVersion,
    RiskRule,
    StaffUser,
)
from helpline.models._common import utcnow
from helpline.news import import_sheets

# Only ever seeded in local mode (the CLI refuses elsewhere); printed by `make run`.
DEMO_STAFF_PASSWORD = "demo-abri-3018"  # noqa: S105  (public demo value)


def _load(name: str):
    return json.loads(resources.files("helpline.demo_data").joinpath(name).read_text("utf-8"))


def seed_platforms(db: DbSession) -> None:
    for entry in _load("platforms.json"):
        if db.exec(select(Platform).where(Platform.slug == entry["slug"])).first() is None:
            db.add(Platform(**entry))


def seed_quiz(db: DbSession) -> None:
    """Version 1 of the quiz, published, when there is no quiz yet."""
    if db.exec(select(QuizVersion)).first() is None:
        db.add(QuizVersion(status="published", document=_load("quiz.json"),
                           published_at=utcnow()))


def seed_news(db: DbSession) -> int:
    """Every practical sheet of ``demo_data/sheets/<locale>/<slug>.md``, published."""
    return import_sheets(db, Path(str(resources.files("helpline.demo_data"))) / "sheets")


def demo_staff() -> list[dict]:
    return _load("staff.json")


def seed_staff(db: DbSession) -> list[dict]:
    accounts = demo_staff()
    for entry in accounts:
        if db.exec(select(StaffUser).where(StaffUser.email == entry["email"])).first() is None:
            create_staff(db, password=DEMO_STAFF_PASSWORD, **entry)
    return accounts


def seed_risk_rules(db: DbSession) -> None:
    """The default rules for every category not yet there (a category added to the
    defaults reaches an existing helpline; rules a supervisor edited stay theirs)."""
    present = set(db.exec(select(RiskRule.label, RiskRule.locale)).all())
    db.add_all(RiskRule(**rule) for rule in _load("risk_rules.json")
               if (rule["label"], rule["locale"]) not in present)


def seed_canned_responses(db: DbSession) -> None:
    if db.exec(select(CannedResponse)).first() is None:
        db.add_all(CannedResponse(**entry) for entry in _load("canned_responses.json"))


def seed_demo(db: DbSession) -> list[dict]:
    seed_platforms(db)
    seed_risk_rules(db)
    seed_canned_responses(db)
    seed_quiz(db)
    seed_news(db)
    return seed_staff(db)
