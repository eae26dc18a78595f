"""The console names topics and risk flags in words, not as stored keys."""

import json
from importlib import resources

from helpline.chat import TOPICS
from helpline.i18n import LOCALES
from staff_app import labels


def test_every_topic_and_demo_risk_flag_has_words_in_both_languages() -> None:
    demo = json.loads(resources.files("helpline.demo_data").joinpath("risk_rules.json")
                      .read_text("utf-8"))
    flags = sorted({rule["label"] for rule in demo})
    for locale in LOCALES:
        shown = labels.flags(locale, flags) + ", " + labels.topics(locale, TOPICS)
        assert "_" not in shown, shown
    assert labels.flags("fr", ["sextortion", "self_harm"]) == "Sextorsion, Automutilation"
    assert labels.topics("en", ["threats", "intimate_images"]) == (
        "Threats, Intimate photos or videos")


def test_a_label_a_supervisor_made_up_shows_as_written() -> None:
    assert labels.flags("fr", ["chantage_argent", "threats"]) == "chantage argent, Menaces"
    assert labels.flags("en", []) == ""
