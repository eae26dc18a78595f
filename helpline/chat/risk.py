"""Priority of a conversation: the victim's own answers plus risk rules that match
what they write (suicide, sextortion, threats, intimate images of minors…)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sqlmodel import Session as DbSession
from sqlmodel import select

from helpline import audit
from helpline.errors import Refused
from helpline.identity.access import require
from helpline.identity.sessions import StaffPrincipal
from helpline.models import RiskRule, Role

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


class RuleError(Refused):
    """A risk rule refused as asked."""


def _require_supervisor(staff: StaffPrincipal | None) -> None:
    require(staff, (Role.supervisor,), RuleError)


def list_rules(db: DbSession, staff: StaffPrincipal | None) -> list[RiskRule]:
    _require_supervisor(staff)
    return list(db.exec(select(RiskRule).order_by(RiskRule.label, RiskRule.locale)).all())


def add_rule(db: DbSession, staff: StaffPrincipal | None, *, label: str, locale: str,
             pattern: str, weight: int) -> RiskRule:
    """A new rule; a pattern that is not a valid regex is refused, never stored."""
    _require_supervisor(staff)
    label, pattern = label.strip().lower().replace(" ", "_"), pattern.strip()
    if not re.fullmatch(r"[a-z0-9_]{2,40}", label):
        raise RuleError("label_invalid")
    if locale not in ("fr", "en"):
        raise RuleError("locale_invalid")
    if not pattern or len(pattern) > 500:
        raise RuleError("pattern_invalid")
    try:
        re.compile(pattern, re.IGNORECASE)
    except re.error:
        raise RuleError("pattern_invalid") from None
    if not 0 <= weight <= 200:
        raise RuleError("weight_invalid")
    rule = RiskRule(label=label, locale=locale, pattern=pattern, weight=weight)
    db.add(rule)
    db.flush()
    audit.record(db, staff, "risk_rule.add", "risk_rule", rule.id, label)
    return rule


def set_rule_active(db: DbSession, staff: StaffPrincipal | None, rule_id: int,
                    active: bool) -> None:
    _require_supervisor(staff)
    rule = db.get(RiskRule, rule_id)
    if rule is None:
        raise RuleError("not_found")
    rule.active = active
    db.add(rule)
    audit.record(db, staff, "risk_rule.enable" if active else "risk_rule.disable",
                 "risk_rule", rule.id)
