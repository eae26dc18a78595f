"""How well the default risk rules read the corpus of real-sounding sentences
(helpline/demo_data/risk_corpus.json): precision and recall per category raised."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources

from helpline.chat import risk
from helpline.models import RiskRule


def run(report: Callable[[str, float, str], None]) -> None:
    rules = [RiskRule(**rule) for rule in json.loads(
        resources.files("helpline.demo_data").joinpath("risk_rules.json").read_text("utf-8"))]
    score = risk.score_rules(rules)
    report("risk_precision", score.precision, "ratio")
    report("risk_recall", score.recall, "ratio")
    report("risk_corpus_sentences", len(risk.corpus()), "sentences")
