"""The victim's case file as the console shows it beside the chat."""

from __future__ import annotations

from helpline.cases.casefile import CaseFile
from helpline.i18n import Locale, t
from staff_app import labels
from staff_app.cases.evidence import evidence_rows


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def facts(case: CaseFile, locale: Locale) -> dict[str, str]:
    victim = case.victim
    return {"nickname": victim.nickname,
            "age_band": t(locale, f"profile.age.{victim.age_band}") if victim.age_band else "",
            "previous": str(victim.previous_count),
            "since": _day(victim.member_since)}


def previous(case: CaseFile, locale: Locale) -> list[dict[str, str]]:
    return [{
        "id": c.id,
        "title": " · ".join([_day(c.created_at),
                             *([labels.topics(locale, c.topics)] if c.topics else [])]),
        "outcome": t(locale, f"console.outcome.{c.outcome_code}") if c.outcome_code else "",
        "counsellor": c.counsellor_name, "flags": labels.flags(locale, c.risk_flags),
        "note": c.wrap_up_note,
        "notes": "\n".join(f"{n.author}: {n.text}" for n in c.notes),
    } for c in case.previous]


def evidence(case: CaseFile, locale: Locale) -> list[dict[str, str]]:
    """Shown as « Dossiers » shows it (staff_app.cases.evidence)."""
    return evidence_rows(case.evidence, locale)


def takedowns(case: CaseFile, locale: Locale) -> list[dict[str, str]]:
    return [{"id": d.id, "platform": d.platform, "status": t(locale, f"takedown.{d.status}"),
             "since": _day(d.created_at)} for d in case.takedowns]


def quiz_results(case: CaseFile, locale: Locale) -> list[dict[str, str]]:
    """The quiz results the young person chose to show, with their version."""
    return [{"title": " · ".join([_day(r.at), t(locale, "console.case.quiz_version",
                                                 version=str(r.version_id))]),
             "forms": ", ".join(r.forms) or t(locale, "console.case.quiz_nothing"),
             "danger": "1" if r.danger else ""} for r in case.quiz_results]
