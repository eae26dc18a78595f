"""Priority of a conversation: the victim's own answers plus risk rules that match
what they write (suicide, sextortion, threats, intimate images of minors…)."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

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
RAISED = 20  # below this, a conversation waits its turn


def priority_level(priority: int) -> str:
    """A priority in words a counsellor reads at a glance: high, raised or usual."""
    return "high" if priority >= HIGH_RISK else "raised" if priority >= RAISED else "usual"


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


def fold(text: str) -> str:
    """No accents, one kind of apostrophe: phones type « où » as « ou » and ’ as often
    as ', and a rule should not have to spell every variant. (Case is left alone: the
    rules match ignoring it, and lowering a pattern would turn \\S into \\s.)"""
    folded = unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("\u02bc", "'"))
    return unicodedata.normalize("NFC", "".join(c for c in folded
                                                if not unicodedata.combining(c)))


def assess(rules: list[RiskRule], texts: list[str]) -> RiskAssessment:
    """Rules and texts are compared folded (see ``fold``)."""
    folded = [fold(t) for t in texts]
    flags: dict[str, int] = {}
    for rule in rules:
        compiled = _compiled(fold(rule.pattern))
        if compiled and any(compiled.search(t) for t in folded):
            flags[rule.label] = max(flags.get(rule.label, 0), rule.weight)
    return RiskAssessment(sum(flags.values()), tuple(sorted(flags)))


@dataclass(frozen=True)
class CorpusScore:
    precision: float
    recall: float
    wrong: tuple[str, ...]  # "text: expected … got …" for each sentence misread


def corpus() -> list[tuple[str, str, frozenset[str]]]:
    """The sentences the default rules are checked against: (locale, text, categories)."""
    data = json.loads(resources.files("helpline.demo_data").joinpath("risk_corpus.json")
                      .read_text("utf-8"))
    return [(line[0], line[1], frozenset(([] if label == "none" else [label])
                                         + (line[2] if len(line) > 2 else [])))
            for label, lines in data.items() if not label.startswith("_") for line in lines]


def score_rules(rules: list[RiskRule]) -> CorpusScore:
    """Precision and recall of ``rules`` over the corpus, counted per category raised."""
    hits = false_alarms = misses = 0
    wrong: list[str] = []
    for _locale, text, expected in corpus():
        got = set(assess(rules, [text]).flags)
        hits += len(got & expected)
        false_alarms += len(got - expected)
        misses += len(expected - got)
        if got != expected:
            wrong.append(f"{text}: expected {sorted(expected)} got {sorted(got)}")
    return CorpusScore(hits / max(1, hits + false_alarms), hits / max(1, hits + misses),
                       tuple(wrong))


def base_priority(topics: list[str], urgency: int) -> int:
    return sum(TOPIC_WEIGHTS.get(t, 0) for t in set(topics)) + URGENCY_WEIGHT * max(0, urgency)


class RuleError(Refused):
    """A risk rule refused as asked."""


def _require_supervisor(staff: StaffPrincipal | None) -> None:
    require(staff, (Role.supervisor,), RuleError)


def list_rules(db: DbSession, staff: StaffPrincipal | None) -> list[RiskRule]:
    _require_supervisor(staff)
    return list(db.exec(select(RiskRule).order_by(RiskRule.label, RiskRule.locale)).all())


CATEGORIES = ("suicide", "self_harm", "sextortion", "intimate_images", "threats", "doxing",
              "stalking")
# A rule's priority in words, and the weight each adds to a conversation's priority.
PRIORITY_WEIGHTS = {"vital": 100, "very_high": 70, "high": 50, "raised": 20}


def priority_word(weight: int) -> str:
    """The word for a rule's weight: the highest level it reaches."""
    return next((word for word, floor in PRIORITY_WEIGHTS.items() if weight >= floor), "raised")


def phrases_pattern(phrases: list[str]) -> str:
    """Words or sentences as a pattern matching any of them (folded, like the text)."""
    kept = [" ".join(fold(p).split()) for p in phrases]
    return "|".join(re.escape(p) for p in dict.fromkeys(k for k in kept if k))


def phrases_of(pattern: str) -> list[str] | None:
    """The phrases a pattern was made of, or None for a hand-written expression."""
    found = [re.sub(r"\\(.)", r"\1", part) for part in pattern.split("|")]
    return found if found and phrases_pattern(found) == pattern else None


def try_sentence(db: DbSession, staff: StaffPrincipal | None, sentence: str) -> list[str]:
    """The categories the active rules raise for a sample sentence (the editor's test
    box: nothing is stored)."""
    _require_supervisor(staff)
    return list(assess(active_rules(db), [sentence[:2000]]).flags)


def add_rule(db: DbSession, staff: StaffPrincipal | None, *, label: str, locale: str,
             pattern: str = "", weight: int | None = None, phrases: list[str] | None = None,
             priority: str = "") -> RiskRule:
    """A new rule, from phrases (one per line, in plain words) or a regular expression
    for those who want one, with a priority in words (or a raw weight). A pattern that
    is not a valid regex is refused, never stored."""
    _require_supervisor(staff)
    if priority:
        if priority not in PRIORITY_WEIGHTS:
            raise RuleError("weight_invalid")
        weight = PRIORITY_WEIGHTS[priority]
    if weight is None:
        raise RuleError("weight_invalid")
    if not pattern.strip() and phrases:
        pattern = phrases_pattern(phrases)
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
