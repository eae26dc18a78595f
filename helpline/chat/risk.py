"""Priority of a conversation: the victim's own answers plus risk rules that match
what they write (suicide, sextortion, threats, intimate images of minors…)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sqlmodel import Session as DbSession
from sqlmodel import select

from helpline.models import RiskRule

TOPIC_WEIGHTS = {"intimate_images": 30, "threats": 25, "impersonation": 10, "insults": 5,
                 "rumours": 5, "exclusion": 5, "other": 0}
URGENCY_WEIGHT = 10  # per step of "how urgent it feels" (0-3)
HIGH_RISK = 50


@dataclass(frozen=True)
class RiskAssessment:
    score: int
    flags: tuple[str, ...]


@lru_cache(maxsize=512)
def _compiled(pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error:
        return None  # a broken rule must not break the chat; the editor validates


def active_rules(db: DbSession) -> list[RiskRule]:
    return list(db.exec(select(RiskRule).where(RiskRule.active)).all())


def assess(rules: list[RiskRule], texts: list[str]) -> RiskAssessment:
    flags: dict[str, int] = {}
    for rule in rules:
        compiled = _compiled(rule.pattern)
        if compiled and any(compiled.search(t) for t in texts):
            flags[rule.label] = max(flags.get(rule.label, 0), rule.weight)
    return RiskAssessment(sum(flags.values()), tuple(sorted(flags)))


def base_priority(topics: list[str], urgency: int) -> int:
    return sum(TOPIC_WEIGHTS.get(t, 0) for t in set(topics)) + URGENCY_WEIGHT * max(0, urgency)
