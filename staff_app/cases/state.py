"""« Dossiers »: the people the helpline accompanies, newest activity first, each with
the evidence they chose to share. Live: a share or a withdrawal reloads the list, so a
withdrawn item leaves the screen at once."""

from __future__ import annotations

import dataclasses

from helpline import events, vault
from helpline.i18n import Locale, t
from staff_app.cases import CASE_ROLES
from staff_app.cases.evidence import evidence_rows, moment
from staff_app.state import StaffState, current_staff, page_locale, staff_event
from uikit import live
from uikit.attempt import REFUSED, attempt


@dataclasses.dataclass
class PersonRow:
    key: str = ""  # the page's own handle for the card, not the account id
    name: str = ""
    last: str = ""  # newest activity
    count: str = ""
    evidence: list[dict[str, str]] = dataclasses.field(default_factory=list)
    dossier_item: str = ""  # "" when nothing was shared to report or remove


def person_row(index: int, person, locale: Locale) -> PersonRow:
    return PersonRow(key=f"person-{index}",
                     name=person.nickname or t(locale, "staff.cases.unnamed"),
                     last=moment(person.last_activity),
                     count=str(len(person.items)),
                     evidence=evidence_rows(person.items, locale),
                     dossier_item=person.dossier_item)


class CasesState(StaffState):
    people: list[PersonRow] = []
    loaded: bool = False
    error: str = ""
    locale: str = "fr"

    def _load(self) -> None:
        people = attempt(self, lambda db: vault.people_with_evidence(db, current_staff()))
        if people is REFUSED:
            self.people = []
            return
        self.people = [person_row(i, p, self.locale) for i, p in enumerate(people)]
        self.loaded = True
        live.watch(events.SHARED_EVIDENCE, CasesState, self.router.session.client_token)

    @staff_event(*CASE_ROLES)
    def load(self) -> None:
        self.locale = page_locale(self)
        self._load()

    @staff_event(*CASE_ROLES)
    def refresh_from_push(self) -> None:
        """Someone shared or withdrew evidence: show what is shared now."""
        self._load()


live.subscribe(CasesState, {events.VaultShared: "refresh_from_push"})
