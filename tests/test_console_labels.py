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


def _audited_actions() -> set[str]:
    """Every action the code writes to the audit log (the literal keys of each
    ``record(…)`` call, ternaries included)."""
    import re
    from pathlib import Path

    actions: set[str] = set()
    for path in Path(__file__).resolve().parents[1].joinpath("helpline").rglob("*.py"):
        source = path.read_text("utf-8")
        for call in re.finditer(r"record\(\s*db,\s*\w+,\s*(.{0,160}?),\s*\"[a-z_]+\"", source,
                                re.DOTALL):
            actions |= set(re.findall(r"\"([a-z_]+\.[a-z_.]+)\"", call.group(1)))
    return actions


def test_every_audit_action_role_and_object_has_words_in_both_languages() -> None:
    from helpline.models import Role

    actions = _audited_actions()
    assert {"staff.sign_in", "vault.dossier_originals_granted", "risk_rule.disable"} <= actions
    for locale in LOCALES:
        for action in actions:
            assert "." not in labels.action(locale, action), (locale, action)
        assert "_" not in labels.roles(locale, list(Role))
    assert labels.roles("fr", ["takedown_officer", "counsellor"]) == "Retraits, Écoutant·e"
    assert labels.audit_object("fr", "staff", "5", "Camille") == "Membre de l'équipe : Camille"
    assert labels.audit_object("en", "conversation", "c1") == "Conversation: c1"
    assert labels.audit_object("en", "", "") == ""
    for locale in LOCALES:  # every kind of object the log names
        for kind in _audited_objects():
            assert "_" not in labels.audit_object(locale, kind, ""), (locale, kind)


def _audited_objects() -> set[str]:
    import re
    from pathlib import Path

    kinds: set[str] = set()
    for path in Path(__file__).resolve().parents[1].joinpath("helpline").rglob("*.py"):
        kinds |= set(re.findall(r"record\(\s*db,\s*\w+,\s*[^,]+,\s*\"([a-z_]+)\"",
                                path.read_text("utf-8")))
    return kinds
