"""Contenus: what supervisors tune — the risk rules that order the queue and the
ready-made answers counsellors insert."""

from __future__ import annotations

import reflex as rx

from helpline import chat
from helpline.chat import canned, risk
from helpline.db import session_scope
from helpline.i18n import t
from helpline.models import Role
from helpline.text import InputError, client_string
from staff_app import labels
from staff_app.state import StaffState, current_staff, page_locale, staff_event
from uikit.attempt import REFUSED, attempt


class ContentState(StaffState):
    rules: list[dict[str, str]] = []
    tried: str = ""  # the test box's answer: the categories raised, "-" for none
    error: str = ""
    saved: bool = False
    answers: list[dict[str, str]] = []  # every ready-made answer, every team and language
    canned_error: str = ""
    canned_done: str = ""  # "added", "edited" or "deleted": said once on the page
    editing: dict[str, str] = {}  # the answer in the form; empty for a new one
    form_key: int = 0  # changes to re-mount the form with the answer being edited
    confirm_delete: str = ""  # the answer whose deletion waits for a second click

    def _load(self) -> None:
        with session_scope() as db:
            staff = current_staff()
            locale = page_locale(self)
            self.rules = [
                {"id": str(r.id), "label": labels.flags(locale, [r.label]), "locale": r.locale,
                 "pattern": r.pattern, "phrases": " · ".join(risk.phrases_of(r.pattern) or []),
                 "priority": t(locale, f"rules.priority.{risk.priority_word(r.weight)}"),
                 "active": "1" if r.active else ""}
                for r in risk.list_rules(db, staff)
            ]
            self.answers = [{"id": str(a.id), "team": a.team, "locale": a.locale,
                             "title": a.title, "body": a.body}
                            for a in canned.list_all(db, staff)]

    @staff_event(Role.supervisor)
    def load(self) -> None:
        self.error, self.saved, self.canned_error, self.canned_done = "", False, "", ""
        self._load()

    @staff_event(Role.supervisor)
    def add_rule(self, form: dict) -> None:
        def add(db):
            rule = chat.NewRule.from_form(form)
            return risk.add_rule(db, current_staff(), label=rule.category, locale=rule.locale,
                                 pattern=rule.pattern, phrases=rule.phrase_list,
                                 priority=rule.priority)

        added = attempt(self, add, risk.RuleError)
        self.saved = added is not REFUSED
        if self.saved:
            self._load()

    @staff_event(Role.supervisor)
    def try_sentence(self, form: dict) -> None:
        """The test box: which categories the active rules raise for a sample."""
        try:
            sample = client_string(form.get("sample"), 2000, token=False)
        except InputError:
            sample = ""
        locale = page_locale(self)
        with session_scope() as db:
            found = risk.try_sentence(db, current_staff(), sample)
        self.tried = labels.flags(locale, found) if found else "-"

    @staff_event(Role.supervisor)
    def set_active(self, rule_id: int, active: bool) -> None:
        rule = str(rule_id)
        if attempt(self, lambda db: risk.set_rule_active(
                db, current_staff(), int(rule) if rule.isdigit() else -1, bool(active)),
                risk.RuleError) is not REFUSED:
            self._load()

    def _canned(self, action, done: str) -> None:
        self.canned_done = ""
        if attempt(self, action, canned.CannedError, field="canned_error") is REFUSED:
            return
        self.canned_done, self.editing, self.confirm_delete = done, {}, ""
        self.form_key += 1
        self._load()

    @staff_event(Role.supervisor)
    def save_canned(self, form: dict) -> None:
        """Add an answer, or save the one being edited (the page holds which one)."""
        editing = self.editing.get("id", "")

        def save(db):
            answer = chat.CannedAnswer.from_form(form)
            return canned.save(db, current_staff(),
                               canned_id=int(editing) if editing.isdigit() else None,
                               team=answer.team, locale=answer.locale, title=answer.title,
                               body=answer.body)

        self._canned(save, "edited" if editing else "added")

    @staff_event(Role.supervisor)
    def edit_canned(self, canned_id: str):
        """Put an answer in the form (it is saved only with « Enregistrer »), and take
        the keyboard there: the form may be far up the page."""
        found = [a for a in self.answers if a["id"] == str(canned_id)]
        self.editing = found[0] if found else {}
        self.canned_error = "" if found else "not_found"
        self.canned_done, self.confirm_delete = "", ""
        self.form_key += 1
        return rx.set_focus("canned-title") if found else None

    @staff_event(Role.supervisor)
    def cancel_edit(self) -> None:
        self.editing, self.canned_error, self.confirm_delete = {}, "", ""
        self.form_key += 1

    @staff_event(Role.supervisor)
    def ask_delete(self, canned_id: str) -> None:
        self.confirm_delete, self.canned_done = str(canned_id)[:20], ""

    @staff_event(Role.supervisor)
    def delete_canned(self) -> None:
        target = self.confirm_delete
        self._canned(lambda db: canned.delete(db, current_staff(),
                                              int(target) if target.isdigit() else -1),
                     "deleted")
