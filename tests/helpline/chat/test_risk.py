import pytest
from sqlmodel import select

from helpline.chat import risk
from helpline.demo import seed_risk_rules
from helpline.models import RiskRule


def _rule(label: str, pattern: str, weight: int = 10) -> RiskRule:
    return RiskRule(label=label, locale="fr", pattern=pattern, weight=weight)


@pytest.mark.parametrize(("topics", "urgency", "expected"), [
    ([], 0, 0),
    (["other"], 0, 0),
    (["insults"], 3, 5 + 30),
    (["intimate_images", "threats"], 2, 30 + 25 + 20),
    (["threats", "threats", "unknown"], 0, 25),  # each known topic counts once
    (["insults"], -2, 5),
])
def test_base_priority_from_topics_and_urgency(topics, urgency, expected) -> None:
    assert risk.base_priority(topics, urgency) == expected


def test_assess_sums_labels_and_keeps_the_strongest_rule_per_label() -> None:
    rules = [_rule("suicide", "en finir", 100), _rule("suicide", "mourir", 40),
             _rule("threats", "menac", 50), _rule("other", "jamais vu", 5)]
    assessment = risk.assess(rules, ["Il me MENACE", "je veux mourir, en finir"])
    assert assessment == risk.RiskAssessment(150, ("suicide", "threats"))
    assert risk.assess(rules, []) == risk.RiskAssessment(0, ())


@pytest.mark.parametrize("pattern", ["(en finir", "[a-", "*", "(?P<x>a)(?P<x>b)"])
def test_a_broken_pattern_is_ignored(pattern) -> None:
    rules = [_rule("broken", pattern, 500), _rule("suicide", "en finir", 100)]
    assert risk.assess(rules, ["je veux en finir *"]) == risk.RiskAssessment(100, ("suicide",))


def test_only_active_rules_are_used(db) -> None:
    db.add_all([_rule("on", "a"), RiskRule(label="off", locale="fr", pattern="a", active=False)])
    db.flush()
    assert [r.label for r in risk.active_rules(db)] == ["on"]


@pytest.mark.parametrize(("text", "labels"), [
    ("je veux en finir", ("suicide",)),
    ("J'ai plus envie de vivre", ("suicide",)),
    ("I just want to die", ("suicide",)),
    ("il me fait du chantage avec mes nudes", ("intimate_images", "sextortion")),
    ("il veut diffuser mes photos intimes", ("intimate_images", "sextortion")),
    ("je sais où tu habites, il m'a écrit", ("threats",)),
    ("je me scarifie depuis", ("self_harm",)),
    ("on se moque de moi au collège", ()),
])
def test_the_seeded_rules(db, text, labels) -> None:
    seed_risk_rules(db)
    db.flush()
    assert len(db.exec(select(RiskRule)).all()) == 10
    assert risk.assess(risk.active_rules(db), [text]).flags == labels


def test_seeding_twice_adds_nothing(db) -> None:
    seed_risk_rules(db)
    db.flush()
    seed_risk_rules(db)
    db.flush()
    assert len(db.exec(select(RiskRule)).all()) == 10
